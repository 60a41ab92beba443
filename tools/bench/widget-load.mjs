#!/usr/bin/env node
// Load generator: N concurrent web chat visitors + agent sockets against a Parley server.
//
//   node tools/bench/widget-load.mjs --db sqlite                       # spawn a server on a fresh SQLite file
//   node tools/bench/widget-load.mjs --db postgres --redis private     # fresh PostgreSQL database + private redis-server
//   node tools/bench/widget-load.mjs --url http://127.0.0.1:3000 --email … --password …   # an already running server
//
// Phases (all bounded in count and time; the script stops by itself):
//   warmup  — `--warmup-seconds` at the fixed rate, not measured (opens every visitor's conversation, warms the JIT);
//   fixed   — open loop at `--rate` msg/s for `--fixed-seconds`: send → agent-socket latency per message,
//             counted from the message's scheduled send time (so a lagging generator cannot hide latency);
//   max     — closed loop per visitor (`--window` messages in flight each, next one sent when the ack arrives)
//             for `--max-seconds`; msg/s counted at the agent socket after `--warmup-seconds`.
// A message counts as "delivered" when the first agent socket receives its `message.created`; the
// spawned server's database is then checked to hold every acknowledged message ("stored").
// --json prints one JSON result line on stdout; the human summary goes to stderr.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { io } from 'socket.io-client';
import {
  acquireBenchLock, assertLoopback, cpuMeter, freePort, hex, machineInfo, parseFlags, percentiles, privateRedis, ROOT, round,
  scratchPgDatabase, sleep, stopChild, waitForHttp,
} from './lib.mjs';
import { apiCall } from './parley-server.mjs';

const flags = parseFlags(process.argv.slice(2), {
  url: '', // connect to this server instead of spawning one (127.0.0.1 only)
  db: 'sqlite', // sqlite | postgres (spawned server only)
  redis: 'none', // none | private (own redis-server on a free port) | redis://127.0.0.1:6379
  email: 'bench@parley.local',
  password: 'bench-password-123',
  visitors: 200,
  agents: 1,
  rate: 200,
  warmupSeconds: 3,
  fixedSeconds: 20,
  maxSeconds: 20,
  window: 1,
  phases: 'fixed,max',
  connectConcurrency: 20,
  ackTimeoutMs: 15_000,
  drainMs: 10_000,
  serverPid: 0, // with --url: a pid to meter CPU of
  pgDb: '', // database-name prefix whose PostgreSQL backends count as ours in the CPU figures (default: the spawned one's)
  serverCmd: 'dist/apps/api/src/main.js', // what to spawn (absolute, or relative to the repo root)
  role: 'all', // all: api + worker in one process (npm start) | api: an api node and a worker process (needs Redis; CPU figures add both)
  workerCmd: 'dist/apps/worker/src/main.js', // with --role api
  cpuProf: '', // directory: spawn the server with --cpu-prof into it
  countQueries: false, // preload count-queries.cjs into the spawned server: SQL statements per message
  keep: false, // keep the scratch database / file
  json: false,
  help: false,
});
if (flags.help) {
  process.stderr.write(readFileSync(new URL(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).join('\n') + '\n');
  process.exit(0);
}

const log = (...a) => process.stderr.write(a.join(' ') + '\n');
const runId = `b${hex(4)}`;
const cleanups = [];
let server = null;

async function spawnServer() {
  const port = await freePort();
  const env = { ...process.env };
  delete env.REDIS_URL;
  let dbInfo;
  if (flags.db === 'postgres') {
    const db = await scratchPgDatabase('bench_parley');
    cleanups.push(() => (flags.keep ? log(`kept database ${db.name}`) : db.drop()));
    env.DATABASE_URL = db.url;
    dbInfo = { kind: 'postgres', url: db.url };
  } else if (flags.db === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'parley-bench-'));
    cleanups.push(() => (flags.keep ? log(`kept ${dir}`) : rmSync(dir, { recursive: true, force: true })));
    env.DATABASE_URL = `sqlite:${join(dir, 'parley.sqlite')}`;
    dbInfo = { kind: 'sqlite', file: join(dir, 'parley.sqlite') };
  } else {
    throw new Error(`--db must be sqlite or postgres (got ${flags.db})`);
  }
  if (flags.redis === 'private') {
    const redis = await privateRedis();
    cleanups.push(() => redis.stop());
    env.REDIS_URL = redis.url;
  } else if (flags.redis !== 'none') {
    assertLoopback(flags.redis.replace(/^redis/, 'http'));
    env.REDIS_URL = flags.redis;
  }
  Object.assign(env, {
    PORT: String(port),
    ADMIN_EMAIL: flags.email,
    ADMIN_PASSWORD: flags.password,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    // Production needs the key that seals secrets at rest; a bench run makes its own.
    PARLEY_ENCRYPTION_KEY: process.env.PARLEY_ENCRYPTION_KEY || randomBytes(32).toString('base64'),
    // Production mode needs JWT_SECRET; one fixed value lets several bench nodes accept each other's tokens.
    JWT_SECRET: process.env.JWT_SECRET || 'parley-bench-only-jwt-secret-0123456789',
    PARLEY_QUEUE_PREFIX: `parley-bench-${runId}`,
    SMTP_INBOUND_PORT: '0',
    PARLEY_DIST_DIR: join(ROOT, 'dist/apps'),
  });
  const logDir = mkdtempSync(join(tmpdir(), 'parley-bench-log-'));
  const logFile = join(logDir, 'server.log');
  const fd = openSync(logFile, 'a');
  const nodeArgs = [];
  if (flags.countQueries) {
    env.BENCH_QUERY_COUNT_FILE = join(logDir, 'queries.json');
    nodeArgs.push('-r', join(ROOT, 'tools/bench/count-queries.cjs'));
  }
  if (flags.cpuProf) nodeArgs.push('--cpu-prof', '--cpu-prof-dir', flags.cpuProf, '-r', join(ROOT, 'tools/bench/exit-on-signal.cjs'));
  if (flags.role === 'api') {
    if (!env.REDIS_URL) throw new Error('--role api needs Redis (--redis private or a URL): the worker is another process');
    env.PARLEY_ROLE = 'api';
  }
  const child = spawn(process.execPath, [...nodeArgs, resolve(ROOT, flags.serverCmd)], { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  // The production topology: follow-up jobs (routing, SLA, sentiment…) run in a worker process of their own.
  // With --count-queries the worker counts its statements too (the follow-up listeners run there), in a file of its own.
  const workerEnv = { ...env, PARLEY_ROLE: 'worker', ...(flags.countQueries ? { BENCH_QUERY_COUNT_FILE: join(logDir, 'queries-worker.json') } : {}) };
  const workerArgs = flags.countQueries ? ['-r', join(ROOT, 'tools/bench/count-queries.cjs')] : [];
  const worker = flags.role === 'api' ? spawn(process.execPath, [...workerArgs, resolve(ROOT, flags.workerCmd)], { cwd: ROOT, env: workerEnv, stdio: ['ignore', fd, fd] }) : null;
  closeSync(fd);
  server = { child, worker, logFile, dbInfo, env, queryFile: env.BENCH_QUERY_COUNT_FILE, workerQueryFile: worker ? workerEnv.BENCH_QUERY_COUNT_FILE : undefined };
  const base = `http://127.0.0.1:${port}`;
  try {
    server.health = await waitForHttp(`${base}/health`, 90_000, () => child.exitCode == null);
  } catch (err) {
    log(readFileSync(logFile, 'utf8').slice(-4000));
    throw err;
  }
  return base;
}

async function stopServer() {
  if (!server) return;
  if (flags.cpuProf && server.child.exitCode == null) {
    // exit-on-signal.cjs turns SIGUSR2 into process.exit(0), which writes the .cpuprofile.
    const exited = new Promise((r) => server.child.once('exit', r));
    server.child.kill('SIGUSR2');
    await Promise.race([exited, sleep(15_000)]);
  }
  await stopChild(server.child);
  if (server.worker) await stopChild(server.worker);
  const tail = readFileSync(server.logFile, 'utf8');
  server.logTail = tail.slice(-3000);
  server.logErrors = (tail.match(/"level":(50|60)/g) ?? []).length;
  rmSync(join(server.logFile, '..'), { recursive: true, force: true });
}

/** Statement counters written by count-queries.cjs (null unless --count-queries). */
async function querySnapshot() {
  if (!server?.queryFile) return null;
  await sleep(700); // the server flushes every 500 ms
  try {
    const { total, top, elu, redis } = JSON.parse(readFileSync(server.queryFile, 'utf8'));
    const snapshot = { total, top: new Map(top), elu, redis: redis && { total: redis.total, top: new Map(redis.top) } };
    if (server.workerQueryFile) {
      // The worker's statements are added in (prefixed `worker:`); the event-loop figure stays the api node's.
      const w = JSON.parse(readFileSync(server.workerQueryFile, 'utf8'));
      snapshot.total += w.total;
      for (const [sql, n] of w.top) snapshot.top.set(`worker: ${sql}`, n);
      if (snapshot.redis && w.redis) {
        snapshot.redis.total += w.redis.total;
        for (const [c, n] of w.redis.top) snapshot.redis.top.set(`worker: ${c}`, n);
      }
    }
    return snapshot;
  } catch {
    return null;
  }
}

function queriesPerMessage(a, b, messages) {
  if (!a || !b || !messages) return undefined;
  const byStatement = [...b.top]
    .map(([sql, n]) => [sql, round((n - (a.top.get(sql) ?? 0)) / messages, 2)])
    .filter(([, n]) => n >= 0.01)
    .sort((x, y) => y[1] - x[1]);
  const busy = b.elu.active - a.elu.active;
  const eventLoopUtilization = round(busy / (busy + b.elu.idle - a.elu.idle));
  const redis = a.redis && b.redis
    ? {
        perMessage: round((b.redis.total - a.redis.total) / messages, 2),
        byCommand: [...b.redis.top].map(([c, n]) => [c, round((n - (a.redis.top.get(c) ?? 0)) / messages, 2)]).filter(([, n]) => n >= 0.01),
      }
    : undefined;
  return { perMessage: round((b.total - a.total) / messages, 2), byStatement, eventLoopUtilization, redis };
}

/**
 * Queued background jobs of the spawned server (follow-ups after each inbound message…): BullMQ
 * lists/sets under PARLEY_QUEUE_PREFIX, or the in-process queue's `jobs` table. {pending, failed}.
 * Only jobs already due count: a timer due later and the next round of a repeating duty (the
 * Scheduler's sweeps, issue 15) wait by design and are no backlog.
 */
async function queueBacklog() {
  if (!server) return null;
  if (server.env.REDIS_URL) {
    const { Redis } = await import('ioredis');
    const r = new Redis(server.env.REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
    try {
      await r.connect();
      let pending = 0;
      let failed = 0;
      let cursor = '0';
      do {
        const [next, keys] = await r.scan(cursor, 'MATCH', `${server.env.PARLEY_QUEUE_PREFIX}:*`, 'COUNT', 1000);
        cursor = next;
        for (const k of keys) {
          if (/:(wait|active|paused)$/.test(k)) pending += await r.llen(k);
          else if (/:prioritized$/.test(k)) pending += await r.zcard(k);
          // BullMQ scores a delayed job by its due time × 0x1000 (+ a counter in the low 12 bits).
          else if (/:delayed$/.test(k)) pending += await r.zcount(k, 0, Date.now() * 0x1000 + 0xfff);
          else if (/:failed$/.test(k)) failed += await r.zcard(k);
        }
      } while (cursor !== '0');
      return { pending, failed };
    } finally {
      r.disconnect();
    }
  }
  // TypeORM writes SQLite datetimes as 'YYYY-MM-DD HH:MM:SS.SSS' (UTC); PostgreSQL takes ISO.
  const iso = new Date().toISOString();
  const due = server.dbInfo.kind === 'sqlite' ? iso.replace('T', ' ').replace('Z', '') : iso;
  const sql = `SELECT sum(CASE WHEN status <> 'failed' AND run_at <= '${due}' THEN 1 ELSE 0 END) AS pending, sum(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed FROM jobs`;
  try {
    if (server.dbInfo.kind === 'sqlite') {
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(server.dbInfo.file, { readonly: true, fileMustExist: true });
      try {
        const row = db.prepare(sql).get();
        return { pending: Number(row.pending ?? 0), failed: Number(row.failed ?? 0) };
      } finally {
        db.close();
      }
    }
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: server.dbInfo.url });
    await c.connect();
    try {
      const row = (await c.query(sql)).rows[0];
      return { pending: Number(row.pending ?? 0), failed: Number(row.failed ?? 0) };
    } finally {
      await c.end();
    }
  } catch {
    return null; // no jobs table in this version
  }
}

/** Backlog right after the phase, then how long the server takes to work it off (bounded wait). */
async function backlogAfterPhase(maxWaitMs = 120_000) {
  const first = await queueBacklog();
  if (!first) return undefined;
  const t0 = performance.now();
  let now = first;
  while (now && now.pending > 0 && performance.now() - t0 < maxWaitMs) {
    await sleep(1000);
    now = await queueBacklog();
  }
  return { atEnd: first.pending, failed: now?.failed ?? first.failed, drainedSeconds: now?.pending === 0 ? round((performance.now() - t0) / 1000, 1) : null, left: now?.pending };
}

const socketOpts = (auth) => ({ auth, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 20_000 });

function openVisitor(base, websiteToken) {
  return new Promise((resolve, reject) => {
    const socket = io(`${base}/widget`, socketOpts({ websiteToken }));
    const timer = setTimeout(() => reject(new Error('no session within 20 s')), 20_000);
    socket.once('session', (session) => {
      clearTimeout(timer);
      resolve({ socket, session });
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

function openAgent(base, token) {
  return new Promise((resolve, reject) => {
    const socket = io(`${base}/agents`, socketOpts({ token }));
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function newPhase(name) {
  return {
    name, sent: 0, acked: 0, errors: 0, timeouts: 0, delivered: 0, lastError: null,
    latencies: [], ackLatencies: [], buckets: [], start: 0, end: 0, measureFrom: 0, maxLag: 0,
    deliveredInWindow: 0, ackedInWindow: 0, sentInWindow: 0,
  };
}

async function main() {
  await acquireBenchLock({ log }); // released at exit; a no-op under run-all, which holds it
  const base = flags.url ? flags.url.replace(/\/$/, '') : await spawnServer();
  assertLoopback(base);
  const health = server?.health ?? (await fetch(`${base}/health`).then((r) => r.json()).catch(() => null));
  const serverPid = server ? [server.child.pid, server.worker?.pid].filter(Boolean) : flags.serverPid || null;
  // PostgreSQL backends of other databases (someone else's tests) count as "other", not as ours.
  const meterOpts = { pgDb: flags.pgDb || (server?.dbInfo.kind === 'postgres' ? new URL(server.dbInfo.url).pathname.slice(1) : '-none-') };
  log(`[${runId}] target ${base} ${JSON.stringify(health)}`);

  const { accessToken } = await apiCall(base, 'POST', '/api/auth/login', { email: flags.email, password: flags.password });
  const inboxes = await apiCall(base, 'GET', '/api/inboxes', undefined, accessToken);
  const inbox = inboxes.find((i) => i.channel === 'webchat' && i.websiteToken);
  const websiteToken = inbox?.websiteToken;
  if (!websiteToken) throw new Error('no web chat inbox with a websiteToken (is PARLEY_DEMO off?)');
  // Every simulated visitor comes from this one address: lift the inbox's per-address abuse limits
  // (the bare socket.io reference, database "none", has no limits and no inbox editing).
  if (health?.database !== 'none') await apiCall(base, 'PATCH', `/api/inboxes/${inbox.id}`, { config: { ...inbox.config, limits: { connectionsPerMinute: 1_000_000, messagesPerMinute: 1_000_000 } } }, accessToken);

  // clientMessageId → { t0, phase } until the first agent socket sees the message.
  const pending = new Map();
  const agentCounts = [];
  let stray = 0;
  let visitorErrors = 0;
  let disconnects = 0;

  const agents = [];
  for (let i = 0; i < flags.agents; i++) {
    const socket = await openAgent(base, accessToken);
    agentCounts.push(0);
    const first = i === 0;
    socket.on('message.created', (m) => {
      const id = m?.clientMessageId;
      if (m?.direction !== 'inbound' || typeof id !== 'string' || !id.startsWith(runId)) return;
      agentCounts[i]++;
      if (!first) return;
      const p = pending.get(id);
      if (!p) return void stray++;
      pending.delete(id);
      const now = performance.now();
      const ph = p.phase;
      ph.delivered++;
      ph.latencies.push(now - p.t0);
      const b = Math.floor((now - ph.start) / 1000);
      ph.buckets[b] = (ph.buckets[b] ?? 0) + 1;
      if (now >= ph.measureFrom && now <= ph.end) ph.deliveredInWindow++;
    });
    socket.on('disconnect', () => disconnects++);
    agents.push(socket);
  }

  log(`[${runId}] connecting ${flags.visitors} visitors…`);
  const visitors = [];
  const tConnect = performance.now();
  for (let i = 0; i < flags.visitors; i += flags.connectConcurrency) {
    const batch = await Promise.all(Array.from({ length: Math.min(flags.connectConcurrency, flags.visitors - i) }, () => openVisitor(base, websiteToken)));
    for (const v of batch) {
      v.socket.on('error', () => visitorErrors++);
      v.socket.on('disconnect', () => disconnects++);
      visitors.push(v);
    }
  }
  const connectSeconds = (performance.now() - tConnect) / 1000;
  log(`[${runId}] ${visitors.length} visitors connected in ${connectSeconds.toFixed(1)} s`);

  let seq = 0;
  /** `scheduled`: the open-loop send time; latency counts from it, so generator lag is not hidden. */
  function sendOne(visitor, phase, scheduled) {
    const clientMessageId = `${runId}-${(seq++).toString(36)}`;
    const t0 = scheduled ?? performance.now();
    pending.set(clientMessageId, { t0, phase });
    phase.sent++;
    if (t0 >= phase.measureFrom && t0 <= phase.end) phase.sentInWindow++;
    return visitor.socket
      .timeout(flags.ackTimeoutMs)
      .emitWithAck('message:send', { content: `load test ${clientMessageId} — where is my order?`, clientMessageId })
      .then(
        (ack) => {
          const now = performance.now();
          if (ack?.ok) {
            phase.acked++;
            phase.ackLatencies.push(now - t0);
            if (now >= phase.measureFrom && now <= phase.end) phase.ackedInWindow++;
            return true;
          }
          phase.errors++;
          phase.lastError = ack?.error ?? 'ack without ok';
          pending.delete(clientMessageId);
          return false;
        },
        () => {
          phase.timeouts++;
          return false;
        },
      );
  }

  async function drain(phase) {
    const deadline = performance.now() + flags.drainMs;
    const left = () => {
      let n = 0;
      for (const p of pending.values()) if (p.phase === phase) n++;
      return n;
    };
    while (left() > 0 && performance.now() < deadline) await sleep(50);
    const undelivered = left();
    for (const [id, p] of pending) if (p.phase === phase) pending.delete(id);
    return undelivered;
  }

  /** Open loop: message k is due at start + k/rate, whatever happened to the previous ones. */
  function fixedRate(phase, rate, seconds) {
    const total = Math.round(rate * seconds);
    phase.start = phase.measureFrom = performance.now();
    phase.end = phase.start + seconds * 1000 + flags.drainMs; // late deliveries still count for latency
    return new Promise((resolve) => {
      const timer = setInterval(() => {
        const now = performance.now();
        const due = Math.min(total, Math.floor(((now - phase.start) * rate) / 1000) + 1);
        while (phase.sent < due) {
          const scheduled = phase.start + (phase.sent * 1000) / rate;
          phase.maxLag = Math.max(phase.maxLag, now - scheduled);
          sendOne(visitors[phase.sent % visitors.length], phase, Math.min(scheduled, now));
        }
        if (phase.sent >= total) {
          clearInterval(timer);
          phase.sendSeconds = (performance.now() - phase.start) / 1000;
          resolve();
        }
      }, 1);
    });
  }

  /** Closed loop per visitor with `window` in flight each: as fast as the server acknowledges. */
  async function maxThroughput(phase, seconds) {
    phase.start = performance.now();
    phase.measureFrom = phase.start + flags.warmupSeconds * 1000;
    phase.end = phase.start + seconds * 1000;
    const loops = [];
    for (const v of visitors) {
      for (let w = 0; w < flags.window; w++) {
        loops.push(
          (async () => {
            while (performance.now() < phase.end) {
              if (!(await sendOne(v, phase))) await sleep(20);
            }
          })(),
        );
      }
    }
    await Promise.all(loops);
    phase.sendSeconds = (performance.now() - phase.start) / 1000;
  }

  const summarize = (phase, undelivered, cpu) => {
    const windowSeconds = (Math.min(phase.end, phase.start + phase.sendSeconds * 1000) - phase.measureFrom) / 1000;
    return {
      sent: phase.sent,
      acked: phase.acked,
      errors: phase.errors,
      timeouts: phase.timeouts,
      lastError: phase.lastError,
      delivered: phase.delivered,
      undelivered,
      sendSeconds: round(phase.sendSeconds, 2),
      offeredRate: round(phase.sent / phase.sendSeconds, 1),
      latencyMs: percentiles(phase.latencies),
      ackLatencyMs: percentiles(phase.ackLatencies),
      ...(phase.name === 'max'
        ? {
            windowSeconds: round(windowSeconds, 2),
            deliveredPerSecond: round(phase.deliveredInWindow / windowSeconds, 1),
            ackedPerSecond: round(phase.ackedInWindow / windowSeconds, 1),
            perSecond: phase.buckets.map((x) => x ?? 0),
          }
        : { maxSchedulerLagMs: round(phase.maxLag, 1) }),
      cpu,
    };
  };

  const phases = flags.phases.split(',');
  const result = {
    tool: 'widget-load',
    runId,
    machine: machineInfo(),
    config: {
      target: flags.url ? base : 'spawned', db: health?.database ?? flags.db, queue: health?.queue ?? null,
      visitors: flags.visitors, agents: flags.agents, rate: flags.rate, warmupSeconds: flags.warmupSeconds,
      fixedSeconds: flags.fixedSeconds, maxSeconds: flags.maxSeconds, window: flags.window,
    },
    connectSeconds: round(connectSeconds, 2),
    phases: {},
  };

  // Warm-up: every visitor's first message opens its conversation; JIT and pools warm up.
  if (flags.warmupSeconds > 0) {
    const w = newPhase('warmup');
    await fixedRate(w, flags.rate, flags.warmupSeconds);
    const undelivered = await drain(w);
    result.phases.warmup = { sent: w.sent, acked: w.acked, errors: w.errors, delivered: w.delivered, undelivered, latencyMs: percentiles(w.latencies) };
    log(`[${runId}] warm-up: ${w.sent} sent, ${w.delivered} delivered, p50 ${result.phases.warmup.latencyMs.p50} ms`);
  }

  /** Background jobs of earlier phases are worked off before the next one starts (bounded wait). */
  const settle = async (label) => {
    const b = await backlogAfterPhase();
    if (b?.atEnd) log(`[${runId}] before ${label}: ${b.atEnd} background jobs queued, ` + (b.drainedSeconds != null ? `worked off in ${b.drainedSeconds} s` : `${b.left} left after 120 s`));
    return b;
  };

  if (phases.includes('fixed')) {
    await settle('the fixed phase');
    const f = newPhase('fixed');
    log(`[${runId}] fixed rate: ${flags.rate} msg/s for ${flags.fixedSeconds} s…`);
    const q0 = await querySnapshot();
    const meter = cpuMeter(serverPid, meterOpts);
    await fixedRate(f, flags.rate, flags.fixedSeconds);
    const cpu = meter();
    const undelivered = await drain(f);
    result.phases.fixed = summarize(f, undelivered, cpu);
    if (flags.countQueries) {
      // After the phase's follow-up jobs are done: their statements count too (at a steady rate, not batched).
      await backlogAfterPhase();
      const queries = queriesPerMessage(q0, await querySnapshot(), f.acked);
      if (queries) {
        result.phases.fixed.sqlStatements = queries;
        log(`[${runId}] fixed phase, SQL statements per message (follow-up jobs included): ${queries.perMessage}`);
        for (const [sql, n] of queries.byStatement) log(`    ${String(n).padStart(5)}  ${sql}`);
      }
    }
    const l = result.phases.fixed.latencyMs;
    log(`[${runId}] fixed: ${f.sent} sent at ${result.phases.fixed.offeredRate}/s, ${f.delivered} delivered, errors ${f.errors}, timeouts ${f.timeouts}; ` +
      `send→agent p50 ${l.p50} p95 ${l.p95} p99 ${l.p99} max ${l.max} ms; cpu ${JSON.stringify(cpu)}`);
  }

  if (phases.includes('max')) {
    await settle('the max phase');
    const m = newPhase('max');
    log(`[${runId}] max throughput: ${flags.visitors}×${flags.window} in flight for ${flags.maxSeconds} s…`);
    const q0 = await querySnapshot();
    const meterLater = sleep(flags.warmupSeconds * 1000).then(() => cpuMeter(serverPid, meterOpts));
    await maxThroughput(m, flags.maxSeconds);
    const cpu = (await meterLater)();
    const undelivered = await drain(m);
    result.phases.max = summarize(m, undelivered, cpu);
    const backlog = await backlogAfterPhase();
    if (backlog) {
      // Everything the phase caused, background jobs included, divided by the time it took to finish.
      if (backlog.drainedSeconds != null) backlog.completedPerSecond = round(m.acked / (m.sendSeconds + backlog.drainedSeconds), 1);
      result.phases.max.jobBacklog = backlog;
      log(`[${runId}] background jobs queued at the end of the max phase: ${backlog.atEnd}; ` +
        (backlog.drainedSeconds != null ? `worked off in ${backlog.drainedSeconds} s (${backlog.completedPerSecond} msg/s with their background work done)` : `${backlog.left} still queued after 120 s`) +
        `; failed jobs: ${backlog.failed}`);
    }
    const queries = queriesPerMessage(q0, await querySnapshot(), m.acked);
    if (queries) {
      result.phases.max.sqlStatements = queries;
      log(`[${runId}] SQL statements per message: ${queries.perMessage}; server event-loop utilization over the phase: ${queries.eventLoopUtilization}`);
      for (const [sql, n] of queries.byStatement) log(`    ${String(n).padStart(5)}  ${sql}`);
      if (queries.redis) log(`[${runId}] Redis commands per message: ${queries.redis.perMessage} ${JSON.stringify(queries.redis.byCommand)}`);
    }
    const r = result.phases.max;
    log(`[${runId}] max: ${r.deliveredPerSecond} msg/s delivered to the agent (${r.ackedPerSecond} acked/s) over ${r.windowSeconds} s; ` +
      `errors ${r.errors}, timeouts ${r.timeouts}, undelivered ${undelivered}; latency p50 ${r.latencyMs.p50} p99 ${r.latencyMs.p99} ms; ` +
      `per second ${JSON.stringify(r.perSecond)}; cpu ${JSON.stringify(cpu)}`);
  }

  result.agentsDelivered = agentCounts;
  result.strayDeliveries = stray;
  result.visitorErrorEvents = visitorErrors;
  result.disconnects = disconnects;
  for (const v of visitors) v.socket.disconnect();
  for (const a of agents) a.disconnect();

  const ackedTotal = Object.values(result.phases).reduce((n, p) => n + (p.acked ?? 0), 0);
  if (server) {
    await stopServer();
    result.serverLogErrors = server.logErrors;
    result.stored = { acked: ackedTotal, rows: await countStored(server.dbInfo) };
    log(`[${runId}] stored: ${result.stored.rows} message rows for ${ackedTotal} acknowledged sends`);
  }
  return result;
}

async function countStored(dbInfo) {
  const like = `${runId}-%`;
  if (dbInfo.kind === 'sqlite') {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(dbInfo.file, { readonly: true });
    try {
      return db.prepare('SELECT count(*) AS n FROM messages WHERE client_message_id LIKE ?').get(like).n;
    } finally {
      db.close();
    }
  }
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: dbInfo.url });
  await c.connect();
  try {
    return Number((await c.query('SELECT count(*) AS n FROM messages WHERE client_message_id LIKE $1', [like])).rows[0].n);
  } finally {
    await c.end();
  }
}

async function cleanup() {
  if (server && server.child.exitCode == null) await stopServer().catch(() => undefined);
  for (const fn of cleanups.reverse()) await Promise.resolve().then(fn).catch((err) => log(`cleanup: ${err.message}`));
}

const hardStop = setTimeout(() => {
  log('widget-load: overall time limit reached, aborting');
  cleanup().finally(() => process.exit(2));
}, (flags.warmupSeconds * 2 + flags.fixedSeconds + flags.maxSeconds + 300) * 1000);
hardStop.unref();
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => cleanup().finally(() => process.exit(130)));

main()
  .then(async (result) => {
    await cleanup();
    if (flags.json) process.stdout.write(JSON.stringify(result) + '\n');
    process.exit(0);
  })
  .catch(async (err) => {
    log(`widget-load failed: ${err.stack ?? err}`);
    if (server?.logTail) log(server.logTail);
    await cleanup();
    process.exit(1);
  });
