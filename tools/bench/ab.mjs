#!/usr/bin/env node
// Before/after: the same widget load against two (or more) git revisions, interleaved round by
// round (A B A B …) so both see the same host conditions. Each revision is built privately
// (lib.mjs buildSnapshot), so the shared dist/ and the working tree are never touched.
//
//   node tools/bench/ab.mjs --revs 946d92f,HEAD --db postgres --rounds 3
//   node tools/bench/ab.mjs --revs HEAD~1,HEAD --db sqlite --rounds 2 --max-seconds 15
//
// Prints, per revision: median (range) of msg/s delivered in the max phase, send→agent p99 at the
// fixed rate, background jobs left at the end of the max phase, and server / PostgreSQL CPU.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSnapshot, parseFlags, ROOT, waitForQuiet } from './lib.mjs';

const flags = parseFlags(process.argv.slice(2), {
  revs: 'HEAD~1,HEAD',
  db: 'postgres',
  redis: 'private',
  rounds: 3,
  visitors: 200,
  rate: 200,
  warmupSeconds: 3,
  fixedSeconds: 20,
  maxSeconds: 20,
  countQueries: false,
  out: `/tmp/parley-ab-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
});
const log = (...a) => process.stderr.write(a.join(' ') + '\n');

function widgetLoad(args) {
  return new Promise((resolve, reject) => {
    log(`\n$ node tools/bench/widget-load.mjs ${args.join(' ')}`);
    const child = spawn(process.execPath, [join(ROOT, 'tools/bench/widget-load.mjs'), ...args, '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop())) : reject(new Error(`widget-load exited ${code}`))));
  });
}

const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};
const cell = (xs, d = 0) => {
  const s = xs.filter((x) => x != null);
  if (!s.length) return 'n/a';
  const f = (x) => Number(x).toFixed(d);
  return s.length > 1 ? `${f(median(s))} (${f(Math.min(...s))}–${f(Math.max(...s))})` : f(s[0]);
};

const snaps = [];
for (const rev of flags.revs.split(',')) snaps.push({ rev, ...(await buildSnapshot(rev, log)), runs: [] });
const load = ['--db', flags.db, ...(flags.db === 'postgres' ? ['--redis', flags.redis] : []), '--visitors', flags.visitors, '--rate', flags.rate,
  '--warmup-seconds', flags.warmupSeconds, '--fixed-seconds', flags.fixedSeconds, '--max-seconds', flags.maxSeconds].map(String);
for (let i = 1; i <= flags.rounds; i++) {
  for (const snap of i % 2 ? snaps : [...snaps].reverse()) {
    await waitForQuiet({ log, maxWaitMs: 120_000 });
    snap.runs.push(await widgetLoad(['--server-cmd', snap.main, ...load, ...(flags.countQueries ? ['--count-queries'] : [])]));
    writeFileSync(flags.out, JSON.stringify(snaps, null, 2));
  }
}

const lines = [
  `| revision | msg/s delivered (max phase) | msg/s with background jobs done | jobs queued at end of max | p99 ms at ${flags.rate} msg/s | server CPU (max) | PostgreSQL CPU (max) | other CPU (max) |`,
  '|---|---|---|---|---|---|---|---|',
];
for (const s of snaps) {
  const max = s.runs.map((r) => r.phases.max);
  lines.push(`| ${s.rev} (${s.sha}) | ${cell(max.map((m) => m.deliveredPerSecond))} | ${cell(max.map((m) => m.jobBacklog?.completedPerSecond ?? null))} | ` +
    `${cell(max.map((m) => m.jobBacklog?.atEnd ?? null))} | ${cell(s.runs.map((r) => r.phases.fixed.latencyMs.p99), 1)} | ${cell(max.map((m) => m.cpu.server), 2)} | ` +
    `${cell(max.map((m) => m.cpu.postgres), 2)} | ${cell(max.map((m) => m.cpu.other), 2)} |`);
}
process.stdout.write(`${flags.db}${flags.db === 'postgres' ? ' + Redis' : ''}, ${flags.rounds} interleaved rounds\n\n${lines.join('\n')}\n\nRaw results: ${flags.out}\n`);
