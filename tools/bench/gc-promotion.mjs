#!/usr/bin/env node
// What survives a young-generation collection, per variant of a bare Express + TypeORM server (no
// Parley code): the reproduction behind ParleyExpressAdapter and PromiseViaCallbackClient.
// Seeds one customer with --events timeline events in a scratch PostgreSQL database, then, for each
// variant, starts a server process under --trace-gc-nvp, sends --requests sequential pages of 50 over
// one keep-alive connection and counts the scavenges, those promoting more than 500 KB, the bytes
// promoted and the scavenge pauses. Variants:
//   express      Express as Node hands it requests: Express swaps each req/res prototype
//   classes      the server builds req/res on Express's prototypes (ParleyExpressAdapter)
//   +typeorm     the page read through TypeORM's DataSource.query (pg's promise form)
//   +callback    TypeORM's pool Client answering the promise form through pg's callback form (PromiseViaCallbackClient)
//   +nopretenure V8's allocation-site pretenuring turned off (tried, not adopted: BENCHMARKS.md)
//
//   node tools/bench/gc-promotion.mjs [--requests 2500] [--events 20000] [--only express,classes+typeorm]
import { spawn } from 'node:child_process';
import http from 'node:http';
import { acquireBenchLock, freePort, parseFlags, percentiles, ROOT, round, scratchPgDatabase, stopChild, waitForHttp } from './lib.mjs';

const flags = parseFlags(process.argv.slice(2), { requests: 2500, events: 20_000, only: '' });
const log = (...a) => process.stderr.write(`${a.join(' ')}\n`);
const VARIANTS = ['express', 'classes', 'classes+typeorm', 'classes+typeorm+callback', 'classes+typeorm+nopretenure', 'classes+typeorm+callback+nopretenure'];
const CUSTOMER = '00000000-0000-4000-8000-00000000c0de';

/** The server of one variant, as the source of a child process (CommonJS, node_modules from the repo). */
const server = (variant, url, port) => `
const v = ${JSON.stringify(variant)}.split('+');
if (v.includes('nopretenure')) require('node:v8').setFlagsFromString('--no-allocation-site-pretenuring');
const http = require('node:http');
const express = require('express');
const pg = require('pg');
const { DataSource } = require('typeorm');
class CallbackClient extends pg.Client {}
const callbackQuery = pg.Client.prototype.query;
CallbackClient.prototype.query = function (config, values, callback) {
  if (typeof callback === 'function' || typeof values === 'function' || typeof config?.submit === 'function') return callbackQuery.apply(this, arguments);
  return new Promise((resolve, reject) => callbackQuery.call(this, config, values, (e, r) => (e ? reject(e) : resolve(r))))
    .catch((e) => { Error.captureStackTrace(e); throw e; });
};
const pool = new pg.Pool({ connectionString: ${JSON.stringify(url)}, max: 4 });
const ds = new DataSource({ type: 'postgres', url: ${JSON.stringify(url)}, extra: v.includes('callback') ? { Client: CallbackClient } : {} });
const SQL = 'SELECT e.id, e.customer_id, e.type, e.occurred_at, e.title, e.data FROM timeline_events e WHERE e.customer_id = $1 ORDER BY e.occurred_at DESC, e.id DESC LIMIT 51';
const app = express();
app.get('/page', async (req, res) => {
  const rows = v.includes('typeorm') ? await ds.query(SQL, [${JSON.stringify(CUSTOMER)}]) : (await pool.query(SQL, [${JSON.stringify(CUSTOMER)}])).rows;
  res.json({ items: rows.map((r) => ({ ...r, occurred_at: r.occurred_at.toISOString() })) });
});
let options = {};
if (v.includes('classes')) {
  function Req(socket) { http.IncomingMessage.call(this, socket); }
  Req.prototype = app.request;
  function Res(req, o) { http.ServerResponse.call(this, req, o); }
  Res.prototype = app.response;
  options = { IncomingMessage: Req, ServerResponse: Res };
}
ds.initialize().then(() => http.createServer(options, app).listen(${port}, '127.0.0.1'));
`;

async function measure(variant, url) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--trace-gc-nvp', '-e', server(variant, url, port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  try {
    await waitForHttp(`http://127.0.0.1:${port}/page`, 30_000, () => child.exitCode == null);
    const skip = (out.match(/gc=s /g) ?? []).length; // start-up's collections
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    for (let i = 0; i < flags.requests; i++) {
      await new Promise((resolve, reject) => http.get({ host: '127.0.0.1', port, path: '/page', agent }, (r) => r.resume().on('end', resolve)).on('error', reject));
    }
    agent.destroy();
    const scavenges = out.split('\n').filter((l) => l.includes('gc=s ')).slice(skip);
    const field = (line, name) => Number(new RegExp(`${name}=([0-9.]+)`).exec(line)?.[1] ?? 0);
    const promoted = scavenges.map((l) => field(l, 'promoted'));
    const pauses = scavenges.map((l) => field(l, 'pause'));
    return {
      variant, scavenges: scavenges.length, promotingOver500KB: promoted.filter((b) => b > 500_000).length,
      promotedMB: round(promoted.reduce((a, b) => a + b, 0) / 1e6, 1), pauseMs: percentiles(pauses, [50, 90]),
    };
  } finally {
    await stopChild(child);
  }
}

await acquireBenchLock({ log });
const db = await scratchPgDatabase('bench_gcpromo');
try {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  await c.query('CREATE TABLE timeline_events (id uuid PRIMARY KEY, customer_id uuid NOT NULL, type text, occurred_at timestamptz NOT NULL, title text, data jsonb)');
  await c.query('CREATE INDEX ON timeline_events (customer_id, occurred_at, id)');
  await c.query(`INSERT INTO timeline_events SELECT gen_random_uuid(), $1, 'crm_event', now() - g * interval '1 second', 'Заказ №' || g || ' оплачен', NULL FROM generate_series(1, $2::int) g`, [CUSTOMER, flags.events]);
  await c.query('VACUUM ANALYZE timeline_events');
  await c.end();
  const variants = flags.only ? flags.only.split(',') : VARIANTS;
  console.log(`| variant | scavenges (${flags.requests} pages) | promoting > 500 KB | promoted MB | pause p50 / p90 ms |`);
  console.log('|---|---:|---:|---:|---|');
  for (const variant of variants) {
    const r = await measure(variant, db.url);
    console.log(`| ${r.variant} | ${r.scavenges} | ${r.promotingOver500KB} | ${r.promotedMB} | ${r.pauseMs.p50} / ${r.pauseMs.p90} |`);
  }
} finally {
  await db.drop();
}
