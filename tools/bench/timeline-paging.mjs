#!/usr/bin/env node
// Timeline paging cost by depth (issue 16, item 6): one customer with `--events` timeline events
// (1,000,000; four share each second, so pages end inside runs of equal timestamps), a page of
// `--limit` (50) through the API, `GET /api/customers/:id/timeline?before=<cursor>&limit=50`, at
// depths 0, 10 %, 50 % and 99 % of the timeline (0, 100k, 500k, 990k by default), the cursor built
// for the row just above that depth. Beside it, in the same run and on the same database: the
// repository's statement sent straight through `pg` / better-sqlite3 (`sql`), and the former
// `at < :at OR (at = :at AND id < :id)` form (`sqlOr`, fewer requests: it is the slow one).
// Every API page is checked to start at the expected row. Targets: p99 < 5 ms at every depth
// through the API, the deepest within 1.5x of the shallowest.
//
//   node tools/scripts/build.mjs server && node tools/bench/timeline-paging.mjs [--db postgres|sqlite] [--events 1000000]
//     [--requests 1000] [--warmup 2000] [--or-requests 20] [--limit 50] [--wait-quiet false] [--json] [--keep] [--node-args='--trace-gc']
//     [--gc]   (the api's garbage-collection pauses during each depth's API requests, and which slow requests they overlapped)
//     [--role all|api] [--redis none|private|redis://…]   all (default): `npm start`'s single process, whose
//              in-process queue and duties share the event loop with the requests; api + private: the production
//              topology (an api node, a worker process and Redis), the api node answering requests only
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireBenchLock, hex, machineInfo, parseFlags, percentiles, ROOT, round, waitForQuiet } from './lib.mjs';
import { apiCall, BENCH_ADMIN, spawnParley } from './parley-server.mjs';

const flags = parseFlags(process.argv.slice(2), { db: 'postgres', events: 1_000_000, requests: 1000, orRequests: 20, warmup: 2000, limit: 50, waitQuiet: true, json: false, keep: false, cpuProf: '', nodeArgs: '', gc: false, role: 'all', redis: 'none' });
const log = (...a) => process.stderr.write(a.join(' ') + '\n');
const runId = `p${hex(4)}`;
const cleanups = [];
const require = createRequire(import.meta.url);
const deadline = setTimeout(() => { log('timeline paging bench: overall deadline reached'); process.exit(2); }, 30 * 60_000);
deadline.unref();

const COLUMNS = 'e.id, e.customer_id, e.type, e.occurred_at, e.channel, e.conversation_id, e.message_id, e.direction, e.content, e.title, e.author_name, e.data';
const BASE = '2026-12-01 00:00:00';
const CHUNK = 100_000;
const encodeCursor = (at, id) => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');

/** The database side: seeding, the row at a depth, and the page statement in both forms, timed. */
async function postgresSide(url) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  cleanups.unshift(() => c.end());
  const page = (keyset, or) => `SELECT ${COLUMNS} FROM timeline_events e WHERE e.customer_id = $1
    ${keyset ? (or ? 'AND (e.occurred_at < $2 OR (e.occurred_at = $2 AND e.id < $3))' : 'AND (e.occurred_at, e.id) < ($2, $3)') : ''}
    ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${flags.limit + 1}`;
  return {
    async seed(customerId, events) {
      await c.query(`INSERT INTO customers (id, name, attributes, tags, created_at, updated_at) VALUES ($1, 'Анна Бенчмаркова', '{}', '[]', now(), now())`, [customerId]);
      for (let from = 1; from <= events; from += CHUNK) {
        await c.query(`INSERT INTO timeline_events (id, customer_id, type, occurred_at, title)
          SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, $1, 'crm_event', $2::timestamptz - (g / 4) * interval '1 second', 'Заказ №' || g || ' оплачен'
          FROM generate_series($3::int, $4::int) g`, [customerId, `${BASE}Z`, from, Math.min(events, from + CHUNK - 1)]);
        log(`[${runId}] seeded ${Math.min(events, from + CHUNK - 1)} events`);
      }
      await c.query('VACUUM ANALYZE timeline_events');
      // The million rows' pages are written out now, not by the background writer during the first depth.
      await c.query('CHECKPOINT');
    },
    async rowAt(customerId, offset) {
      const { rows } = await c.query('SELECT id, occurred_at FROM timeline_events WHERE customer_id = $1 ORDER BY occurred_at DESC, id DESC OFFSET $2 LIMIT 1', [customerId, offset]);
      return { id: rows[0].id, at: rows[0].occurred_at };
    },
    async time(customerId, key, or) {
      const t0 = performance.now();
      await c.query(page(!!key, or), key ? [customerId, key.at, key.id] : [customerId]);
      return performance.now() - t0;
    },
  };
}

async function sqliteSide(url) {
  const Database = require('better-sqlite3');
  const db = new Database(url.slice('sqlite:'.length));
  db.pragma('busy_timeout = 10000');
  // The search index's triggers call functions Parley registers on each of its connections.
  const { SQLITE_SEARCH_FUNCTIONS } = require(join(ROOT, 'dist/libs/domain/src/search/search-documents.js'));
  for (const [name, fn] of Object.entries(SQLITE_SEARCH_FUNCTIONS)) db.function(name, { deterministic: true, varargs: true }, fn);
  cleanups.unshift(() => db.close());
  const text = (d) => d.toISOString().replace('T', ' ').replace('Z', '');
  const page = (keyset, or) => db.prepare(`SELECT ${COLUMNS} FROM timeline_events e WHERE e.customer_id = @customer
    ${keyset ? (or ? 'AND (e.occurred_at < @at OR (e.occurred_at = @at AND e.id < @id))' : 'AND (e.occurred_at, e.id) < (@at, @id)') : ''}
    ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${flags.limit + 1}`);
  const statements = { first: page(false), row: page(true, false), or: page(true, true) };
  return {
    async seed(customerId, events) {
      db.prepare(`INSERT INTO customers (id, name, attributes, tags, created_at, updated_at) VALUES (?, 'Анна Бенчмаркова', '{}', '[]', ?, ?)`).run(customerId, BASE, BASE);
      const insert = db.prepare(`INSERT INTO timeline_events (id, customer_id, type, occurred_at, title)
        WITH RECURSIVE g(n) AS (SELECT @from UNION ALL SELECT n + 1 FROM g WHERE n < @to)
        SELECT printf('00000000-0000-4000-8000-%012d', n), @customer, 'crm_event', strftime('%Y-%m-%d %H:%M:%f', @base, '-' || (n / 4) || ' seconds'), 'Заказ №' || n || ' оплачен' FROM g`);
      for (let from = 1; from <= events; from += CHUNK) {
        db.transaction(() => insert.run({ from, to: Math.min(events, from + CHUNK - 1), customer: customerId, base: BASE }))();
        log(`[${runId}] seeded ${Math.min(events, from + CHUNK - 1)} events`);
      }
      db.exec('ANALYZE');
    },
    async rowAt(customerId, offset) {
      const row = db.prepare('SELECT id, occurred_at FROM timeline_events WHERE customer_id = ? ORDER BY occurred_at DESC, id DESC LIMIT 1 OFFSET ?').get(customerId, offset);
      return { id: row.id, at: new Date(`${row.occurred_at.replace(' ', 'T')}Z`) };
    },
    async time(customerId, key, or) {
      const t0 = performance.now();
      if (!key) statements.first.all({ customer: customerId });
      else (or ? statements.or : statements.row).all({ customer: customerId, at: text(key.at), id: key.id });
      return performance.now() - t0;
    },
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
function get(port, path, headers) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
        } catch (err) {
          reject(err);
        }
      });
    }).on('error', reject);
  });
}

/** bare-timeline.mjs on the run's database, in a process of its own like Parley. */
async function startBare(dbUrl) {
  const child = spawn(process.execPath, [join(ROOT, 'tools/bench/bare-timeline.mjs'), '--db-url', dbUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  cleanups.unshift(() => child.kill());
  const port = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      const m = /listening (\d+)/.exec(String(d));
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`bare-timeline exited ${code}`)));
  });
  return { port };
}

async function sample(n, once, spans) {
  const ms = [];
  for (let i = 0; i < n; i++) {
    const start = performance.timeOrigin + performance.now();
    const took = await once();
    ms.push(took);
    spans?.push([start, took]);
  }
  return percentiles(ms, [50, 99]);
}

/** `n` of each, taking turns (which goes first alternates); the first one's spans are recorded. */
async function sampleInTurns(n, first, second, spans) {
  const [a, b] = [[], []];
  for (let i = 0; i < n; i++) {
    const once = async () => {
      const start = performance.timeOrigin + performance.now();
      const took = await first();
      a.push(took);
      spans?.push([start, took]);
    };
    if (i % 2) {
      await once();
      b.push(await second());
    } else {
      b.push(await second());
      await once();
    }
  }
  return [percentiles(a, [50, 99]), percentiles(b, [50, 99])];
}

/** The api's GC pauses (gc-pauses.cjs) within the requests' time span, and the slowest 1 % of requests that one overlapped. */
async function gcDuring(spans) {
  await new Promise((r) => setTimeout(r, 400)); // the server writes its pauses every 250 ms
  const pauses = JSON.parse(readFileSync(process.env.BENCH_GC_FILE, 'utf8'));
  const [from, to] = [spans[0][0], spans.at(-1)[0] + spans.at(-1)[1]];
  const within = pauses.filter(([at, d]) => at + d >= from && at <= to);
  const slowest = [...spans].sort((a, b) => b[1] - a[1]).slice(0, Math.max(1, Math.round(spans.length / 100)));
  const overlapped = slowest.filter(([s, ms]) => within.some(([at, d]) => at < s + ms && at + d > s));
  return {
    pauses: within.length, pauseMsTotal: round(within.reduce((a, [, d]) => a + d, 0)), pauseMsMax: round(Math.max(0, ...within.map(([, d]) => d))),
    slowestRequests: slowest.length, slowestOverlappingGc: overlapped.length,
  };
}

async function main() {
  await acquireBenchLock({ log }); // released at exit; a no-op under run-all
  if (flags.gc) {
    process.env.BENCH_GC_FILE = join(tmpdir(), `parley-bench-gc-${runId}.json`);
    cleanups.push(() => rmSync(process.env.BENCH_GC_FILE, { force: true }));
  }
  const nodeArgs = [flags.nodeArgs, flags.gc ? `-r ${join(ROOT, 'tools/bench/gc-pauses.cjs')}` : ''].filter(Boolean).join(' ');
  const parley = await spawnParley({ cpuProf: flags.cpuProf, nodeArgs, db: flags.db, redis: flags.redis, role: flags.role, workerNow: flags.role === 'api', runId, cleanups, log, keep: flags.keep });
  const { accessToken } = await apiCall(parley.base, 'POST', '/api/auth/login', BENCH_ADMIN);
  const side = flags.db === 'postgres' ? await postgresSide(parley.dbUrl) : await sqliteSide(parley.dbUrl);
  const customerId = randomUUID();
  const bare = await startBare(parley.dbUrl);
  const t0 = performance.now();
  await side.seed(customerId, flags.events);
  const seedSeconds = round((performance.now() - t0) / 1000, 1);

  // Other people's builds and tests share the host: measure when it is quiet (or say how busy it was).
  const hostBusyCoresBefore = flags.waitQuiet ? await waitForQuiet({ maxWaitMs: 120_000, log: (m) => log(`[${runId}] ${m}`) }) : null;
  const depths = [0, 0.1, 0.5, 0.99].map((f) => Math.floor(f * flags.events));
  const rows = [];
  for (const depth of depths) {
    const key = depth > 0 ? await side.rowAt(customerId, depth - 1) : null;
    const expectedFirst = (await side.rowAt(customerId, depth)).id;
    const path = `/api/customers/${customerId}/timeline?limit=${flags.limit}${key ? `&before=${encodeCursor(key.at, key.id)}` : ''}`;
    const barePath = `/timeline/${customerId}?limit=${flags.limit}${key ? `&before=${encodeCursor(key.at, key.id)}` : ''}`;
    /** One GET on a keep-alive connection (node:http: less client overhead than fetch), checked. */
    const call = (port, url, headers) => async () => {
      const t = performance.now();
      const { status, body } = await get(port, url, headers);
      const ms = performance.now() - t;
      if (status !== 200 || body.items[0]?.id !== expectedFirst || body.items.length !== Math.min(flags.limit, flags.events - depth)) {
        throw new Error(`depth ${depth}: ${status}, first ${body.items?.[0]?.id} (expected ${expectedFirst}), ${body.items?.length} items`);
      }
      return ms;
    };
    const viaApi = call(parley.ports[0], path, { authorization: `Bearer ${accessToken}` });
    const viaBare = call(bare.port, barePath, {});
    for (let i = 0; i < flags.warmup; i++) await viaApi();
    for (let i = 0; i < flags.warmup; i++) await viaBare();
    // The API and the bare server take turns, request by request, so whatever else the host does
    // falls on both alike.
    const spans = [];
    const [api, bareHttp] = await sampleInTurns(flags.requests, viaApi, viaBare, spans);
    const gc = flags.gc ? await gcDuring(spans) : undefined;
    for (let i = 0; i < flags.warmup; i++) await side.time(customerId, key, false);
    const sql = await sample(flags.requests, () => side.time(customerId, key, false));
    const sqlOr = key ? await sample(flags.orRequests, () => side.time(customerId, key, true)) : null;
    rows.push({ depth, api, bareHttp, sql, sqlOr, gc });
    log(`[${runId}] depth ${depth}: api p50 ${api.p50} p99 ${api.p99} ms, bare http+sql p50 ${bareHttp.p50} p99 ${bareHttp.p99} ms, sql p50 ${sql.p50} ms${sqlOr ? `, sqlOr p50 ${sqlOr.p50} ms` : ''}${gc ? `; api GC pauses ${gc.pauses} (${gc.pauseMsTotal} ms, max ${gc.pauseMsMax}), ${gc.slowestOverlappingGc} of the ${gc.slowestRequests} slowest requests overlapped one` : ''}`);
  }
  const [shallow, deep] = [rows[0], rows[rows.length - 1]];
  const ratio = { p50: round(deep.api.p50 / shallow.api.p50), p99: round(deep.api.p99 / shallow.api.p99) };
  const targets = { p99Under5ms: rows.every((r) => r.api.p99 < 5), deepestWithin1_5x: ratio.p50 <= 1.5 };
  const result = { bench: 'timeline-paging', db: flags.db, role: flags.role, redis: flags.redis, events: flags.events, limit: flags.limit, requests: flags.requests, seedSeconds, hostBusyCoresBefore, rows, ratioDeepestToShallowest: ratio, targets, machine: machineInfo() };
  if (flags.json) {
    process.stdout.write(JSON.stringify(result) + '\n');
    return;
  }
  console.log(`Timeline paging, ${flags.db}, role ${flags.role}, redis ${flags.redis}, ${flags.events} events of one customer, pages of ${flags.limit} (seeded in ${seedSeconds} s; host busy before: ${hostBusyCoresBefore ?? '?'} cores)`);
  console.log('| depth | API p50 ms | API p99 ms | bare node:http + SQL p50 / p99 ms | SQL p50 ms | SQL p99 ms | OR-form SQL p50 ms |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.depth} | ${r.api.p50} | ${r.api.p99} | ${r.bareHttp.p50} / ${r.bareHttp.p99} | ${r.sql.p50} | ${r.sql.p99} | ${r.sqlOr?.p50 ?? '–'} |`);
  console.log(`deepest / shallowest through the API: p50 ${ratio.p50}x, p99 ${ratio.p99}x; targets: p99 < 5 ms ${targets.p99Under5ms ? 'met' : 'MISSED'}, within 1.5x ${targets.deepestWithin1_5x ? 'met' : 'MISSED'}`);
}

let code = 0;
// Ctrl-C / SIGTERM: stop the spawned server and drop the scratch database all the same.
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
