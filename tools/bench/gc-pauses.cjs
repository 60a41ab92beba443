// Preloaded (-r) into a Parley server by `timeline-paging.mjs --gc`: records every garbage
// collection pause (start as epoch milliseconds, duration, V8's kind: 1 scavenge, 2/4 mark-compact,
// 8 weak callbacks) and writes them to $BENCH_GC_FILE every 250 ms, so the bench can tell which slow
// requests a pause overlapped. Diagnostic only: it changes no behaviour and touches no application file.
const fs = require('node:fs');
const { PerformanceObserver, performance } = require('node:perf_hooks');

const file = process.env.BENCH_GC_FILE;
if (file) {
  const pauses = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push([performance.timeOrigin + e.startTime, e.duration, e.detail?.kind ?? 0]);
  }).observe({ entryTypes: ['gc'] });
  setInterval(() => {
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(pauses));
    fs.renameSync(`${file}.tmp`, file);
  }, 250).unref();
}
