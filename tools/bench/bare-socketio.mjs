#!/usr/bin/env node
// Transport reference: a bare socket.io server speaking Parley's widget/agent protocol with no
// framework and no database — `message:send` is acknowledged with a MessageDto-shaped payload,
// echoed as `message:new` to the visitor and fanned out to `/agents` as conversation.updated +
// message.created + timeline.created, exactly the packets Parley emits per inbound message.
// Running widget-load.mjs against it measures what the socket.io transport plus this load
// generator can carry on this host: the ceiling any Parley figure sits under.
//
//
// With --pg it becomes a *lean ingest prototype*: every visitor gets a customer, identity and
// conversation row at connect, and every message is stored in PostgreSQL with the 5-statement
// transaction of raw-inserts.mjs (BEGIN; INSERT message ON CONFLICT DO NOTHING RETURNING; INSERT
// timeline event; UPDATE conversation RETURNING; COMMIT) before it is acknowledged and broadcast;
// with --redis the namespaces use the socket.io Redis adapter, as Parley does. This shows what the
// same work costs on this host without NestJS and TypeORM and with half the statements.
//
//   node tools/bench/bare-socketio.mjs [--port 0]          # prints {"url": …} once listening
//   node tools/bench/bare-socketio.mjs --pg scratch --redis redis://127.0.0.1:6379
//   node tools/bench/widget-load.mjs --url <that url> --email bench@parley.local --password bench-password-123
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Server } from 'socket.io';
import { parleySchema, parseFlags, scratchPgDatabase } from './lib.mjs';

const flags = parseFlags(process.argv.slice(2), { port: 0, pg: '', redis: '', poolSize: 20 });
const WEBSITE_TOKEN = 'bare-website-token';
const INBOX = randomUUID();

const httpServer = http.createServer((req, res) => {
  const json = (status, body) => {
    const s = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s) });
    res.end(s);
  };
  if (req.url === '/health') return json(200, { status: 'ok', database: 'none', queue: 'none' });
  if (req.method === 'POST' && req.url === '/api/auth/login') {
    req.resume();
    return req.on('end', () => json(200, { accessToken: 'bare-token', user: { id: randomUUID(), name: 'Bench', email: 'bench@parley.local', role: 'admin' } }));
  }
  if (req.url === '/api/inboxes') return json(200, [{ id: INBOX, name: 'Bare', channel: 'webchat', websiteToken: WEBSITE_TOKEN }]);
  json(404, { statusCode: 404, message: 'Not found' });
});

const io = new Server(httpServer, { cors: { origin: true }, maxHttpBufferSize: 64 * 1024 });
const closers = [];
if (flags.redis) {
  const { createAdapter } = await import('@socket.io/redis-adapter');
  const { Redis } = await import('ioredis');
  const pub = new Redis(flags.redis, { maxRetriesPerRequest: null });
  const sub = pub.duplicate();
  io.adapter(createAdapter(pub, sub, { key: `bench-${randomUUID().slice(0, 8)}` }));
  closers.push(() => Promise.all([pub.quit(), sub.quit()]));
}

let pool = null;
if (flags.pg) {
  const { default: pg } = await import('pg');
  const db = flags.pg === 'scratch' ? await scratchPgDatabase('bench_lean') : null;
  pool = new pg.Pool({ connectionString: db ? db.url : flags.pg, max: flags.poolSize });
  pool.on('error', () => {});
  if (db) {
    for (const sql of parleySchema('timestamptz')) await pool.query(sql);
    closers.push(async () => {
      const n = (await pool.query('SELECT count(*) AS n FROM messages')).rows[0].n;
      process.stderr.write(`bare-socketio: ${n} messages stored in ${db.name}\n`);
      await pool.end();
      await db.drop();
    });
  } else {
    closers.push(() => pool.end());
  }
}

const MESSAGE_COLS = 'id, conversation_id, customer_id, inbox_id, channel, direction, author_type, author_id, author_name, content, is_private, attachments, provider_message_id, client_message_id, delivery_status, delivery_error, delivery_attempts, created_at, updated_at';
const TIMELINE_COLS = 'id, customer_id, type, occurred_at, channel, conversation_id, message_id, direction, content, title, author_name, data';
const ph = (n) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');
const INSERT_MESSAGE = `INSERT INTO messages (${MESSAGE_COLS}) VALUES (${ph(19)}) ON CONFLICT (inbox_id, provider_message_id) DO NOTHING RETURNING id`;
const INSERT_TIMELINE = `INSERT INTO timeline_events (${TIMELINE_COLS}) VALUES (${ph(12)})`;
const UPDATE_CONVERSATION = `UPDATE conversations SET status = 'open', snoozed_until = NULL, last_message_at = $2, last_inbound_at = $2,
  last_message_preview = $3, unread_count = unread_count + 1, updated_at = $2 WHERE id = $1 AND status <> 'resolved' RETURNING *`;

async function tx(work) {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await work(c);
    await c.query('COMMIT');
    return out;
  } catch (err) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    c.release();
  }
}

/** Visitor arrival: customer + identity + conversation, as identity resolution and the first message do. */
async function openVisitor(v) {
  if (!pool) return;
  const now = new Date();
  await tx(async (c) => {
    await c.query(`INSERT INTO customers VALUES ($1, NULL, NULL, NULL, '{}', '[]', NULL, $2, $2)`, [v.customerId, now]);
    await c.query(`INSERT INTO channel_identities VALUES ($1, $2, 'webchat', $3, NULL, false, $4)`, [randomUUID(), v.customerId, v.visitorId, now]);
    await c.query(`INSERT INTO conversations (id, customer_id, inbox_id, channel, status, last_message_at, last_inbound_at, unread_count, created_at, updated_at)
      VALUES ($1, $2, $3, 'webchat', 'open', $4, $4, 0, $4, $4)`, [v.conversationId, v.customerId, INBOX, now]);
  });
}

/** The lean ingest transaction; null when the clientMessageId was already stored. */
async function store(v, message, timeline, preview, now) {
  if (!pool) return { unread_count: ++v.unread };
  return tx(async (c) => {
    const inserted = await c.query(INSERT_MESSAGE, [message.id, v.conversationId, v.customerId, INBOX, 'webchat', 'inbound', 'customer', null, null,
      message.content, false, '[]', `${v.visitorId}:${message.clientMessageId}`, message.clientMessageId, 'delivered', null, 0, now, now]);
    if (inserted.rowCount === 0) return null;
    await c.query(INSERT_TIMELINE, [timeline.id, v.customerId, 'message', now, 'webchat', v.conversationId, message.id, 'inbound', message.content, null, null, null]);
    return (await c.query(UPDATE_CONVERSATION, [v.conversationId, now, preview])).rows[0];
  });
}
const agents = io.of('/agents');
agents.use((socket, next) => (socket.handshake.auth?.token === 'bare-token' ? next() : next(new Error('unauthorized'))));
agents.on('connection', (socket) => socket.join('agents'));

const widget = io.of('/widget');
widget.use((socket, next) => (socket.handshake.auth?.websiteToken === WEBSITE_TOKEN ? next() : next(new Error('Unknown websiteToken'))));
widget.on('connection', async (socket) => {
  const v = { customerId: randomUUID(), conversationId: randomUUID(), visitorId: randomUUID(), unread: 0 };
  const room = `widget:${INBOX}:${v.customerId}`;
  const { customerId, conversationId } = v;
  socket.join(room);
  socket.on('message:send', async (body, ack) => {
    const content = typeof body?.content === 'string' ? body.content.trim() : '';
    const clientMessageId = body?.clientMessageId;
    if (!content || typeof clientMessageId !== 'string' || !/^[\w-]{8,64}$/.test(clientMessageId)) {
      return ack?.({ ok: false, error: 'bad input' });
    }
    const nowDate = new Date();
    const now = nowDate.toISOString();
    const message = {
      id: randomUUID(), conversationId, customerId, inboxId: INBOX, channel: 'webchat', direction: 'inbound', authorType: 'customer',
      authorId: null, authorName: null, content, private: false, attachments: [], deliveryStatus: 'delivered', deliveryError: null,
      clientMessageId, createdAt: now,
    };
    const timeline = { id: randomUUID(), type: 'message', occurredAt: now, customerId, channel: 'webchat', conversationId, messageId: message.id,
      direction: 'inbound', content, title: null, authorName: null, data: null };
    const widgetMessage = { id: message.id, direction: 'inbound', content, authorName: null, createdAt: now, clientMessageId };
    let row;
    try {
      row = await store(v, message, timeline, content.slice(0, 200), nowDate);
    } catch (err) {
      return ack?.({ ok: false, error: err.message });
    }
    if (row) {
      const conversation = {
        id: conversationId, customerId, customer: { id: customerId, name: null, email: null, phone: null }, inboxId: INBOX, channel: 'webchat',
        status: 'open', assigneeId: null, teamId: null, priority: 'normal', snoozedUntil: null, firstResponseAt: null, resolvedAt: null,
        lastMessageAt: now, lastMessagePreview: content.slice(0, 200), unreadCount: Number(row.unread_count), createdAt: now, updatedAt: now,
      };
      widget.to(room).emit('message:new', widgetMessage);
      agents.to('agents').emit('conversation.updated', conversation);
      agents.to('agents').emit('message.created', message);
      agents.to('agents').emit('timeline.created', timeline);
    }
    ack?.({ ok: true, message: widgetMessage });
  });
  try {
    await openVisitor(v);
    socket.emit('session', { visitorToken: v.visitorId, customerId, conversationId: null, messages: [] });
  } catch (err) {
    socket.emit('error', { message: err.message });
    socket.disconnect(true);
  }
});

httpServer.listen(flags.port, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${httpServer.address().port}`;
  process.stdout.write(JSON.stringify({ url }) + '\n');
  process.send?.({ url });
});
let closing = false;
async function shutdown() {
  if (closing) return;
  closing = true;
  io.close();
  for (const close of closers) await Promise.resolve().then(close).catch((err) => process.stderr.write(`bare-socketio close: ${err.message}\n`));
  process.exit(0);
}
process.on('disconnect', shutdown);
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
