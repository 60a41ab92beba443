// Shared helpers for the benchmark scripts in tools/bench (plain ESM, no build step).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const hex = (n = 4) => randomBytes(n).toString('hex');

/** Only loopback targets: the load generator must never be pointed at another machine. */
export function assertLoopback(url) {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host)) {
    throw new Error(`refusing to load ${url}: only 127.0.0.1 targets are allowed`);
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Sorted-copy percentile (nearest rank). */
export function percentiles(values, ps = [50, 95, 99]) {
  const out = { count: values.length };
  if (!values.length) return { ...out, ...Object.fromEntries(ps.map((p) => [`p${p}`, null])), max: null, mean: null };
  const s = Float64Array.from(values).sort();
  for (const p of ps) out[`p${p}`] = round(s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]);
  out.max = round(s[s.length - 1]);
  out.mean = round(s.reduce((a, b) => a + b, 0) / s.length);
  return out;
}

export const round = (x, d = 2) => (x == null ? x : Math.round(x * 10 ** d) / 10 ** d);

/** utime+stime of one process in seconds (Linux /proc). */
export function procCpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // fields 14, 15 (clock ticks; USER_HZ=100)
  } catch {
    return null;
  }
}

/** Summed CPU seconds of all processes whose comm matches (e.g. every postgres backend on the host). */
export function commCpuSeconds(re) {
  let total = 0;
  for (const pid of readdirSafe('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!re.test(comm)) continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      /* process went away */
    }
  }
  return total;
}

function readdirSafe(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Whole-machine CPU counters from /proc/stat: {busy, total} in ticks. */
export function machineCpu() {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const idle = line[3] + (line[4] ?? 0);
  const total = line.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/**
 * CPU seconds of the PostgreSQL processes, split into the backends of databases whose name starts
 * with `dbPrefix` plus the shared background processes (walwriter, checkpointer, …) — "ours" — and
 * the backends of every other database — "foreign" (someone else's tests on the same server).
 * Without a prefix everything is "ours".
 */
export function postgresCpuSeconds(dbPrefix) {
  let ours = 0;
  let foreign = 0;
  for (const pid of readdirSafe('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!comm.startsWith('postgres')) continue;
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const secs = (Number(f[11]) + Number(f[12])) / 100;
      if (!dbPrefix) {
        ours += secs;
        continue;
      }
      // Backend titles: "postgres: 15/main: <user> <database> <host>(<port>) <state>".
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const m = /^postgres: (?:[^:]+: )?(\S+) (\S+) \S+\(\d+\)/.exec(title);
      if (m && !m[2].startsWith(dbPrefix)) foreign += secs;
      else ours += secs;
    } catch {
      /* process went away */
    }
  }
  return { ours, foreign };
}

/**
 * CPU accounting for a phase: the server process, this process, the PostgreSQL processes serving
 * our databases (`opts.pgDb`: database-name prefix; default: all of them), every redis-server, the
 * whole machine, and "other" = the rest (other users' builds, tests and their databases). Values
 * are in cores (1.0 = one core fully busy). `opts.workerPid`: our worker process, running during the
 * load (reported as `worker`, not counted as others' — else every phase of such a run looked disturbed).
 */
export function cpuMeter(serverPid, opts = {}) {
  // One server process, or several (api nodes behind one address): their CPU adds up.
  const pids = [serverPid].flat().filter(Boolean);
  const serverCpu = () => (pids.length ? pids.reduce((sum, pid) => sum + (procCpuSeconds(pid) ?? 0), 0) : null);
  const t0 = performance.now();
  const s0 = serverCpu();
  const each0 = pids.map((pid) => procCpuSeconds(pid) ?? 0);
  const me0 = process.cpuUsage();
  const pg0 = postgresCpuSeconds(opts.pgDb);
  const rd0 = commCpuSeconds(/^redis-server/);
  const m0 = machineCpu();
  const w0 = opts.workerPid ? procCpuSeconds(opts.workerPid) ?? 0 : 0;
  return () => {
    const secs = (performance.now() - t0) / 1000;
    const me = process.cpuUsage(me0);
    const m1 = machineCpu();
    const s1 = serverCpu();
    const pg1 = postgresCpuSeconds(opts.pgDb);
    const r = {
      seconds: round(secs, 1),
      server: s0 != null && s1 != null ? round((s1 - s0) / secs) : null,
      generator: round((me.user + me.system) / 1e6 / secs),
      // A backend that exits mid-phase takes its ticks with it: clamp at 0.
      postgres: round(Math.max(0, pg1.ours - pg0.ours) / secs),
      redis: round(Math.max(0, commCpuSeconds(/^redis-server/) - rd0) / secs),
      machineBusy: round(((m1.busy - m0.busy) / Math.max(1, m1.total - m0.total)) * os.cpus().length),
      cores: os.cpus().length,
    };
    // Several processes (api nodes, the worker): each one's share, in the order given.
    if (pids.length > 1) r.perProcess = pids.map((pid, i) => round(((procCpuSeconds(pid) ?? 0) - each0[i]) / secs));
    if (opts.workerPid) r.worker = round(Math.max(0, (procCpuSeconds(opts.workerPid) ?? w0) - w0) / secs);
    // Everything else on the host (other users' builds, tests, their databases): a noisy-neighbour indicator.
    r.other = round(Math.max(0, r.machineBusy - (r.server ?? 0) - (r.worker ?? 0) - r.generator - r.postgres - r.redis));
    return r;
  };
}

export function machineInfo() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    date: new Date().toISOString(),
    nproc: os.cpus().length,
    cpuModel: model.trim(),
    memTotalGiB: round(os.totalmem() / 2 ** 30, 1),
    memFreeGiB: round(os.freemem() / 2 ** 30, 1),
    node: process.version,
    kernel: os.release(),
    loadavg: os.loadavg().map((x) => round(x)),
  };
}

/** Runs a command, resolves with its stdout (trimmed); rejects with stderr on a non-zero exit. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`))));
  });
}

/** A PostgreSQL database of its own: CREATE DATABASE on the admin URL, returns {url, drop()}. */
export async function scratchPgDatabase(prefix = 'bench') {
  const { default: pg } = await import('pg');
  const name = `${prefix}_${hex(5)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * A private redis-server on a free port (no persistence), so a benchmark neither disturbs nor is
 * disturbed by other Parley processes sharing the host's Redis (socket.io adapter channels are global).
 */
export async function privateRedis() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      if ((await run('redis-cli', ['-p', String(port), 'ping'])) === 'PONG') break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error('private redis-server did not start');
    await sleep(100);
  }
  return {
    url,
    pid: child.pid,
    async stop() {
      if (child.exitCode != null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(3000)]);
      if (child.exitCode == null) child.kill('SIGKILL');
    },
  };
}

/** Polls GET url until it answers 200 or the deadline passes. */
export async function waitForHttp(url, timeoutMs = 60_000, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`server exited before ${url} answered`);
    try {
      const res = await fetch(url);
      if (res.ok) return await res.json().catch(() => ({}));
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.message;
    }
    await sleep(200);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
}

/** Stops a child process we spawned: SIGTERM, then SIGKILL after graceMs. */
export async function stopChild(child, graceMs = 10_000) {
  if (!child || child.exitCode != null || child.signalCode != null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(graceMs)]);
  if (child.exitCode == null && child.signalCode == null) {
    child.kill('SIGKILL');
    await Promise.race([exited, sleep(2000)]);
  }
}

/** Minimal --flag value / --flag parser with defaults; numbers are coerced when the default is a number. */
export function parseFlags(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    let [key, value] = a.slice(2).split(/=(.*)/s);
    const camel = key.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!(camel in defaults)) throw new Error(`unknown flag --${key}`);
    if (value === undefined) {
      if (typeof defaults[camel] !== 'boolean') value = argv[++i];
      else if (argv[i + 1] === 'true' || argv[i + 1] === 'false') value = argv[++i];
      else value = 'true';
    }
    out[camel] = typeof defaults[camel] === 'number' ? Number(value) : typeof defaults[camel] === 'boolean' ? value !== 'false' : value;
  }
  return out;
}

/** Machine CPU busy (in cores) over `ms`. */
export async function sampleBusy(ms = 2000) {
  const a = machineCpu();
  await sleep(ms);
  const b = machineCpu();
  return round(((b.busy - a.busy) / Math.max(1, b.total - a.total)) * os.cpus().length);
}

/**
 * Waits (up to maxWaitMs) until the host is quiet — less than `threshold` cores busy over a 2 s
 * sample — so a benchmark does not share the CPU with someone else's build. Returns the last sample.
 */
export async function waitForQuiet({ threshold = 0.35, maxWaitMs = 180_000, log = () => {} } = {}) {
  const deadline = Date.now() + maxWaitMs;
  let busy = await sampleBusy();
  while (busy > threshold && Date.now() < deadline) {
    log(`host busy (${busy} cores in use by other processes), waiting for quiet…`);
    busy = await sampleBusy(3000);
  }
  return busy;
}

/**
 * Builds the server of one git revision into a private directory (/tmp/parley-bench-src-<sha>), so
 * a benchmark measures exactly that commit and is immune to others rebuilding the shared dist/
 * mid-run. node_modules is symlinked from the repo. Returns the absolute path of main.js.
 */
export async function buildSnapshot(rev = 'HEAD', log = () => {}) {
  const { existsSync, mkdirSync, symlinkSync } = await import('node:fs');
  const sha = await run('git', ['rev-parse', '--short=10', rev], { cwd: ROOT });
  const dir = `/tmp/parley-bench-src-${sha}`;
  const main = join(dir, 'dist/apps/api/src/main.js');
  if (existsSync(main)) {
    log(`snapshot ${sha}: reusing ${dir}`);
    return { sha, dir, main };
  }
  log(`snapshot ${sha}: git archive → ${dir}, tsc…`);
  mkdirSync(dir, { recursive: true });
  await run('sh', ['-c', `git archive ${sha} | tar -x -C ${dir}`], { cwd: ROOT });
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  await run(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: dir });
  await run(join(ROOT, 'node_modules/.bin/tsc-alias'), ['-p', 'tsconfig.build.json'], { cwd: dir });
  if (!existsSync(main)) throw new Error(`snapshot build produced no ${main}`);
  return { sha, dir, main };
}

/** DDL of the tables the ingest path touches, as in the initial migration (same columns and indexes). */
export const parleySchema = (ts) => [
  `CREATE TABLE customers (id varchar(36) PRIMARY KEY, name varchar(200), email varchar(320), phone varchar(32), attributes text NOT NULL,
     tags text NOT NULL, merged_into_id varchar(36), created_at ${ts} NOT NULL, updated_at ${ts} NOT NULL)`,
  `CREATE TABLE channel_identities (id varchar(36) PRIMARY KEY, customer_id varchar(36) NOT NULL, channel varchar(20) NOT NULL,
     external_id varchar(320) NOT NULL, display_name varchar(200), opted_out boolean NOT NULL DEFAULT false, created_at ${ts} NOT NULL)`,
  `CREATE UNIQUE INDEX uq_identities_channel_external ON channel_identities (channel, external_id)`,
  `CREATE TABLE conversations (id varchar(36) PRIMARY KEY, customer_id varchar(36) NOT NULL, inbox_id varchar(36) NOT NULL, channel varchar(20) NOT NULL,
     status varchar(20) NOT NULL, assignee_id varchar(36), team_id varchar(36), priority varchar(10) NOT NULL DEFAULT 'normal', snoozed_until ${ts},
     first_response_at ${ts}, resolved_at ${ts}, last_message_at ${ts} NOT NULL, last_inbound_at ${ts}, last_message_preview varchar(200),
     unread_count integer NOT NULL DEFAULT 0, created_at ${ts} NOT NULL, updated_at ${ts} NOT NULL)`,
  `CREATE INDEX ix_conversations_status_activity ON conversations (status, last_message_at, id)`,
  `CREATE INDEX ix_conversations_inbox_status_activity ON conversations (inbox_id, status, last_message_at, id)`,
  `CREATE INDEX ix_conversations_assignee_status_activity ON conversations (assignee_id, status, last_message_at, id)`,
  `CREATE INDEX ix_conversations_customer_inbox ON conversations (customer_id, inbox_id, created_at)`,
  `CREATE TABLE messages (id varchar(36) PRIMARY KEY, conversation_id varchar(36) NOT NULL, customer_id varchar(36) NOT NULL, inbox_id varchar(36) NOT NULL,
     channel varchar(20) NOT NULL, direction varchar(10) NOT NULL, author_type varchar(10) NOT NULL, author_id varchar(36), author_name varchar(200),
     content text NOT NULL, is_private boolean NOT NULL DEFAULT false, attachments text NOT NULL, provider_message_id varchar(255),
     client_message_id varchar(64), delivery_status varchar(20) NOT NULL, delivery_error varchar(500), delivery_attempts integer NOT NULL DEFAULT 0,
     created_at ${ts} NOT NULL, updated_at ${ts} NOT NULL)`,
  `CREATE UNIQUE INDEX uq_messages_inbox_provider_id ON messages (inbox_id, provider_message_id)`,
  `CREATE INDEX ix_messages_conversation_created ON messages (conversation_id, created_at, id)`,
  `CREATE INDEX ix_messages_delivery_pending ON messages (delivery_status, updated_at)`,
  `CREATE TABLE timeline_events (id varchar(36) PRIMARY KEY, customer_id varchar(36) NOT NULL, type varchar(30) NOT NULL, occurred_at ${ts} NOT NULL,
     channel varchar(20), conversation_id varchar(36), message_id varchar(36), direction varchar(10), content text, title varchar(300),
     author_name varchar(200), data text)`,
  `CREATE INDEX ix_timeline_customer_occurred ON timeline_events (customer_id, occurred_at, id)`,
  `CREATE INDEX ix_timeline_message ON timeline_events (message_id)`,
];

/**
 * A host-wide benchmark mutex (a lock directory in /tmp, stale when its owner pid is gone), so that
 * benchmark scripts started by different people do not measure each other. Resolves with a release
 * function once acquired (or after maxWaitMs, with a warning, so nothing blocks forever). A process
 * started by a lock holder inherits it through BENCH_LOCK_HELD and does not wait.
 */
export async function acquireBenchLock({ maxWaitMs = 300_000, log = () => {} } = {}) {
  const { mkdirSync, readFileSync: read, rmSync: rm, writeFileSync } = await import('node:fs');
  if (process.env.BENCH_LOCK_HELD) return () => {};
  const dir = '/tmp/parley-bench.lock';
  const deadline = Date.now() + maxWaitMs;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(`${dir}/owner`, `${process.pid} ${process.argv.slice(1).join(' ')}`);
      process.env.BENCH_LOCK_HELD = String(process.pid);
      const release = () => {
        delete process.env.BENCH_LOCK_HELD;
        try {
          if (read(`${dir}/owner`, 'utf8').startsWith(`${process.pid} `)) rm(dir, { recursive: true, force: true });
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch {
      let owner = '';
      try {
        owner = read(`${dir}/owner`, 'utf8');
        process.kill(Number(owner.split(' ')[0]), 0);
      } catch (err) {
        if (err?.code === 'ESRCH') {
          rm(dir, { recursive: true, force: true }); // stale: its owner is gone
          continue;
        }
      }
      if (Date.now() > deadline) {
        log(`benchmark lock still held by ${owner || '?'} after ${maxWaitMs / 1000} s; going ahead`);
        return () => {};
      }
      if (!announced) log(`waiting for the benchmark lock held by ${owner || '?'}…`);
      announced = true;
      await sleep(1000);
    }
  }
}
