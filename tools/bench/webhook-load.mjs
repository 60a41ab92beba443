// Not a benchmark: the harness the signed-webhook benches share (twilio-webhooks.mjs,
// viber-webhooks.mjs, meta-webhooks.mjs, vk-webhooks.mjs). A channel script brings its own flags, inbox set-up and
// request builder; this module spawns Parley, logs in, and runs the phases: warm-up (`--warmup-seconds`
// at `--rate`, not measured); fixed: open loop at `--rate`/s for `--fixed-seconds`, latency counted
// from each request's scheduled send time; max: closed loop on `--connections` keep-alive connections
// for `--max-seconds` (a phase is run again when other processes took more than `--max-other` cores);
// then the bare node:http reference (same connection count), then it waits for the inbound queue to
// store every acknowledged message and checks the database holds exactly one row per id. Prints the
// result as one JSON line with `--json`, cleans up on exit, Ctrl-C and SIGTERM.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { cpuMeter, hex, machineInfo, parseFlags, percentiles, ROOT, round, run, sleep, waitForQuiet } from './lib.mjs';
import { apiCall, BENCH_ADMIN, spawnParley, storedCount } from './parley-server.mjs';

/** The flags every webhook bench takes; `extra` (the channel's own) come after `bare`, as they always did. */
export function parseWebhookFlags(extra = {}) {
  return parseFlags(process.argv.slice(2), {
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
    ...extra,
    waitQuiet: true, // wait (up to 3 min) for other processes on the host to go quiet first
    maxOther: 0.4, // a phase during which others used more CPU than this (cores) is disturbed: wait for quiet, run it again
    attempts: 3, // at most this many runs of each phase
    nodeArgs: '', // extra node flags for the spawned api, space-separated (e.g. "--max-semi-space-size=32 --trace-gc")
    cpuProf: '', // directory: run the api with --cpu-prof into it (summarise with profile-summary.mjs)
    keep: false,
    json: false,
  });
}

/**
 * Runs one webhook bench and exits the process.
 * - `tool`: the name in the JSON result; `idsName`: what the stored-row log line calls the ids ("MessageSids").
 * - `publicUrl`: Parley's PUBLIC_URL, or undefined for its own address.
 * - `ackBody`: when the provider takes only a given answer as delivered (VK's "ok"), that body; else any 200 is.
 * - `setup({ base, parley, runId, cleanups, log, accessToken })`: starts the emulator (pushing its close
 *   onto `cleanups` with unshift), creates the inbox; resolves with `{ inboxId, path, request, report? }`, where
 *   `request(n)` builds the n-th distinct message: `{ id, body, headers }` (content-length is added here), and
 *   `report(result)` may add the channel's own figures to the result once the messages are stored.
 */
export async function runWebhookBench({ tool, flags, publicUrl, idsName, ackBody, setup }) {
  const log = (...a) => process.stderr.write(a.join(' ') + '\n');
  const runId = `t${hex(4)}`;
  const cleanups = [];
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
    await bench({ tool, flags, publicUrl, idsName, ackBody, setup, log, runId, cleanups });
  } catch (err) {
    log(err.stack ?? String(err));
    code = 1;
  } finally {
    for (const clean of cleanups.splice(0)) await Promise.resolve().then(clean).catch((e) => log(`cleanup: ${e.message}`));
  }
  process.exit(code);
}

async function bench({ tool, flags, publicUrl, idsName, ackBody, setup, log, runId, cleanups }) {
  if (flags.waitQuiet) log(`[${runId}] host busy before start: ${await waitForQuiet({ log: (m) => log(`[${runId}] ${m}`) })} cores`);
  const parley = await spawnParley({ db: flags.db, redis: flags.redis, runId, cleanups, log, role: flags.role, apiNodes: flags.apiNodes, workerNow: flags.worker === 'during', cpuProf: flags.cpuProf, nodeArgs: flags.nodeArgs, keep: flags.keep, publicUrl });
  const { base } = parley;
  log(`[${runId}] Parley at ${base} ${JSON.stringify(parley.health)} role=${flags.role}`);
  const { accessToken } = await apiCall(base, 'POST', '/api/auth/login', BENCH_ADMIN);
  const { inboxId, path, request, report } = await setup({ base, parley, runId, cleanups, log, accessToken });
  const target = new URL(base);

  const agent = new http.Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 512 });
  let seq = 0;
  const ids = new Set();
  /** One distinct message, signed; resolves with the HTTP status, or the connection error's code. */
  const post = () => {
    const n = seq++;
    const { id, body, headers } = request(n);
    return new Promise((resolve) => {
      const req = http.request(
        {
          host: target.hostname, port: parley.ports[n % parley.ports.length], path, method: 'POST', agent,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (text += c));
          res.on('end', () => {
            const acked = res.statusCode === 200 && (ackBody === undefined || text === ackBody);
            if (acked) ids.add(id);
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

  const result = { tool, runId, machine: machineInfo(), config: { ...flags, health: parley.health }, phases: {} };
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
  // Every acknowledged id must end up stored exactly once.
  let stored = await storedCount(parley.dbUrl, inboxId);
  const storedAtEnd = stored.n;
  if (flags.role === 'api' && flags.worker === 'after') {
    log(`[${runId}] starting the worker to drain ${ids.size - stored.n} queued messages…`);
    parley.startWorker();
  }
  const drainStart = performance.now();
  while (stored.n < ids.size && performance.now() - drainStart < flags.drainSeconds * 1000) {
    await sleep(500);
    stored = await storedCount(parley.dbUrl, inboxId);
  }
  const drainSeconds = (performance.now() - drainStart) / 1000;
  result.stored = {
    acknowledged: ids.size, rows: stored.n, distinctSids: stored.d, storedWhenLoadEnded: storedAtEnd,
    drainSecondsAfterLoad: round(drainSeconds, 1), drainPerSecond: round((stored.n - storedAtEnd) / drainSeconds, 0),
  };
  log(`[${runId}] stored: ${stored.n} rows (${stored.d} distinct ${idsName}) for ${ids.size} acknowledged; drained ${result.stored.drainSecondsAfterLoad} s after the load (${result.stored.drainPerSecond}/s)`);

  await report?.(result);
  if (flags.json) process.stdout.write(JSON.stringify(result) + '\n');
  const errors = readFileSync(join(parley.logDir, 'api.log'), 'utf8').match(/"level":(50|60)/g)?.length ?? 0;
  if (errors) log(`[${runId}] the server logged ${errors} errors`);
}
