#!/usr/bin/env node
// VK Callback API events against a Parley server: how many are acknowledged per second and how
// fast, beside a bare node:http server measured in the same run (bare-http.mjs).
//
//   node tools/scripts/build.mjs server
//   node tools/bench/vk-webhooks.mjs --db postgres --redis private --role api --worker after   # what BENCHMARKS.md reports
//   node tools/bench/vk-webhooks.mjs --db sqlite
//
// Set-up: spawns Parley (dist/apps/api/src/main.js, LOG_LEVEL=warn), runs the VK emulator in this
// process and creates a VK inbox (Callback API mode) through the API pointed at it, so the adapter's
// configure hook (groups.getById, the confirmation code, addCallbackServer with a generated secret)
// runs as in production; the secret is read back from the emulator's Callback API server. Every
// request is a distinct `message_new` event (own message id and event_id, one of `--customers`
// senders, Cyrillic text) with the secret, as VK posts them. Parley checks the secret, parses the
// event, looks the sender's name up with users.get (only for a sender not named in the last ten minutes,
// batched: the emulator answers) and queues the message durably before answering "ok".
// Phases as in twilio-webhooks.mjs: warm-up, fixed (open loop at `--rate`/s, latency from each
// request's scheduled time), max (closed loop on `--connections` keep-alive connections), the bare
// reference, then the drain and a check that every acknowledged event is stored exactly once.
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
  publicUrl: 'https://parley.bench.example', // PUBLIC_URL (the Callback API server registered; the requests go to the server's own port)
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


async function main() {
  if (flags.waitQuiet) log(`[${runId}] host busy before start: ${await waitForQuiet({ log: (m) => log(`[${runId}] ${m}`) })} cores`);
  const parley = await spawnParley({ db: flags.db, redis: flags.redis, runId, cleanups, log, role: flags.role, apiNodes: flags.apiNodes, workerNow: flags.worker === 'during', cpuProf: flags.cpuProf, nodeArgs: flags.nodeArgs, keep: flags.keep, publicUrl: flags.publicUrl === 'own' ? undefined : flags.publicUrl });
  const { base } = parley;
  log(`[${runId}] Parley at ${base} ${JSON.stringify(parley.health)} role=${flags.role}`);

  const { startVkEmulator } = require(join(ROOT, 'dist/tools/emulators/src/vk/vk.emulator.js'));
  const emulator = await startVkEmulator({ host: '127.0.0.1', port: 0, parleyUrl: base });
  cleanups.unshift(() => emulator.close());
  const token = `vk1.a.bench_${runId}_${hex(12)}`;
  const { accessToken } = await apiCall(base, 'POST', '/api/auth/login', BENCH_ADMIN);
  const inbox = await apiCall(base, 'POST', '/api/inboxes', {
    name: 'Bench VK', channel: 'vk', config: { accessToken: token, mode: 'callback', apiBaseUrl: `${emulator.url}/method` },
  }, accessToken);
  const community = emulator.community(token);
  const secret = community.servers[0].secretKey;
  for (let c = 0; c < flags.customers; c++) community.user(100_000 + c, { first_name: 'Ольга', last_name: `Покупатель ${c}` });
  const path = `/webhooks/vk/${inbox.id}`;
  const target = new URL(base);

  const agent = new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 512 });
  let seq = 0;
  const sids = new Set();
  /** One distinct message_new event with the secret; resolves with the HTTP status, or the connection error's code. */
  const post = () => {
    const n = seq++;
    const sid = `e${runId}${n.toString(16).padStart(20, '0')}`;
    const user = 100_000 + (n % flags.customers);
    const body = JSON.stringify({
      type: 'message_new', event_id: sid, v: '5.199', group_id: community.id, secret,
      object: {
        message: { id: n + 1, date: Math.floor(Date.now() / 1000), peer_id: user, from_id: user, text: `Где мой заказ №${n}? Bench ${runId}`, out: 0, attachments: [], conversation_message_id: n + 1, fwd_messages: [], important: false, is_hidden: false },
        client_info: { button_actions: ['text', 'callback'], keyboard: true, inline_keyboard: true, lang_id: 0 },
      },
    });
    return new Promise((resolve) => {
      const req = http.request(
        {
          host: target.hostname, port: parley.ports[n % parley.ports.length], path, method: 'POST', agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (text += c));
          res.on('end', () => {
            // VK takes only "ok" as delivered.
            const acked = res.statusCode === 200 && text === 'ok';
            if (acked) sids.add(sid);
            resolve(acked ? 200 : res.statusCode);
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

  const result = { tool: 'vk-webhooks', runId, machine: machineInfo(), config: { ...flags, health: parley.health }, phases: {} };
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
      const meter = cpuMeter(parley.pids, { workerPid: parley.worker?.pid });
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
  // Every acknowledged event must end up stored exactly once.
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
    acknowledged: sids.size, rows: stored.n, distinctEvents: stored.d, storedWhenLoadEnded: storedAtEnd,
    drainSecondsAfterLoad: round(drainSeconds, 1), drainPerSecond: round((stored.n - storedAtEnd) / drainSeconds, 0),
  };
  log(`[${runId}] stored: ${stored.n} rows (${stored.d} distinct messages) for ${sids.size} acknowledged; drained ${result.stored.drainSecondsAfterLoad} s after the load (${result.stored.drainPerSecond}/s)`);


  const calls = {};
  for (const c of community.calls) calls[c.method] = (calls[c.method] ?? 0) + 1;
  result.vkApiCalls = calls;
  log(`[${runId}] VK API calls the server made: ${JSON.stringify(calls)}`);
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
