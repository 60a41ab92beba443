#!/usr/bin/env node
// Signed Viber callbacks against a Parley server: how many are acknowledged per second and how
// fast, beside a bare node:http server measured in the same run (bare-http.mjs).
//
//   node tools/scripts/build.mjs server
//   node tools/bench/viber-webhooks.mjs --db postgres --redis private --role api --worker after   # what BENCHMARKS.md reports
//   node tools/bench/viber-webhooks.mjs --db sqlite
//
// Set-up: spawns Parley (dist/apps/api/src/main.js, LOG_LEVEL=warn, PUBLIC_URL = its own address, so the
// emulator's set_webhook check reaches it), runs the Viber emulator in this process and creates a
// Viber inbox through the API pointed at it (get_account_info and set_webhook run as in production).
// Every request is a distinct `message` callback (own 64-bit message_token, one of `--customers`
// senders, Cyrillic text), JSON signed with X-Viber-Content-Signature (HMAC-SHA256 of the body with
// the bot token) as Viber signs it. Parley verifies it, parses it and queues it durably before
// answering 200. Viber sends callbacks concurrently, without per-chat ordering: the max phase is a
// closed loop on `--connections` keep-alive connections. Phases as in twilio-webhooks.mjs: warm-up,
// fixed (open loop at `--rate`/s, latency from each request's scheduled time), max; then the bare
// reference, then the inbound queue drains and the database must hold one row per acknowledged token.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { cpuMeter, hex, machineInfo, parseFlags, percentiles, ROOT, round, run, sleep, waitForQuiet } from './lib.mjs';
import { apiCall, BENCH_ADMIN, spawnParley, storedCount } from './parley-server.mjs';

const flags = parseFlags(process.argv.slice(2), {
  db: 'postgres', // postgres | sqlite
  redis: 'private', // none | private | redis://127.0.0.1:6379
  role: 'all', // the spawned server's PARLEY_ROLE: all (api + worker in one process, as npm start) | api (+ a separate worker process)
  apiNodes: 1, // with --role api: this many api processes on one database and Redis; requests alternate between them (a load balancer's job)
  worker: 'during', // with --role api: start the worker process 'during' the load or 'after' it (acks measured alone, then the drain)
  rate: 2000,
  warmupSeconds: 3,
  fixedSeconds: 15,
  maxSeconds: 15,
  connections: 64,
  customers: 500,
  drainSeconds: 120,
  bare: true,
  waitQuiet: true, // wait (up to 3 min) for other processes on the host to go quiet first
  maxOther: 0.4, // a phase during which others used more CPU than this (cores) is disturbed: wait for quiet, run it again
  attempts: 3, // at most this many runs of each phase
  nodeArgs: '', // extra node flags for the spawned api, space-separated (e.g. "--max-semi-space-size=32 --trace-gc")
  cpuProf: '', // directory: run the api with --cpu-prof into it (summarise with profile-summary.mjs)
  keep: false,
  json: false,
});
const log = (...a) => process.stderr.write(a.join(' ') + '\n');
const runId = `t${hex(4)}`;
const cleanups = [];
const require = createRequire(import.meta.url);

const signature = (authToken, body) => createHmac('sha256', authToken).update(body).digest('hex');

async function main() {
  if (flags.waitQuiet) log(`[${runId}] host busy before start: ${await waitForQuiet({ log: (m) => log(`[${runId}] ${m}`) })} cores`);
  const parley = await spawnParley({ db: flags.db, redis: flags.redis, runId, cleanups, log, role: flags.role, apiNodes: flags.apiNodes, workerNow: flags.worker === 'during', cpuProf: flags.cpuProf, nodeArgs: flags.nodeArgs, keep: flags.keep, publicUrl: undefined });
  const { base } = parley;
  log(`[${runId}] Parley at ${base} ${JSON.stringify(parley.health)} role=${flags.role}`);

  const { startViberEmulator } = require(join(ROOT, 'dist/tools/emulators/src/viber/viber.emulator.js'));
  const emulator = await startViberEmulator({ host: '127.0.0.1', port: 0, parleyUrl: base });
  cleanups.unshift(() => emulator.close());
  const authToken = [0, 1, 2].map(() => hex(8)).join('-');
  const { accessToken } = await apiCall(base, 'POST', '/api/auth/login', BENCH_ADMIN);
  const inbox = await apiCall(base, 'POST', '/api/inboxes', { name: 'Bench Viber', channel: 'viber', config: { authToken, senderName: 'Bench', apiBaseUrl: emulator.url } }, accessToken);
  const path = `/webhooks/viber/${inbox.id}`;
  const target = new URL(base);
  // Viber's message tokens are 64-bit: above what a double holds exactly, as in production.
  const tokenBase = 5_100_000_000_000_000_000n + BigInt(Date.now()) * 1_000_000n;

  const agent = new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 512 });
  let seq = 0;
  const sids = new Set();
  /** One distinct message callback, signed; resolves with the HTTP status, or the connection error's code. */
  const post = () => {
    const n = seq++;
    const sid = (tokenBase + BigInt(n)).toString();
    const user = `bench${runId}${n % flags.customers}==`;
    const body = `{"event":"message","timestamp":${Date.now()},"chat_hostname":"SN-BENCH_","message_token":${sid},"sender":{"id":"${user}","name":"Покупатель ${n % flags.customers}","language":"ru","country":"RU","api_version":10},"message":{"type":"text","text":"Где мой заказ №${n}? Bench ${runId}"},"silent":false}`;
    return new Promise((resolve) => {
      const req = http.request(
        {
          host: target.hostname, port: parley.ports[n % parley.ports.length], path, method: 'POST', agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-viber-content-signature': signature(authToken, body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode === 200) sids.add(sid);
            resolve(res.statusCode);
          });
        },
      );
      req.on('error', (err) => resolve(err.code ?? 'connection error'));
      req.end(body);
    });
  };

  const newPhase = () => ({ sent: 0, ok: 0, errors: 0, errorKinds: {}, latencies: [], maxLag: 0 });
  const failed = (phase, status) => {
    phase.errors++;
    const kind = typeof status === 'number' ? `HTTP ${status}` : `connection error ${status}`;
    phase.errorKinds[kind] = (phase.errorKinds[kind] ?? 0) + 1;
  };
  /** Open loop: request k is due at start + k/rate; latency counts from that moment. */
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
          inflight.push(post().then((status) => {
            phase.latencies.push(performance.now() - scheduled);
            status === 200 ? phase.ok++ : failed(phase, status);
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
  async function closedLoop(phase, seconds) {
    const start = performance.now();
    const end = start + seconds * 1000;
    await Promise.all(Array.from({ length: flags.connections }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        phase.sent++;
        const status = await post();
        phase.latencies.push(performance.now() - t0);
        status === 200 ? phase.ok++ : failed(phase, status);
      }
    }));
    phase.seconds = (performance.now() - start) / 1000;
  }

  const result = { tool: 'viber-webhooks', runId, machine: machineInfo(), config: { ...flags, health: parley.health }, phases: {} };
  const summary = (phase, cpu) => ({
    sent: phase.sent, acknowledged: phase.ok, errors: phase.errors, ...(phase.errors ? { errorKinds: phase.errorKinds } : {}), seconds: round(phase.seconds, 2),
    ackedPerSecond: round(phase.ok / phase.seconds, 0), ackLatencyMs: percentiles(phase.latencies),
    ...(phase.maxLag ? { maxSchedulerLagMs: round(phase.maxLag, 1) } : {}), cpu,
  });

  if (flags.warmupSeconds > 0) {
    const w = newPhase();
    await fixedRate(w, flags.warmupSeconds);
    log(`[${runId}] warm-up: ${w.ok}/${w.sent} acknowledged`);
  }
  /** Runs a phase; when other processes took CPU meanwhile, waits for quiet and runs it again. */
  async function measured(name, describe, work) {
    for (let attempt = 1; ; attempt++) {
      const phase = newPhase();
      log(`[${runId}] ${name} (attempt ${attempt}): ${describe}…`);
      const meter = cpuMeter(parley.pids);
      await work(phase);
      const s = { ...summary(phase, meter()), attempt };
      const l = s.ackLatencyMs;
      log(`[${runId}] ${name}: ${phase.ok}/${phase.sent} acknowledged at ${s.ackedPerSecond}/s; ack p50 ${l.p50} p99 ${l.p99} max ${l.max} ms; errors ${phase.errors}${phase.errors ? ` ${JSON.stringify(phase.errorKinds)}` : ''}; cpu ${JSON.stringify(s.cpu)}`);
      (result.disturbed ??= []).push(...(s.cpu.other > flags.maxOther ? [{ phase: name, attempt, otherCores: s.cpu.other }] : []));
      if (s.cpu.other <= flags.maxOther || attempt >= flags.attempts) return s;
      log(`[${runId}] ${name}: others used ${s.cpu.other} cores meanwhile; waiting for quiet to run it again`);
      await waitForQuiet({ log: (m) => log(`[${runId}] ${m}`) });
    }
  }
  result.phases.fixed = await measured('fixed', `${flags.rate}/s for ${flags.fixedSeconds} s`, (p) => fixedRate(p, flags.fixedSeconds));
  result.phases.max = await measured('max', `${flags.connections} connections for ${flags.maxSeconds} s`, (p) => closedLoop(p, flags.maxSeconds));
  agent.destroy();

  // The bare reference now, while the host is as the load phases had it (before the worker drains).
  if (flags.bare) {
    const out = await run(process.execPath, [join(ROOT, 'tools/bench/bare-http.mjs'), '--json', '--seconds', String(flags.maxSeconds), '--connections', String(flags.connections)]);
    const bare = JSON.parse(out.split('\n').filter(Boolean).pop());
    result.bareHttp = { requestsPerSecond: bare.requestsPerSecond, latencyMs: bare.latencyMs, connections: bare.connections };
    log(`[${runId}] bare node:http: ${bare.requestsPerSecond} req/s, p50 ${bare.latencyMs.p50} p99 ${bare.latencyMs.p99} ms`);
  }
  // Every acknowledged message_token must end up stored exactly once.
  let stored = await storedCount(parley.dbUrl, inbox.id);
  const storedAtEnd = stored.n;
  if (flags.role === 'api' && flags.worker === 'after') {
    log(`[${runId}] starting the worker to drain ${sids.size - stored.n} queued messages…`);
    parley.startWorker();
  }
  const drainStart = performance.now();
  while (stored.n < sids.size && performance.now() - drainStart < flags.drainSeconds * 1000) {
    await sleep(500);
    stored = await storedCount(parley.dbUrl, inbox.id);
  }
  const drainSeconds = (performance.now() - drainStart) / 1000;
  result.stored = {
    acknowledged: sids.size, rows: stored.n, distinctSids: stored.d, storedWhenLoadEnded: storedAtEnd,
    drainSecondsAfterLoad: round(drainSeconds, 1), drainPerSecond: round((stored.n - storedAtEnd) / drainSeconds, 0),
  };
  log(`[${runId}] stored: ${stored.n} rows (${stored.d} distinct tokens) for ${sids.size} acknowledged; drained ${result.stored.drainSecondsAfterLoad} s after the load (${result.stored.drainPerSecond}/s)`);


  if (flags.json) process.stdout.write(JSON.stringify(result) + '\n');
  const errors = readFileSync(join(parley.logDir, 'api.log'), 'utf8').match(/"level":(50|60)/g)?.length ?? 0;
  if (errors) log(`[${runId}] the server logged ${errors} errors`);
}

let code = 0;
// Ctrl-C / SIGTERM: stop the spawned processes and drop the scratch database all the same.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    log(`[${runId}] ${signal}: cleaning up`);
    for (const clean of cleanups.splice(0)) await Promise.resolve().then(clean).catch(() => undefined);
    process.exit(130);
  });
}
try {
  await main();
} catch (err) {
  log(err.stack ?? String(err));
  code = 1;
} finally {
  for (const clean of cleanups.splice(0)) await Promise.resolve().then(clean).catch((e) => log(`cleanup: ${e.message}`));
}
process.exit(code);
