// The production topology of docker-compose.yml as plain local processes, each of which the fault
// suite may kill and bring back: a private PostgreSQL cluster (port 5440), a private redis-server
// (port 6390, AOF fsynced on every write, as in compose), two api nodes, one worker and nginx with
// deploy/nginx/parley.conf. Never the host's shared PostgreSQL (5432) or Redis (6379).
import { spawn } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, ROOT, run, sleep, stopChild, waitForHttp } from '../bench/lib.mjs';

const PG_BIN = '/usr/lib/postgresql/15/bin';
const asPostgres = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the `postgres` user when we are root (initdb refuses root). */
function pgRun(bin, args) {
  return asPostgres ? run('runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]) : run(join(PG_BIN, bin), args);
}

export async function privatePostgres(dir, port) {
  const data = join(dir, 'pg');
  mkdirSync(data, { recursive: true });
  if (asPostgres) await run('chown', ['-R', 'postgres:postgres', dir]);
  await pgRun('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const opts = `-p ${port} -k ${data} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on`;
  const pg = {
    url: (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`,
    start: () => pgRun('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'pg.log'), '-w', '-t', '60', 'start']),
    /** `pg_ctl stop -m fast`: what an operator's restart or a failover does to the connections. */
    stop: () => pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined),
  };
  await pg.start();
  return pg;
}

export async function privateRedis(dir, port) {
  const data = join(dir, 'redis');
  mkdirSync(data, { recursive: true });
  let child;
  const redis = {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', data, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction', '--protected-mode', 'no'], { stdio: 'ignore' });
      for (let i = 0; i < 300; i++) {
        if ((await run('redis-cli', ['-p', String(port), 'ping']).catch(() => '')) === 'PONG') return;
        await sleep(100);
      }
      throw new Error('private redis-server did not start');
    },
    async kill9() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    /** SHUTDOWN: Redis fsyncs the AOF and exits, as on `docker compose restart redis`. */
    async shutdown() {
      const exited = new Promise((r) => child.once('exit', r));
      await run('redis-cli', ['-p', String(port), 'shutdown']).catch(() => undefined);
      await Promise.race([exited, sleep(10_000)]);
    },
    stop: () => stopChild(child, 5000),
  };
  await redis.start();
  return redis;
}

/** One Parley process (api or worker) that can be killed with -9 and started again on the same port. */
export function parleyProcess(name, script, env, logDir, log = () => {}) {
  let child;
  let expectExit = false;
  const p = {
    name,
    /** Exits nobody asked for; like compose's `restart: unless-stopped`, the process is started again. */
    crashes: [],
    get pid() {
      return child?.pid;
    },
    start() {
      const fd = openSync(join(logDir, `${name}.log`), 'a');
      child = spawn(process.execPath, [join(ROOT, script)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] });
      closeSync(fd);
      expectExit = false;
      child.once('exit', (code, signal) => {
        if (expectExit) return;
        p.crashes.push({ at: new Date().toISOString(), code, signal });
        log(`${name} exited by itself (code ${code}, signal ${signal}); restarting it as compose would`);
        setTimeout(() => !expectExit && p.start(), 1000);
      });
      return p;
    },
    async kill9() {
      if (child.exitCode != null || child.signalCode != null) return;
      expectExit = true;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    stop: () => ((expectExit = true), stopChild(child, 8000)),
  };
  return p.start();
}

/** nginx with deploy/nginx/parley.conf, the compose service names replaced by local addresses. */
export async function privateNginx(dir, port, apiPorts) {
  const prefix = join(dir, 'nginx');
  mkdirSync(join(prefix, 'tmp'), { recursive: true });
  chmodSync(join(prefix, 'tmp'), 0o777);
  let site = readFileSync(join(ROOT, 'deploy/nginx/parley.conf'), 'utf8')
    .replace('server api-1:3000', `server 127.0.0.1:${apiPorts[0]}`)
    .replace('server api-2:3000', `server 127.0.0.1:${apiPorts[1]}`)
    .replace('listen 80;', `listen 127.0.0.1:${port};`);
  if (site.includes('api-1:3000') || !site.includes(`127.0.0.1:${port}`)) throw new Error('deploy/nginx/parley.conf no longer has the expected upstream/listen lines');
  writeFileSync(join(prefix, 'parley.conf'), site);
  const t = join(prefix, 'tmp');
  writeFileSync(join(prefix, 'nginx.conf'), `daemon off;
worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${t}/body; proxy_temp_path ${t}/proxy; fastcgi_temp_path ${t}/fastcgi; uwsgi_temp_path ${t}/uwsgi; scgi_temp_path ${t}/scgi;
  include ${join(prefix, 'parley.conf')};
}
`);
  const conf = join(prefix, 'nginx.conf');
  await run('nginx', ['-t', '-q', '-c', conf, '-p', prefix]);
  const child = spawn('nginx', ['-c', conf, '-p', prefix], { stdio: 'ignore' });
  return { url: `http://127.0.0.1:${port}`, stop: () => stopChild(child, 5000) };
}

/**
 * The whole topology. `cleanups` receives the stops in reverse order of start.
 * @returns {{pg, redis, apis, worker, nginx, env, dbUrl, logDir, workerHealthUrl}}
 */
export async function startTopology({ dir, cleanups, log, pgPort = 5440, redisPort = 6390 }) {
  const logDir = join(dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const pg = await privatePostgres(dir, pgPort);
  cleanups.unshift(() => pg.stop());
  await run('psql', [pg.url(), '-qc', 'CREATE DATABASE parley']);
  const redis = await privateRedis(dir, redisPort);
  cleanups.unshift(() => redis.stop());
  const [nginxPort, apiA, apiB, workerHealth] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const env = {
    DATABASE_URL: pg.url('parley'),
    REDIS_URL: redis.url,
    PUBLIC_URL: `http://127.0.0.1:${nginxPort}`,
    JWT_SECRET: 'fault-suite-jwt-secret-0123456789abcdef',
    // Fixed, so that a restarted node opens the secrets its predecessor sealed.
    PARLEY_ENCRYPTION_KEY: 'ZmF1bHQtc3VpdGUta2V5LW5vdC1mb3ItcHJvZC0zMmI=',
    ADMIN_EMAIL: 'fault@parley.local',
    ADMIN_PASSWORD: 'Fault-suite-password-Ёж-2026',
    TRUSTED_PROXIES: '127.0.0.1',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    SMTP_INBOUND_PORT: '0',
    PARLEY_DEMO: 'true',
    PARLEY_DIST_DIR: join(ROOT, 'dist/apps'),
    PARLEY_QUEUE_PREFIX: 'parley',
  };
  const apis = [apiA, apiB].map((port, i) => parleyProcess(`api-${i + 1}`, 'dist/apps/api/src/main.js', { ...env, PARLEY_ROLE: 'api', PORT: String(port) }, logDir, log));
  apis.forEach((a, i) => (a.port = [apiA, apiB][i]));
  const worker = parleyProcess('worker', 'dist/apps/worker/src/main.js', { ...env, PARLEY_ROLE: 'worker', WORKER_HEALTH_PORT: String(workerHealth) }, logDir, log);
  cleanups.unshift(() => Promise.all([...apis, worker].map((p) => p.stop())));
  for (const a of apis) await waitForHttp(`http://127.0.0.1:${a.port}/health`, 120_000);
  const nginx = await privateNginx(dir, nginxPort, [apiA, apiB]);
  cleanups.unshift(() => nginx.stop());
  await waitForHttp(`${nginx.url}/health`, 30_000);
  const workerHealthUrl = `http://127.0.0.1:${workerHealth}/health`;
  await waitForHttp(workerHealthUrl, 120_000);
  log(`topology up: nginx ${nginx.url} → api ${apiA}, ${apiB}; worker health ${workerHealthUrl}; PostgreSQL :${pgPort}; Redis :${redisPort}; logs ${logDir}`);
  return { pg, redis, apis, worker, nginx, env, dbUrl: env.DATABASE_URL, logDir, workerHealthUrl };
}
