#!/usr/bin/env node
// Inbound email throughput: customer mail relayed over SMTP to Parley's listener, stored and shown.
//
//   node tools/scripts/build.mjs server                                  # what this spawns
//   node tools/bench/email-smtp.mjs --db sqlite
//   node tools/bench/email-smtp.mjs --db postgres --redis private
//
// The spawned server gets a fresh database, an email inbox and one agent socket. Mail is a
// realistic Gmail-style multipart/alternative (text + HTML with a quoted reply, ~1.4 KB), each with
// its own Message-ID, from `--customers` senders, over `--connections` SMTP connections.
// Phases (bounded in time; the script stops by itself):
//   warmup — `--warmup-seconds` closed loop, not measured (opens every customer's conversation);
//   fixed  — open loop at `--rate` mails/s for `--fixed-seconds`: latency from the scheduled send
//            to `message.created` on the agent socket ("shown"), and to the SMTP 250 ("stored");
//   max    — closed loop, each connection sends its next mail when the previous got its 250, for
//            `--max-seconds`; mails/s counted at the agent socket after `--warmup-seconds`.
// 250 is answered only after the mail is stored, so every acknowledged mail must be in the
// database at the end: the script checks the count. --json prints one JSON result line.
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { cpuMeter, freePort, hex, machineInfo, parseFlags, percentiles, privateRedis, ROOT, round, scratchPgDatabase, sleep, stopChild, waitForHttp, waitForQuiet } from './lib.mjs';
import { apiCall } from './parley-server.mjs';

const require = createRequire(import.meta.url);
const { createTransport } = require('nodemailer');

const flags = parseFlags(process.argv.slice(2), {
  db: 'sqlite', // sqlite | postgres
  redis: 'none', // none | private | redis://127.0.0.1:6379
  connections: 16,
  customers: 200,
  rate: 50,
  warmupSeconds: 3,
  fixedSeconds: 15,
  maxSeconds: 20,
  phases: 'fixed,max',
  drainMs: 15_000,
  quiet: true, // wait (up to 3 min) for the host to be quiet before measuring
  keep: false,
  json: false,
  help: false,
});
if (flags.help) {
  process.stderr.write(readFileSync(new URL(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).join('\n') + '\n');
  process.exit(0);
}

const log = (...a) => process.stderr.write(a.join(' ') + '\n');
const runId = `m${hex(4)}`;
const ADMIN = { email: 'bench@parley.local', password: 'bench-password-123' };
const INBOX = 'support@bench-shop.example';
const cleanups = [];
let server = null;

async function spawnServer() {
  const [port, smtpPort] = [await freePort(), await freePort()];
  const env = { ...process.env };
  delete env.REDIS_URL;
  let db;
  if (flags.db === 'postgres') {
    const pg = await scratchPgDatabase('bench_email');
    cleanups.push(() => (flags.keep ? log(`kept database ${pg.name}`) : pg.drop()));
    env.DATABASE_URL = pg.url;
    db = { kind: 'postgres', url: pg.url };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'parley-bench-email-'));
    cleanups.push(() => (flags.keep ? log(`kept ${dir}`) : rmSync(dir, { recursive: true, force: true })));
    env.DATABASE_URL = `sqlite:${join(dir, 'parley.sqlite')}`;
    db = { kind: 'sqlite', file: join(dir, 'parley.sqlite') };
  }
  if (flags.redis === 'private') {
    const redis = await privateRedis();
    cleanups.push(() => redis.stop());
    env.REDIS_URL = redis.url;
  } else if (flags.redis !== 'none') {
    if (!/^redis:\/\/(127\.0\.0\.1|localhost)[:/]/.test(flags.redis)) throw new Error('--redis must be a loopback URL');
    env.REDIS_URL = flags.redis;
  }
  Object.assign(env, {
    PORT: String(port),
    SMTP_INBOUND_PORT: String(smtpPort),
    SMTP_INBOUND_HOST: '127.0.0.1',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    // Production needs the key that seals secrets at rest; a bench run makes its own.
    PARLEY_ENCRYPTION_KEY: process.env.PARLEY_ENCRYPTION_KEY || randomBytes(32).toString('base64'),
    // Production mode needs JWT_SECRET; one fixed value lets several bench nodes accept each other's tokens.
    JWT_SECRET: process.env.JWT_SECRET || 'parley-bench-only-jwt-secret-0123456789',
    PARLEY_DEMO: 'false',
    PARLEY_QUEUE_PREFIX: `parley-bench-${runId}`,
    PARLEY_DIST_DIR: join(ROOT, 'dist/apps'),
  });
  const logDir = mkdtempSync(join(tmpdir(), 'parley-bench-log-'));
  const logFile = join(logDir, 'server.log');
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], { cwd: ROOT, env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  server = { child, logFile, db };
  const base = `http://127.0.0.1:${port}`;
  try {
    server.health = await waitForHttp(`${base}/health`, 90_000, () => child.exitCode == null);
  } catch (err) {
    log(readFileSync(logFile, 'utf8').slice(-4000));
    throw err;
  }
  return { base, smtpPort };
}

/** What Gmail sends for a reply with a quote: text and HTML alternatives, quoted-printable. */
function mail(seq) {
  const customer = seq % flags.customers;
  const id = `${runId}-${seq.toString(36)}`;
  const text = `Hello,\n\nbench ${id}: my order #${10000 + customer} has not arrived yet. Could you check the tracking?\n\nThanks,\nCustomer ${customer}`;
  const quote = 'On Fri, 21 Nov 2025 at 14:10, Shop support wrote:\n> Your order has been shipped and should arrive within 3-5 working days.\n> Kind regards, the shop team';
  return {
    id,
    message: {
      from: { name: `Customer ${customer}`, address: `customer${customer}@bench-mail.example` },
      to: INBOX,
      subject: `Order #${10000 + customer}`,
      messageId: `<${id}@bench-mail.example>`,
      text: `${text}\n\n${quote}\n`,
      html: `<div dir="ltr"><p>Hello,</p><p>bench ${id}: my order #${10000 + customer} has not arrived yet. Could you check the tracking?</p><p>Thanks,<br>Customer ${customer}</p></div><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Fri, 21 Nov 2025 at 14:10, Shop support &lt;${INBOX}&gt; wrote:<br></div><blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">Your order has been shipped and should arrive within 3-5 working days.<br>Kind regards, the shop team</blockquote></div>`,
    },
  };
}

function newPhase(name) {
  return { name, sent: 0, acked: 0, errors: 0, lastError: null, shown: 0, latencies: [], ackLatencies: [], start: 0, end: 0, measureFrom: 0, shownInWindow: 0, ackedInWindow: 0, maxLag: 0 };
}

async function main() {
  if (flags.quiet) await waitForQuiet({ log });
  const { base, smtpPort } = await spawnServer();
  log(`[${runId}] server ${base}, SMTP 127.0.0.1:${smtpPort}, ${JSON.stringify(server.health)}`);
  const { accessToken } = await apiCall(base, 'POST', '/api/auth/login', ADMIN);
  // Outbound is not exercised: the inbox's SMTP server is a closed port.
  await apiCall(base, 'POST', '/api/inboxes', { name: 'Bench email', channel: 'email', config: { address: INBOX, smtp: { host: '127.0.0.1', port: 9, secure: false } } }, accessToken);

  const pending = new Map();
  let stray = 0;
  const agent = io(`${base}/agents`, { auth: { token: accessToken }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise((resolve, reject) => (agent.once('connect', resolve), agent.once('connect_error', reject)));
  agent.on('message.created', (m) => {
    const id = /bench (m[0-9a-f]{8}-[0-9a-z]+):/.exec(m?.content ?? '')?.[1];
    if (m?.channel !== 'email' || !id?.startsWith(runId)) return;
    const p = pending.get(id);
    if (!p) return void stray++;
    pending.delete(id);
    const now = performance.now();
    p.phase.shown++;
    p.phase.latencies.push(now - p.t0);
    if (now >= p.phase.measureFrom && now <= p.phase.end) p.phase.shownInWindow++;
  });

  const transport = createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: flags.connections, maxMessages: Infinity });
  let seq = 0;
  let totalAcked = 0;
  function sendOne(phase, scheduled) {
    const m = mail(seq++);
    const t0 = scheduled ?? performance.now();
    pending.set(m.id, { t0, phase });
    phase.sent++;
    return transport.sendMail(m.message).then(
      () => {
        const now = performance.now();
        phase.acked++;
        totalAcked++;
        phase.ackLatencies.push(now - t0);
        if (now >= phase.measureFrom && now <= phase.end) phase.ackedInWindow++;
        return true;
      },
      (err) => {
        phase.errors++;
        phase.lastError = err.message;
        pending.delete(m.id);
        return false;
      },
    );
  }

  async function closedLoop(phase, seconds, measureAfterSeconds) {
    phase.start = performance.now();
    phase.measureFrom = phase.start + measureAfterSeconds * 1000;
    phase.end = phase.start + seconds * 1000;
    await Promise.all(
      Array.from({ length: flags.connections }, async () => {
        while (performance.now() < phase.end) if (!(await sendOne(phase))) await sleep(20);
      }),
    );
    phase.sendSeconds = (performance.now() - phase.start) / 1000;
  }

  async function openLoop(phase, rate, seconds) {
    const total = Math.round(rate * seconds);
    const inflight = [];
    phase.start = phase.measureFrom = performance.now();
    phase.end = phase.start + seconds * 1000 + flags.drainMs;
    await new Promise((resolve) => {
      const timer = setInterval(() => {
        const now = performance.now();
        const due = Math.min(total, Math.floor(((now - phase.start) * rate) / 1000) + 1);
        while (phase.sent < due) {
          const scheduled = phase.start + (phase.sent * 1000) / rate;
          phase.maxLag = Math.max(phase.maxLag, now - scheduled);
          inflight.push(sendOne(phase, Math.min(scheduled, now)));
        }
        if (phase.sent >= total) {
          clearInterval(timer);
          resolve();
        }
      }, 1);
    });
    phase.sendSeconds = (performance.now() - phase.start) / 1000;
    await Promise.all(inflight);
  }

  async function drain(phase) {
    const deadline = performance.now() + flags.drainMs;
    const left = () => [...pending.values()].filter((p) => p.phase === phase).length;
    while (left() > 0 && performance.now() < deadline) await sleep(50);
    const notShown = left();
    for (const [id, p] of pending) if (p.phase === phase) pending.delete(id);
    return notShown;
  }

  const result = { tool: 'email-smtp', runId, machine: machineInfo(), config: { db: server.health?.database, queue: server.health?.queue, connections: flags.connections, customers: flags.customers, rate: flags.rate, fixedSeconds: flags.fixedSeconds, maxSeconds: flags.maxSeconds, mailBytes: null }, phases: {} };
  result.config.mailBytes = await new Promise((resolve) => createTransport({ streamTransport: true, buffer: true }).sendMail(mail(0).message, (_e, info) => resolve(info?.message?.length ?? null)));

  if (flags.warmupSeconds > 0) {
    const w = newPhase('warmup');
    await closedLoop(w, Math.max(flags.warmupSeconds, 1), 0);
    const notShown = await drain(w);
    result.phases.warmup = { sent: w.sent, acked: w.acked, errors: w.errors, shown: w.shown, notShown };
    log(`[${runId}] warm-up: ${w.acked} stored, ${w.shown} shown, errors ${w.errors}${w.lastError ? ` (${w.lastError})` : ''}`);
  }

  if (flags.phases.includes('fixed')) {
    const f = newPhase('fixed');
    log(`[${runId}] fixed rate: ${flags.rate} mails/s for ${flags.fixedSeconds} s…`);
    const meter = cpuMeter(server.child.pid);
    await openLoop(f, flags.rate, flags.fixedSeconds);
    const cpu = meter();
    const notShown = await drain(f);
    result.phases.fixed = { sent: f.sent, acked: f.acked, errors: f.errors, lastError: f.lastError, shown: f.shown, notShown, offeredRate: round(f.sent / f.sendSeconds, 1), maxSchedulerLagMs: round(f.maxLag, 1), shownLatencyMs: percentiles(f.latencies), storedLatencyMs: percentiles(f.ackLatencies), cpu };
    const l = result.phases.fixed.shownLatencyMs;
    log(`[${runId}] fixed: ${f.acked}/${f.sent} stored, ${f.shown} shown; send→shown p50 ${l.p50} p95 ${l.p95} p99 ${l.p99} max ${l.max} ms; 250 p50 ${result.phases.fixed.storedLatencyMs.p50} ms; cpu ${JSON.stringify(cpu)}`);
  }

  if (flags.phases.includes('max')) {
    const m = newPhase('max');
    log(`[${runId}] max: ${flags.connections} connections, closed loop, ${flags.maxSeconds} s…`);
    const meterLater = sleep(flags.warmupSeconds * 1000).then(() => cpuMeter(server.child.pid));
    await closedLoop(m, flags.maxSeconds, flags.warmupSeconds);
    const cpu = (await meterLater)();
    const notShown = await drain(m);
    const windowSeconds = (m.end - m.measureFrom) / 1000;
    result.phases.max = {
      sent: m.sent, acked: m.acked, errors: m.errors, lastError: m.lastError, shown: m.shown, notShown,
      windowSeconds: round(windowSeconds, 1),
      storedPerSecond: round(m.ackedInWindow / windowSeconds, 1),
      shownPerSecond: round(m.shownInWindow / windowSeconds, 1),
      shownLatencyMs: percentiles(m.latencies),
      storedLatencyMs: percentiles(m.ackLatencies),
      cpu,
    };
    const r = result.phases.max;
    log(`[${runId}] max: ${r.storedPerSecond} mails/s stored, ${r.shownPerSecond} shown/s; send→shown p50 ${r.shownLatencyMs.p50} p95 ${r.shownLatencyMs.p95} ms; errors ${m.errors}${m.lastError ? ` (${m.lastError})` : ''}; cpu ${JSON.stringify(cpu)}`);
  }

  transport.close();
  agent.disconnect();
  const stored = await countStored();
  result.check = { acked: totalAcked, storedRows: stored, stray, ok: stored === totalAcked };
  log(`[${runId}] check: ${totalAcked} mails acknowledged with 250, ${stored} stored${stored === totalAcked ? '' : ' — MISMATCH'}`);
  return result;
}

async function countStored() {
  const sql = "SELECT count(*) AS n FROM messages WHERE channel = 'email' AND direction = 'inbound'";
  if (server.db.kind === 'postgres') {
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: server.db.url });
    await c.connect();
    try {
      return Number((await c.query(sql)).rows[0].n);
    } finally {
      await c.end();
    }
  }
  const Database = require('better-sqlite3');
  const db = new Database(server.db.file, { readonly: true });
  try {
    return db.prepare(sql).get().n;
  } finally {
    db.close();
  }
}

const deadline = setTimeout(() => {
  log(`[${runId}] overall deadline reached, stopping`);
  shutdown(2);
}, (flags.warmupSeconds + flags.fixedSeconds + flags.maxSeconds) * 1000 + 5 * flags.drainMs + 180_000);
deadline.unref();

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  await stopChild(server?.child).catch(() => undefined);
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch((e) => log(`cleanup: ${e.message}`));
  process.exit(code);
}
process.on('SIGINT', () => shutdown(130));
process.on('SIGTERM', () => shutdown(143));

main().then(
  async (result) => {
    if (flags.json) process.stdout.write(JSON.stringify(result) + '\n');
    await shutdown(result.check.ok ? 0 : 1);
  },
  async (err) => {
    log(`[${runId}] failed: ${err.stack ?? err}`);
    if (server) log(readFileSync(server.logFile, 'utf8').slice(-3000));
    await shutdown(1);
  },
);
