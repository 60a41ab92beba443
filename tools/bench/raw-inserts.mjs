#!/usr/bin/env node
// Bare-metal database references, measured on the same host as the Parley runs:
//   pg.insert      — single-row INSERTs of a message-like row (same columns and indexes as `messages`)
//                    through a `pg` Pool, `--concurrency` (16) in flight, autocommit;
//   pg.ingestTx    — the ingest pipeline's statement sequence in raw SQL (BEGIN; 4 SELECTs; INSERT message;
//                    INSERT timeline event; UPDATE conversation; COMMIT; SELECT customer) — what IngestService
//                    does per inbound message, minus TypeORM and NestJS;
//   pg.ingestTxLean — the same writes in 5 round trips (BEGIN; INSERT message … ON CONFLICT DO NOTHING
//                    RETURNING; INSERT timeline event; UPDATE conversation … RETURNING; COMMIT), customer and
//                    conversation ids known up front — what a leaner ingest path could cost;
//   sqlite.insert  — better-sqlite3 single-row autocommit INSERTs, WAL, synchronous=NORMAL;
//   sqlite.ingestTx — the same ingest-shaped transaction on better-sqlite3.
// Scratch database / file are created and dropped by the script.
//
//   node tools/bench/raw-inserts.mjs [--seconds 5] [--concurrency 16] [--only pg|sqlite] [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireBenchLock, cpuMeter, machineInfo, parleySchema as schema, parseFlags, percentiles, round, scratchPgDatabase } from './lib.mjs';

const flags = parseFlags(process.argv.slice(2), { seconds: 5, warmupSeconds: 1, concurrency: 16, customers: 200, only: '', json: false });
const log = (...a) => process.stderr.write(a.join(' ') + '\n');


const INBOX = randomUUID();
const MESSAGE_COLS = 'id, conversation_id, customer_id, inbox_id, channel, direction, author_type, author_id, author_name, content, is_private, attachments, provider_message_id, client_message_id, delivery_status, delivery_error, delivery_attempts, created_at, updated_at';
const TIMELINE_COLS = 'id, customer_id, type, occurred_at, channel, conversation_id, message_id, direction, content, title, author_name, data';
let seq = 0;
const messageRow = (v, now, bool) => {
  const n = seq++;
  return [randomUUID(), v.conversationId, v.customerId, INBOX, 'webchat', 'inbound', 'customer', null, null,
    `load test raw-${n} — where is my order?`, bool(false), '[]', `${v.externalId}:raw-${n}`, `raw-${n}`, 'delivered', null, 0, now, now];
};
const timelineRow = (v, messageId, now) =>
  [randomUUID(), v.customerId, 'message', now, 'webchat', v.conversationId, messageId, 'inbound', 'load test — where is my order?', null, null, null];
const params = (n, pg) => Array.from({ length: n }, (_, i) => (pg ? `$${i + 1}` : '?')).join(', ');

/** Customers with an identity and an open conversation each, like the widget visitors after warm-up. */
function visitorsSeed(now) {
  return Array.from({ length: flags.customers }, () => ({
    customerId: randomUUID(), identityId: randomUUID(), conversationId: randomUUID(), externalId: randomUUID(), now,
  }));
}

/** Runs `worker` on `concurrency` loops; counts completions between warm-up and the end. */
async function timed(concurrency, worker, meterOpts = {}) {
  const start = performance.now();
  const from = start + flags.warmupSeconds * 1000;
  const end = from + flags.seconds * 1000;
  let done = 0;
  let errors = 0;
  let lastError = null;
  const lat = [];
  let meter = null;
  const t = setTimeout(() => (meter = cpuMeter(null, meterOpts)), flags.warmupSeconds * 1000);
  await Promise.all(
    Array.from({ length: concurrency }, async (_, w) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          await worker(w);
          const t1 = performance.now();
          if (t0 >= from && t1 <= end) {
            done++;
            lat.push(t1 - t0);
          }
        } catch (err) {
          errors++;
          lastError = err.message;
        }
      }
    }),
  );
  clearTimeout(t);
  return { perSecond: round(done / flags.seconds, 0), errors, lastError, latencyMs: percentiles(lat), cpu: meter?.() };
}

/** Synchronous variant for better-sqlite3: one loop, yields to the event loop every 200 ops. */
async function timedSync(work) {
  const start = performance.now();
  const from = start + flags.warmupSeconds * 1000;
  const end = from + flags.seconds * 1000;
  let done = 0;
  let meter = null;
  for (;;) {
    const now = performance.now();
    if (now >= end) break;
    if (!meter && now >= from) meter = cpuMeter(null, { pgDb: '-none-' });
    for (let i = 0; i < 200; i++) {
      work();
      if (now >= from) done++;
    }
    await new Promise((r) => setImmediate(r));
  }
  return { perSecond: round(done / ((performance.now() - Math.max(from, start)) / 1000), 0), errors: 0, cpu: meter?.() };
}

async function benchPg() {
  const { default: pg } = await import('pg');
  const db = await scratchPgDatabase('bench_raw');
  const pool = new pg.Pool({ connectionString: db.url, max: flags.concurrency });
  pool.on('error', () => {}); // idle clients terminated by DROP DATABASE … WITH (FORCE)
  try {
    for (const sql of schema('timestamptz')) await pool.query(sql);
    const now = new Date();
    const visitors = visitorsSeed(now);
    for (const v of visitors) {
      await pool.query(`INSERT INTO customers VALUES ($1, NULL, NULL, NULL, '{}', '[]', NULL, $2, $2)`, [v.customerId, now]);
      await pool.query(`INSERT INTO channel_identities VALUES ($1, $2, 'webchat', $3, NULL, false, $4)`, [v.identityId, v.customerId, v.externalId, now]);
      await pool.query(
        `INSERT INTO conversations (id, customer_id, inbox_id, channel, status, last_message_at, last_inbound_at, unread_count, created_at, updated_at)
         VALUES ($1, $2, $3, 'webchat', 'open', $4, $4, 0, $4, $4)`, [v.conversationId, v.customerId, INBOX, now]);
    }
    await pool.query('ANALYZE');
    const insertSql = `INSERT INTO messages (${MESSAGE_COLS}) VALUES (${params(19, true)})`;
    const pick = () => visitors[Math.floor(Math.random() * visitors.length)];

    log(`pg: single-row INSERT, pool of ${flags.concurrency}…`);
    const insert = await timed(flags.concurrency, () => pool.query(insertSql, messageRow(pick(), new Date(), (b) => b)), { pgDb: db.name });
    log(`pg.insert: ${insert.perSecond}/s p50 ${insert.latencyMs.p50} ms p99 ${insert.latencyMs.p99} ms cpu ${JSON.stringify(insert.cpu)}`);

    log(`pg: ingest-shaped transaction, pool of ${flags.concurrency}…`);
    const timelineSql = `INSERT INTO timeline_events (${TIMELINE_COLS}) VALUES (${params(12, true)})`;
    const ingestTx = await timed(flags.concurrency, async () => {
      const v = pick();
      const c = await pool.connect();
      try {
        const now = new Date();
        const row = messageRow(v, now, (b) => b);
        await c.query('BEGIN');
        await c.query('SELECT * FROM messages WHERE inbox_id = $1 AND provider_message_id = $2 LIMIT 1', [INBOX, row[12]]);
        await c.query(`SELECT * FROM channel_identities WHERE channel = 'webchat' AND external_id = $1 LIMIT 1`, [v.externalId]);
        await c.query('SELECT * FROM customers WHERE id = $1 LIMIT 1', [v.customerId]);
        await c.query('SELECT * FROM conversations WHERE customer_id = $1 AND inbox_id = $2 ORDER BY created_at DESC LIMIT 1', [v.customerId, INBOX]);
        await c.query(insertSql, row);
        await c.query(timelineSql, timelineRow(v, row[0], now));
        await c.query(
          `UPDATE conversations SET status = 'open', snoozed_until = NULL, last_message_at = $2, last_inbound_at = $2, last_message_preview = $3,
           unread_count = unread_count + 1, updated_at = $2 WHERE id = $1`, [v.conversationId, now, row[9].slice(0, 200)]);
        await c.query('COMMIT');
        await c.query('SELECT * FROM customers WHERE id = $1 LIMIT 1', [v.customerId]);
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    }, { pgDb: db.name });
    log(`pg.ingestTx: ${ingestTx.perSecond}/s p50 ${ingestTx.latencyMs.p50} ms p99 ${ingestTx.latencyMs.p99} ms cpu ${JSON.stringify(ingestTx.cpu)}`);

    // The same effect in 5 round trips: the visitor's customer and open conversation are known to the
    // socket (cached), the unique index is the idempotency check, the UPDATE returns the conversation.
    log(`pg: lean ingest transaction (5 statements), pool of ${flags.concurrency}…`);
    const insertReturningSql = `${insertSql} ON CONFLICT (inbox_id, provider_message_id) DO NOTHING RETURNING id`;
    const ingestTxLean = await timed(flags.concurrency, async () => {
      const v = pick();
      const c = await pool.connect();
      try {
        const now = new Date();
        const row = messageRow(v, now, (b) => b);
        await c.query('BEGIN');
        const inserted = await c.query(insertReturningSql, row);
        if (inserted.rowCount === 1) {
          await c.query(timelineSql, timelineRow(v, row[0], now));
          await c.query(
            `UPDATE conversations SET status = 'open', snoozed_until = NULL, last_message_at = $2, last_inbound_at = $2, last_message_preview = $3,
             unread_count = unread_count + 1, updated_at = $2 WHERE id = $1 AND status <> 'resolved' RETURNING *`, [v.conversationId, now, row[9].slice(0, 200)]);
        }
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    }, { pgDb: db.name });
    log(`pg.ingestTxLean: ${ingestTxLean.perSecond}/s p50 ${ingestTxLean.latencyMs.p50} ms p99 ${ingestTxLean.latencyMs.p99} ms cpu ${JSON.stringify(ingestTxLean.cpu)}`);
    const settings = Object.fromEntries(
      (await pool.query(`SELECT name, setting FROM pg_settings WHERE name IN ('synchronous_commit','fsync','shared_buffers','wal_level','server_version')`)).rows.map((r) => [r.name, r.setting]),
    );
    return { insert, ingestTx, ingestTxLean, settings };
  } finally {
    await pool.end();
    await db.drop();
  }
}

async function benchSqlite() {
  const { default: Database } = await import('better-sqlite3');
  const dir = mkdtempSync(join(tmpdir(), 'parley-raw-'));
  const db = new Database(join(dir, 'raw.sqlite'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    for (const sql of schema('datetime')) db.exec(sql);
    const now = new Date().toISOString();
    const visitors = visitorsSeed(now);
    const seed = db.transaction(() => {
      for (const v of visitors) {
        db.prepare(`INSERT INTO customers VALUES (?, NULL, NULL, NULL, '{}', '[]', NULL, ?, ?)`).run(v.customerId, now, now);
        db.prepare(`INSERT INTO channel_identities VALUES (?, ?, 'webchat', ?, NULL, 0, ?)`).run(v.identityId, v.customerId, v.externalId, now);
        db.prepare(`INSERT INTO conversations (id, customer_id, inbox_id, channel, status, last_message_at, last_inbound_at, unread_count, created_at, updated_at)
          VALUES (?, ?, ?, 'webchat', 'open', ?, ?, 0, ?, ?)`).run(v.conversationId, v.customerId, INBOX, now, now, now, now);
      }
    });
    seed();
    db.exec('ANALYZE');
    const insert = db.prepare(`INSERT INTO messages (${MESSAGE_COLS}) VALUES (${params(19, false)})`);
    const pick = () => visitors[Math.floor(Math.random() * visitors.length)];
    const bool = (b) => (b ? 1 : 0);

    log('sqlite: single-row autocommit INSERT (WAL, synchronous=NORMAL)…');
    const single = await timedSync(() => insert.run(messageRow(pick(), new Date().toISOString(), bool)));
    log(`sqlite.insert: ${single.perSecond}/s cpu ${JSON.stringify(single.cpu)}`);

    const q = {
      existing: db.prepare('SELECT * FROM messages WHERE inbox_id = ? AND provider_message_id = ? LIMIT 1'),
      identity: db.prepare(`SELECT * FROM channel_identities WHERE channel = 'webchat' AND external_id = ? LIMIT 1`),
      customer: db.prepare('SELECT * FROM customers WHERE id = ? LIMIT 1'),
      conversation: db.prepare('SELECT * FROM conversations WHERE customer_id = ? AND inbox_id = ? ORDER BY created_at DESC LIMIT 1'),
      timeline: db.prepare(`INSERT INTO timeline_events (${TIMELINE_COLS}) VALUES (${params(12, false)})`),
      update: db.prepare(`UPDATE conversations SET status = 'open', snoozed_until = NULL, last_message_at = ?, last_inbound_at = ?, last_message_preview = ?,
        unread_count = unread_count + 1, updated_at = ? WHERE id = ?`),
    };
    const tx = db.transaction((v, now, row) => {
      q.existing.get(INBOX, row[12]);
      q.identity.get(v.externalId);
      q.customer.get(v.customerId);
      q.conversation.get(v.customerId, INBOX);
      insert.run(row);
      q.timeline.run(timelineRow(v, row[0], now));
      q.update.run(now, now, row[9].slice(0, 200), now, v.conversationId);
    });
    log('sqlite: ingest-shaped transaction…');
    const ingestTx = await timedSync(() => {
      const v = pick();
      const now = new Date().toISOString();
      tx(v, now, messageRow(v, now, bool));
      q.customer.get(v.customerId);
    });
    log(`sqlite.ingestTx: ${ingestTx.perSecond}/s cpu ${JSON.stringify(ingestTx.cpu)}`);
    return { insert: single, ingestTx, sqliteVersion: db.prepare('SELECT sqlite_version() AS v').get().v };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await acquireBenchLock({ log }); // released at exit; a no-op under run-all
const result = { tool: 'raw-inserts', machine: machineInfo(), seconds: flags.seconds, concurrency: flags.concurrency };
if (flags.only !== 'sqlite') result.pg = await benchPg();
if (flags.only !== 'pg') result.sqlite = await benchSqlite();
if (flags.json) process.stdout.write(JSON.stringify(result) + '\n');
