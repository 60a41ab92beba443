// Preloaded (-r) into a Parley server by `widget-load.mjs --count-queries`: counts every SQL
// statement the process sends (pg Client#query, better-sqlite3 Statement run/all/get) and writes
// the counters, by statement text, plus the event loop's cumulative idle/active time, to
// $BENCH_QUERY_COUNT_FILE every 500 ms. Diagnostic only: it changes no behaviour and touches no
// application file.
const fs = require('node:fs');
const { performance } = require('node:perf_hooks');

const file = process.env.BENCH_QUERY_COUNT_FILE;
const counts = new Map();
let total = 0;
let redisTotal = 0;
const redisCounts = new Map();
const norm = (sql) => String(sql).replace(/\s+/g, ' ').replace(/\$\d+(, \$\d+)*/g, '$…').replace(/\?(, \?)*/g, '?…').slice(0, 160);
const count = (sql) => {
  total++;
  const k = norm(sql);
  counts.set(k, (counts.get(k) ?? 0) + 1);
};

try {
  const pg = require('pg');
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, ...rest) {
    count(typeof config === 'string' ? config : config?.text);
    return original.call(this, config, ...rest);
  };
} catch {
  /* pg not installed */
}

try {
  const Database = require('better-sqlite3');
  const prepare = Database.prototype.prepare;
  const patched = new WeakSet();
  Database.prototype.prepare = function (sql, ...rest) {
    const stmt = prepare.call(this, sql, ...rest);
    const proto = Object.getPrototypeOf(stmt);
    if (!patched.has(proto)) {
      patched.add(proto);
      for (const m of ['run', 'all', 'get', 'iterate']) {
        const fn = proto[m];
        proto[m] = function (...args) {
          count(this.source);
          return fn.apply(this, args);
        };
      }
    }
    return stmt;
  };
} catch {
  /* better-sqlite3 not installed */
}

try {
  // Redis commands (BullMQ, the socket.io adapter), counted apart from SQL.
  const { Redis } = require('ioredis');
  const send = Redis.prototype.sendCommand;
  Redis.prototype.sendCommand = function (command, ...rest) {
    redisTotal++;
    const name = String(command?.name ?? '?').toLowerCase();
    redisCounts.set(name, (redisCounts.get(name) ?? 0) + 1);
    return send.call(this, command, ...rest);
  };
} catch {
  /* ioredis not installed */
}

if (file) {
  const flush = () => {
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 40);
    try {
      const { idle, active } = performance.eventLoopUtilization();
      const redis = { total: redisTotal, top: [...redisCounts].sort((a, b) => b[1] - a[1]).slice(0, 20) };
      fs.writeFileSync(`${file}.tmp`, JSON.stringify({ total, top, elu: { idle, active }, redis }));
      fs.renameSync(`${file}.tmp`, file);
    } catch {
      /* the bench went away */
    }
  };
  setInterval(flush, 500).unref();
  process.on('exit', flush);
}
