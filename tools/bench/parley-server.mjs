// Parley as the channel benchmarks spawn it: the built api (and optionally more api nodes and a
// worker) on a scratch PostgreSQL database or SQLite file, with a private redis-server or none,
// logging to a temp folder. Every resource is registered in `cleanups` (run them in order on exit).
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, privateRedis, ROOT, scratchPgDatabase, sleep, stopChild, waitForHttp } from './lib.mjs';

const require = createRequire(import.meta.url);

export const BENCH_ADMIN = { email: 'bench@parley.local', password: 'bench-password-123' };

/**
 * @param {object} o
 * @param {'postgres'|'sqlite'} o.db
 * @param {string} o.redis 'none' | 'private' | a redis:// URL
 * @param {string} o.runId prefixes the queue and names the scratch database
 * @param {Array<() => unknown>} o.cleanups
 * @param {(...a: unknown[]) => void} o.log
 * @param {string} [o.role] PARLEY_ROLE of the api process ('all' by default)
 * @param {number} [o.apiNodes] with role 'api': this many api processes, same PUBLIC_URL (a load balancer's)
 * @param {boolean} [o.workerNow] start the worker process with the api (role 'api')
 * @param {string} [o.cpuProf] directory: CPU-profile the (first) api process into it
 * @param {string} [o.nodeArgs] extra node flags for the api processes
 * @param {boolean} [o.keep] keep the database and logs
 * @param {string} [o.publicUrl] PUBLIC_URL, when not the server's own address (a proxy's in front of it)
 */
export async function spawnParley(o) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env };
  delete env.REDIS_URL;
  let dbUrl;
  if (o.db === 'postgres') {
    const db = await scratchPgDatabase(`bench_${o.runId}`);
    o.cleanups.push(() => (o.keep ? o.log(`kept database ${db.name}`) : db.drop()));
    dbUrl = db.url;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
    o.cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    dbUrl = `sqlite:${join(dir, 'parley.sqlite')}`;
  }
  if (o.redis === 'private') {
    const redis = await privateRedis();
    o.cleanups.push(() => redis.stop());
    env.REDIS_URL = redis.url;
  } else if (o.redis !== 'none') {
    env.REDIS_URL = o.redis;
  }
  Object.assign(env, {
    PORT: String(port),
    PUBLIC_URL: o.publicUrl ?? base,
    DATABASE_URL: dbUrl,
    ADMIN_EMAIL: BENCH_ADMIN.email,
    ADMIN_PASSWORD: BENCH_ADMIN.password,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    // Production needs the key that seals secrets at rest; a bench run makes its own.
    PARLEY_ENCRYPTION_KEY: process.env.PARLEY_ENCRYPTION_KEY || randomBytes(32).toString('base64'),
    // Production mode needs JWT_SECRET; one fixed value lets several bench nodes accept each other's tokens.
    JWT_SECRET: process.env.JWT_SECRET || 'parley-bench-only-jwt-secret-0123456789',
    PARLEY_QUEUE_PREFIX: `parley-bench-${o.runId}`,
    SMTP_INBOUND_PORT: '0',
    PARLEY_DIST_DIR: join(ROOT, 'dist/apps'),
    PARLEY_ROLE: o.role ?? 'all',
  });
  const logDir = mkdtempSync(join(tmpdir(), 'parley-bench-log-'));
  o.cleanups.push(() => (o.keep ? o.log(`kept logs in ${logDir}`) : rmSync(logDir, { recursive: true, force: true })));
  const start = (script, name, extraEnv = {}) => {
    const fd = openSync(join(logDir, `${name}.log`), 'a');
    const args = o.cpuProf && name === 'api' ? ['--cpu-prof', '--cpu-prof-dir', o.cpuProf, '-r', join(ROOT, 'tools/bench/exit-on-signal.cjs')] : [];
    if (name.startsWith('api') && o.nodeArgs) args.push(...o.nodeArgs.split(' ').filter(Boolean));
    const child = spawn(process.execPath, [...args, join(ROOT, script)], { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    o.cleanups.unshift(async () => {
      // exit-on-signal.cjs turns SIGUSR2 into a normal exit, which writes the .cpuprofile.
      if (o.cpuProf && name === 'api' && child.exitCode == null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGUSR2');
        await Promise.race([exited, sleep(15_000)]);
      }
      await stopChild(child);
    });
    return child;
  };
  const api = start('dist/apps/api/src/main.js', 'api');
  const more = [];
  for (let i = 2; o.role === 'api' && i <= (o.apiNodes ?? 1); i++) {
    const p = await freePort();
    more.push({ port: p, child: start('dist/apps/api/src/main.js', `api${i}`, { PORT: String(p) }) });
  }
  const startWorker = () => start('dist/apps/worker/src/main.js', 'worker', { PARLEY_ROLE: 'worker' });
  const worker = o.role === 'api' && o.workerNow ? startWorker() : null;
  try {
    const health = await waitForHttp(`${base}/health`, 90_000, () => api.exitCode == null);
    for (const node of more) await waitForHttp(`http://127.0.0.1:${node.port}/health`, 90_000, () => node.child.exitCode == null);
    return { base, api, worker, startWorker, health, dbUrl, logDir, ports: [port, ...more.map((n) => n.port)], pids: [api.pid, ...more.map((n) => n.child.pid)] };
  } catch (err) {
    o.log(readFileSync(join(logDir, 'api.log'), 'utf8').slice(-4000));
    throw err;
  }
}

/** A JSON call to Parley's REST API; throws with the status and body on a non-2xx answer. */
export async function apiCall(base, method, path, body, token) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Message rows stored for an inbox, and how many distinct provider ids, read straight from the database. */
export async function storedCount(dbUrl, inboxId) {
  if (dbUrl.startsWith('postgres')) {
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    try {
      const { rows } = await c.query('SELECT count(*)::int AS n, count(DISTINCT provider_message_id)::int AS d FROM messages WHERE inbox_id = $1', [inboxId]);
      return rows[0];
    } finally {
      await c.end();
    }
  }
  const Database = require('better-sqlite3');
  const db = new Database(dbUrl.slice('sqlite:'.length), { readonly: true });
  try {
    return db.prepare('SELECT count(*) AS n, count(DISTINCT provider_message_id) AS d FROM messages WHERE inbox_id = ?').get(inboxId);
  } finally {
    db.close();
  }
}
