#!/usr/bin/env node
// Scale reference: a bare Node http server (child process, one core like the Parley server) and a
// keep-alive load client in this process; prints requests/s and latency percentiles.
//
//   node tools/bench/bare-http.mjs [--seconds 10] [--warmup-seconds 2] [--connections 64] [--json]
//   node tools/bench/bare-http.mjs --url http://127.0.0.1:3000/health     # the same client against another URL
//
// The server answers GET with a small JSON body, like Parley's /health.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { acquireBenchLock, assertLoopback, cpuMeter, machineInfo, parseFlags, percentiles, round, sleep, stopChild } from './lib.mjs';

if (process.argv[2] === '--serve') {
  const server = http.createServer((req, res) => {
    const body = '{"status":"ok","database":"none","queue":"none"}';
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
  process.on('disconnect', () => process.exit(0));
} else {
  const flags = parseFlags(process.argv.slice(2), { seconds: 10, warmupSeconds: 2, connections: 64, url: '', json: false });
  const log = (...a) => process.stderr.write(a.join(' ') + '\n');

  await acquireBenchLock({ log }); // released at exit; a no-op under run-all
  let child = null;
  let url = flags.url;
  if (!url) {
    child = spawn(process.execPath, [new URL(import.meta.url).pathname, '--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const { port } = await new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (c) => reject(new Error(`bare server exited ${c}`)));
    });
    url = `http://127.0.0.1:${port}/health`;
  }
  assertLoopback(url);
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: flags.connections, maxFreeSockets: flags.connections });

  const get = () =>
    new Promise((resolve, reject) => {
      const req = http.get({ host: target.hostname, port: target.port, path: target.pathname + target.search, agent }, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', reject);
    });

  const start = performance.now();
  const measureFrom = start + flags.warmupSeconds * 1000;
  const end = measureFrom + flags.seconds * 1000;
  let ok = 0;
  let errors = 0;
  const lat = [];
  let meter = null;
  const meterTimer = setTimeout(() => (meter = cpuMeter(child?.pid, { pgDb: '-none-' })), flags.warmupSeconds * 1000);
  await Promise.all(
    Array.from({ length: flags.connections }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          const status = await get();
          const t1 = performance.now();
          if (t0 >= measureFrom && t1 <= end) {
            if (status === 200) ok++;
            else errors++;
            lat.push(t1 - t0);
          }
        } catch {
          errors++;
          await sleep(10);
        }
      }
    }),
  );
  clearTimeout(meterTimer);
  const cpu = meter?.();
  agent.destroy();
  await stopChild(child, 3000);
  const result = {
    tool: 'bare-http',
    machine: machineInfo(),
    target: flags.url || 'bare node:http server (child process)',
    connections: flags.connections,
    seconds: flags.seconds,
    requestsPerSecond: round(ok / flags.seconds, 0),
    errors,
    latencyMs: percentiles(lat),
    cpu,
  };
  log(`bare-http: ${result.requestsPerSecond} req/s over ${flags.seconds} s with ${flags.connections} keep-alive connections; ` +
    `p50 ${result.latencyMs.p50} p99 ${result.latencyMs.p99} ms; errors ${errors}; cpu ${JSON.stringify(cpu)}`);
  if (flags.json) process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(0);
}
