#!/usr/bin/env node
// Issue 13, item 10: what fsyncing every Redis write costs the Twilio webhook path. Runs
// tools/bench/twilio-webhooks.mjs against a private redis-server with AOF on, alternating
// `appendfsync always` and `everysec` for `--rounds` rounds, and prints one table row per run.
//
//   node tools/scripts/build.mjs server
//   node tools/fault/redis-fsync-compare.mjs --rounds 2
//
// The AOF lives in a temp directory on the same disk as PostgreSQL's data, as it would in production.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, machineInfo, parseFlags, ROOT, run, sleep } from '../bench/lib.mjs';

const flags = parseFlags(process.argv.slice(2), {
  rounds: 2,
  rate: 2000,
  fixedSeconds: 15,
  maxSeconds: 10,
  db: 'postgres',
});
const log = (...a) => process.stderr.write(a.join(' ') + '\n');

async function redisWith(fsync) {
  const dir = mkdtempSync(join(tmpdir(), `parley-aof-${fsync}-`));
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', fsync], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if ((await run('redis-cli', ['-p', String(port), 'ping']).catch(() => '')) === 'PONG') break;
    await sleep(100);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000)]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const rows = [];
log(JSON.stringify(machineInfo()));
for (let round = 1; round <= flags.rounds; round++) {
  for (const fsync of round % 2 ? ['always', 'everysec'] : ['everysec', 'always']) {
    const redis = await redisWith(fsync);
    try {
      log(`round ${round}: appendfsync ${fsync} at ${redis.url}`);
      const out = await run(process.execPath, [
        join(ROOT, 'tools/bench/twilio-webhooks.mjs'), '--json', '--db', flags.db, '--redis', redis.url, '--rate', String(flags.rate),
        '--fixed-seconds', String(flags.fixedSeconds), '--max-seconds', String(flags.maxSeconds), '--bare', 'false', '--wait-quiet', 'false', '--attempts', '1',
      ], { cwd: ROOT });
      const r = JSON.parse(out.split('\n').filter(Boolean).pop());
      const row = { round, fsync, fixed: r.phases.fixed, max: r.phases.max, stored: r.stored };
      rows.push(row);
      log(`round ${round} ${fsync}: fixed ${row.fixed.ackedPerSecond}/s p99 ${row.fixed.ackLatencyMs.p99} ms (other ${row.fixed.cpu.other}); max ${row.max.ackedPerSecond}/s p99 ${row.max.ackLatencyMs.p99} ms (other ${row.max.cpu.other}); stored ${row.stored.rows}/${row.stored.acknowledged}`);
    } finally {
      await redis.stop();
    }
  }
}
console.log('| round | appendfsync | fixed 2,000/s: acked/s | fixed p50 / p99 ms | closed loop acked/s | closed p99 ms | stored / acked | others\' CPU (cores) fixed / max |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.round} | ${r.fsync} | ${r.fixed.ackedPerSecond} | ${r.fixed.ackLatencyMs.p50} / ${r.fixed.ackLatencyMs.p99} | ${r.max.ackedPerSecond} | ${r.max.ackLatencyMs.p99} | ${r.stored.rows} / ${r.stored.acknowledged} | ${r.fixed.cpu.other} / ${r.max.cpu.other} |`);
}
