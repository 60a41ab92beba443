#!/usr/bin/env node
// Summarises a V8 .cpuprofile (from widget-load.mjs --cpu-prof <dir>): self time by function,
// by package / source area, and inclusive time for a few Parley entry points.
//
//   node tools/bench/profile-summary.mjs <file.cpuprofile> [--top 30]
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const top = Number(process.argv[process.argv.indexOf('--top') + 1] || 30);
if (!file) {
  console.error('usage: node tools/bench/profile-summary.mjs <file.cpuprofile> [--top 30]');
  process.exit(1);
}
const prof = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Self time per node from the sample timeline.
const self = new Map();
for (let i = 0; i < prof.samples.length; i++) {
  const dt = prof.timeDeltas[i + 1] ?? 0;
  self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + dt);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

function area(url) {
  if (!url) return '(native / V8)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node core';
  const d = /dist\/((?:apps|libs)\/[^/]+(?:\/[^/]+)?)/.exec(url);
  if (d) return `parley ${d[1].replace(/\/src$/, '')}`;
  return url;
}
const name = (n) => `${n.callFrame.functionName || '(anonymous)'} ${area(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const byFn = new Map();
const byArea = new Map();
const idle = new Set(['(idle)', '(program)', '(garbage collector)']);
for (const [id, us] of self) {
  const n = nodes.get(id);
  const fn = n.callFrame.functionName;
  const key = idle.has(fn) ? fn : name(n);
  byFn.set(key, (byFn.get(key) ?? 0) + us);
  const a = idle.has(fn) ? fn : area(n.callFrame.url);
  byArea.set(a, (byArea.get(a) ?? 0) + us);
}

// Inclusive time for frames whose function name matches (counted once per sample stack).
const inclusive = new Map();
const watch = [/^ingest$/, /^store$/, /^findExisting$/, /^resolve$/, /^broadcast$/, /^emit$/, /^handleConnection$/, /^transaction$/, /^query$/, /^toMessageDto$/,
  /^getQuery$/, /^createQueryBuilder$/, /^transform$/, /^parseRow$/, /^serialize/, /^encode$/, /^publish$/, /^pino|^write$/];
for (const [id, us] of self) {
  const seen = new Set();
  for (let cur = id; cur != null; cur = parent.get(cur)) {
    const n = nodes.get(cur);
    const fn = n.callFrame.functionName;
    for (const re of watch) {
      if (re.test(fn)) {
        const k = `${fn} (${area(n.callFrame.url)})`;
        if (!seen.has(k)) {
          seen.add(k);
          inclusive.set(k, (inclusive.get(k) ?? 0) + us);
        }
      }
    }
  }
}

const pct = (us) => `${((us / total) * 100).toFixed(1).padStart(5)}%`;
const print = (title, map, n) => {
  console.log(`\n## ${title}`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
};
console.log(`profile ${file}: ${(total / 1e6).toFixed(1)} s sampled`);
print('self time by area', byArea, 25);
print('self time by function', byFn, top);
print('inclusive time (selected frames)', inclusive, 40);
