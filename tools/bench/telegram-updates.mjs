#!/usr/bin/env node
// Telegram webhook updates against a Parley server: how many are stored and acknowledged per second
// and how fast Telegram gets its answer, beside a bare node:http server measured in the same run.
//
//   node tools/scripts/build.mjs server
//   node tools/bench/telegram-updates.mjs --db postgres --redis private        # what BENCHMARKS.md reports
//   node tools/bench/telegram-updates.mjs --db sqlite
//
// Set-up: spawns Parley (dist/apps/api/src/main.js, PUBLIC_URL = its own address, LOG_LEVEL=warn), runs
// the Telegram Bot API emulator in this process and creates a webhook-mode Telegram inbox through the
// API (so getMe and setWebhook run through telegraf as in production); the secret token is the one
// the adapter registered. This script then plays Telegram: every request is a distinct text update
// (own update_id and message_id) from one of `--chats` private chats, JSON with the
// X-Telegram-Bot-Api-Secret-Token header. As Telegram does, one chat's updates are sent one at a
// time: the next waits for the previous answer. The Telegram adapter stores each update before it
// answers (ingestInline), so an acknowledged update is a stored message.
// Phases: warm-up (`--warmup-seconds` at `--rate`, not measured; opens the chats' conversations);
// fixed: open loop at `--rate`/s for `--fixed-seconds`, latency counted from each update's scheduled
// time (waiting behind the same chat's previous update included); max: closed loop on as many
// keep-alive connections as the inbox asked Telegram for (setWebhook's max_connections, which the
// adapter sets to 100; `--connections N` overrides it) for `--max-seconds`. Then the bare
// node:http reference (bare-http.mjs, same connection count), and a check that the database holds
// exactly one row per acknowledged update.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cpuMeter, hex, machineInfo, parseFlags, percentiles, ROOT, round, run } from './lib.mjs';
import { apiCall, BENCH_ADMIN, spawnParley, storedCount } from './parley-server.mjs';

const flags = parseFlags(process.argv.slice(2), {
  db: 'postgres', // postgres | sqlite
  redis: 'private', // none | private | redis://127.0.0.1:6379
  rate: 200,
  warmupSeconds: 4,
  fixedSeconds: 15,
  maxSeconds: 15,
  connections: 0, // 0: the max_connections the adapter registered with setWebhook
  chats: 500,
  bare: true,
  role: 'all', // all: api + worker in one process (npm start) | api: an api node and a worker process (CPU figures add both)
  apiNodes: 1, // with --role api: this many api processes on one database and Redis; updates alternate between them (the load balancer's job, nginx in docker-compose.yml)
  cpuProf: '', // directory: run the api with --cpu-prof into it (summarise with profile-summary.mjs)
  keep: false,
  json: false,
});
const log = (...a) => process.stderr.write(a.join(' ') + '\n');
const runId = `g${hex(4)}`;
const cleanups = [];
const require = createRequire(import.meta.url);

async function main() {
  const parley = await spawnParley({ db: flags.db, redis: flags.redis, role: flags.role, apiNodes: flags.apiNodes, workerNow: true, runId, cleanups, log, cpuProf: flags.cpuProf, keep: flags.keep });
  const { base } = parley;
  log(`[${runId}] Parley at ${base} ${JSON.stringify(parley.health)}`);

  const { startTelegram } = require(join(ROOT, 'dist/tools/emulators/src/telegram/telegram.emulator.js'));
  const emulator = await startTelegram({ host: '127.0.0.1', port: 0, parleyUrl: base });
  cleanups.unshift(() => emulator.close());
  const botToken = `${7_100_000_000 + Math.floor(Math.random() * 1e6)}:${hex(18)}`;
  const { accessToken } = await apiCall(base, 'POST', '/api/auth/login', BENCH_ADMIN);
  const inbox = await apiCall(base, 'POST', '/api/inboxes', { name: 'Bench Telegram', channel: 'telegram', config: { botToken, mode: 'webhook', apiBaseUrl: emulator.url } }, accessToken);
  const secret = emulator.bot(botToken).webhook.secretToken;
  if (!flags.connections) flags.connections = emulator.bot(botToken).webhook.maxConnections;
  const path = `/webhooks/telegram/${inbox.id}`;
  const target = new URL(base + path);

  const agent = new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 512 });
  let nextUpdateId = 500_000_000;
  const firstChat = 900_000_000 + Math.floor(Math.random() * 1e6) * 1000;
  const nextMessageId = new Map();
  const acked = new Set();
  /** One distinct text update from `chat`; resolves with the HTTP status. */
  const post = (chat) => {
    const updateId = nextUpdateId++;
    const messageId = (nextMessageId.get(chat) ?? 0) + 1;
    nextMessageId.set(chat, messageId);
    const from = { id: chat, is_bot: false, first_name: `Bench ${chat % 10_000}`, language_code: 'ru' };
    const body = JSON.stringify({
      update_id: updateId,
      message: { message_id: messageId, from, chat: { id: chat, type: 'private', first_name: from.first_name }, date: Math.floor(Date.now() / 1000), text: `Где мой заказ №${updateId}? Bench ${runId}` },
    });
    return new Promise((resolve) => {
      const req = http.request(
        {
          host: target.hostname, port: parley.ports[updateId % parley.ports.length], path, method: 'POST', agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-telegram-bot-api-secret-token': secret },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 204) acked.add(updateId);
            resolve(res.statusCode);
          });
        },
      );
      req.on('error', () => resolve(0));
      req.end(body);
    });
  };
  /** Telegram sends a chat's next update only once the previous one was answered. */
  const chatTail = new Map();
  const postInOrder = (chat) => {
    const sent = (chatTail.get(chat) ?? Promise.resolve()).then(() => post(chat));
    chatTail.set(chat, sent);
    return sent;
  };

  const newPhase = () => ({ sent: 0, ok: 0, errors: 0, errorStatuses: {}, latencies: [], maxLag: 0 });
  /** Counts one answer; anything but 204 is an error, kept by status (0: the connection failed). */
  const count = (phase, status) => {
    if (status === 204) phase.ok++;
    else {
      phase.errors++;
      phase.errorStatuses[status] = (phase.errorStatuses[status] ?? 0) + 1;
    }
  };
  let roundRobin = 0;
  /** Open loop: update k is due at start + k/rate, to the next chat in turn; latency counts from then. */
  async function fixedRate(phase, seconds) {
    const total = Math.round(flags.rate * seconds);
    const start = performance.now();
    const inflight = [];
    await new Promise((resolve) => {
      const timer = setInterval(() => {
        const now = performance.now();
        const due = Math.min(total, Math.floor(((now - start) * flags.rate) / 1000) + 1);
        while (phase.sent < due) {
          const scheduled = start + (phase.sent * 1000) / flags.rate;
          phase.maxLag = Math.max(phase.maxLag, now - scheduled);
          phase.sent++;
          inflight.push(postInOrder(firstChat + (roundRobin++ % flags.chats)).then((status) => {
            phase.latencies.push(performance.now() - scheduled);
            count(phase, status);
          }));
        }
        if (phase.sent >= total) {
          clearInterval(timer);
          resolve();
        }
      }, 1);
    });
    await Promise.all(inflight);
    phase.seconds = (performance.now() - start) / 1000;
  }
  /** Closed loop: `--connections` senders, each with its own share of the chats, one update at a time. */
  async function closedLoop(phase, seconds) {
    const start = performance.now();
    const end = start + seconds * 1000;
    await Promise.all(Array.from({ length: flags.connections }, async (_, worker) => {
      for (let i = 0; performance.now() < end; i++) {
        const chat = firstChat + ((worker + i * flags.connections) % flags.chats);
        const t0 = performance.now();
        phase.sent++;
        const status = await post(chat);
        phase.latencies.push(performance.now() - t0);
        count(phase, status);
      }
    }));
    phase.seconds = (performance.now() - start) / 1000;
  }

  const result = { tool: 'telegram-updates', runId, machine: machineInfo(), config: { ...flags, health: parley.health }, phases: {} };
  const summary = (phase, cpu) => ({
    sent: phase.sent, acknowledged: phase.ok, errors: phase.errors, ...(phase.errors ? { errorStatuses: phase.errorStatuses } : {}), seconds: round(phase.seconds, 2),
    ackedPerSecond: round(phase.ok / phase.seconds, 0), ackLatencyMs: percentiles(phase.latencies),
    ...(phase.maxLag ? { maxSchedulerLagMs: round(phase.maxLag, 1) } : {}), cpu,
  });

  if (flags.warmupSeconds > 0) {
    const w = newPhase();
    await fixedRate(w, flags.warmupSeconds);
    log(`[${runId}] warm-up: ${w.ok}/${w.sent} acknowledged`);
  }
  {
    const f = newPhase();
    log(`[${runId}] fixed: ${flags.rate}/s over ${flags.chats} chats for ${flags.fixedSeconds} s…`);
    const meter = cpuMeter([...parley.pids, parley.worker?.pid]);
    await fixedRate(f, flags.fixedSeconds);
    result.phases.fixed = summary(f, meter());
    const l = result.phases.fixed.ackLatencyMs;
    log(`[${runId}] fixed: ${f.ok}/${f.sent} acknowledged at ${result.phases.fixed.ackedPerSecond}/s; ack p50 ${l.p50} p99 ${l.p99} max ${l.max} ms; errors ${f.errors} ${f.errors ? JSON.stringify(f.errorStatuses) : ''}; cpu ${JSON.stringify(result.phases.fixed.cpu)}`);
  }
  {
    const m = newPhase();
    log(`[${runId}] max: ${flags.connections} connections for ${flags.maxSeconds} s…`);
    const meter = cpuMeter([...parley.pids, parley.worker?.pid]);
    await closedLoop(m, flags.maxSeconds);
    result.phases.max = summary(m, meter());
    const l = result.phases.max.ackLatencyMs;
    log(`[${runId}] max: ${result.phases.max.ackedPerSecond} acknowledged/s; ack p50 ${l.p50} p99 ${l.p99} ms; errors ${m.errors} ${m.errors ? JSON.stringify(m.errorStatuses) : ''}; cpu ${JSON.stringify(result.phases.max.cpu)}`);
  }
  agent.destroy();

  // Acknowledged means stored (the adapter ingests before answering): no drain to wait for.
  const stored = await storedCount(parley.dbUrl, inbox.id);
  result.stored = { acknowledged: acked.size, rows: stored.n, distinctProviderIds: stored.d };
  log(`[${runId}] stored: ${stored.n} rows (${stored.d} distinct provider ids) for ${acked.size} acknowledged updates`);

  if (flags.bare) {
    const out = await run(process.execPath, [join(ROOT, 'tools/bench/bare-http.mjs'), '--json', '--seconds', String(flags.maxSeconds), '--connections', String(flags.connections)]);
    const bare = JSON.parse(out.split('\n').filter(Boolean).pop());
    result.bareHttp = { requestsPerSecond: bare.requestsPerSecond, latencyMs: bare.latencyMs, connections: bare.connections };
    log(`[${runId}] bare node:http: ${bare.requestsPerSecond} req/s, p50 ${bare.latencyMs.p50} p99 ${bare.latencyMs.p99} ms`);
  }
  if (flags.json) process.stdout.write(JSON.stringify(result) + '\n');
  const errors = readFileSync(join(parley.logDir, 'api.log'), 'utf8').match(/"level":(50|60)/g)?.length ?? 0;
  if (errors) log(`[${runId}] the server logged ${errors} errors`);
}

let code = 0;
try {
  await main();
} catch (err) {
  log(err.stack ?? String(err));
  code = 1;
} finally {
  for (const clean of cleanups) await Promise.resolve().then(clean).catch((e) => log(`cleanup: ${e.message}`));
}
process.exit(code);
