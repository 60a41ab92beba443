#!/usr/bin/env node
// The bare reference of timeline-paging.mjs: a plain node:http server answering
// GET /timeline/<customerId>?limit=N[&before=<cursor>] with the same page as Parley's API (the raw
// row-comparison SQL, JSON of the rows and the next cursor), and nothing else: no framework, no auth,
// no ORM. Started by timeline-paging.mjs on the run's database; prints `listening <port>` when ready.
//
//   node tools/bench/bare-timeline.mjs --db-url postgres://…|sqlite:/path/parley.sqlite
import http from 'node:http';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const url = process.argv[process.argv.indexOf('--db-url') + 1];
const COLUMNS = 'e.id, e.customer_id, e.type, e.occurred_at, e.channel, e.conversation_id, e.message_id, e.direction, e.content, e.title, e.author_name, e.data';
const decode = (cursor) => {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return { at: new Date(iso), id };
};
const encode = (at, id) => Buffer.from(`${new Date(at).toISOString()}|${id}`).toString('base64url');

let page;
if (url.startsWith('postgres')) {
  const { Pool } = require('pg');
  const pool = new Pool({ connectionString: url, max: 4 });
  page = async (customer, before, limit) => {
    const sql = `SELECT ${COLUMNS} FROM timeline_events e WHERE e.customer_id = $1 ${before ? 'AND (e.occurred_at, e.id) < ($2, $3)' : ''}
      ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${limit + 1}`;
    return (await pool.query(sql, before ? [customer, before.at, before.id] : [customer])).rows;
  };
} else {
  const Database = require('better-sqlite3');
  const db = new Database(url.slice('sqlite:'.length), { readonly: true });
  const text = (d) => d.toISOString().replace('T', ' ').replace('Z', '');
  const statement = (keyset, limit) => db.prepare(`SELECT ${COLUMNS} FROM timeline_events e WHERE e.customer_id = @customer
    ${keyset ? 'AND (e.occurred_at, e.id) < (@at, @id)' : ''} ORDER BY e.occurred_at DESC, e.id DESC LIMIT ${limit + 1}`);
  const cache = new Map();
  page = async (customer, before, limit) => {
    const key = `${!!before}/${limit}`;
    if (!cache.has(key)) cache.set(key, statement(!!before, limit));
    const rows = cache.get(key).all(before ? { customer, at: text(before.at), id: before.id } : { customer });
    return rows.map((r) => ({ ...r, occurred_at: `${r.occurred_at.replace(' ', 'T')}Z` }));
  };
}

const server = http.createServer(async (req, res) => {
  try {
    const u = new URL(req.url, 'http://x');
    const customer = u.pathname.split('/')[2];
    const limit = Number(u.searchParams.get('limit') ?? 50);
    const before = u.searchParams.get('before');
    const rows = await page(customer, before ? decode(before) : null, limit);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const body = JSON.stringify({ items, nextCursor: rows.length > limit && last ? encode(last.occurred_at, last.id) : null });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  } catch (err) {
    res.writeHead(500);
    res.end(String(err));
  }
});
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.address().port}`));
