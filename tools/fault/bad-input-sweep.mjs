#!/usr/bin/env node
// The bad-input sweep (issue #13, item 3): reads the OpenAPI description of a running Parley
// (GET /api/docs-json), signs in as admin and sends every operation bad input: JSON nested 20,000
// deep, compressed-looking bodies that are not, wrong content types, NUL bytes and lone surrogates
// in each string field and each path/query parameter, null on optional fields, out-of-range
// numbers. Prints the count of 5xx answers per operation and in total, which must be 0 (exit 1
// otherwise). Localhost only; bounded (one pass, a few requests in flight).
//
//   node tools/fault/bad-input-sweep.mjs --url http://127.0.0.1:3000 \
//     --email admin@parley.local --password '…' [--concurrency 4] [--verbose]
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.PARLEY_URL ?? 'http://127.0.0.1:3000' },
    email: { type: 'string', default: process.env.ADMIN_EMAIL ?? 'admin@parley.local' },
    password: { type: 'string', default: process.env.ADMIN_PASSWORD },
    concurrency: { type: 'string', default: '4' },
    verbose: { type: 'boolean', default: false },
  },
});

const base = args.url.replace(/\/$/, '');
if (!['127.0.0.1', 'localhost', '[::1]'].includes(new URL(base).hostname)) throw new Error(`refusing to sweep ${base}: localhost only`);
if (!args.password) throw new Error('--password (or ADMIN_PASSWORD) is required');

const NUL = 'Привет\u0000мир';
const LONE_HIGH = 'Мария\ud800';
const LONE_LOW = '\udc00Иван';
const DEEP = '{"a":' + '['.repeat(20_000) + ']'.repeat(20_000) + '}';
const NUMBERS = [-1, -1e308, 1e308, 1.5, 2 ** 53 + 2];

let token = await login();
const spec = await (await fetch(`${base}/api/docs-json`)).json();
await seed();
const ids = await knownIds();

async function login() {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: args.email, password: args.password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return (await res.json()).accessToken;
}

/**
 * One record of each kind to aim at, so a bad body meets a real record and its service code, not a
 * 404: a visitor's web chat message (customer and conversation) and whatever the create operations
 * accept from their schema's example values.
 */
async function seed() {
  const authed = (method, path, body) => fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  for (const path of ['/api/teams', '/api/sla/calendars', '/api/sla/policies', '/api/routing/rules']) {
    const op = spec.paths[path]?.post;
    if (op) await authed('POST', path, { ...sample(op.requestBody?.content?.['application/json']?.schema), name: 'Проверка' }).then((r) => r.arrayBuffer()).catch(() => {});
  }
  const inbox = await authed('POST', '/api/inboxes', { name: 'Проверка', channel: 'webchat', config: {} }).then((r) => r.json()).catch(() => null);
  if (!inbox?.websiteToken) return;
  const { io } = require('socket.io-client');
  const socket = io(`${base}/widget`, { auth: { websiteToken: inbox.websiteToken }, transports: ['websocket'], reconnection: false });
  await new Promise((resolve) => {
    const done = setTimeout(resolve, 10_000);
    socket.once('session', () => {
      socket.emit('message:send', { content: 'Здравствуйте, где мой заказ?', clientMessageId: randomUUID() }, () => {
        clearTimeout(done);
        resolve();
      });
    });
    socket.once('connect_error', () => resolve());
  });
  socket.close();
}

/** Real ids per collection, so a bad body also meets an existing record, not only a 404. */
async function knownIds() {
  const found = {};
  for (const collection of ['inboxes', 'teams', 'customers', 'conversations', 'agents', 'users', 'sla/policies', 'sla/calendars', 'xla/policies', 'routing/rules']) {
    const res = await fetch(`${base}/api/${collection}`, { headers: { authorization: `Bearer ${token}` } }).catch(() => null);
    if (!res?.ok) continue;
    const body = await res.json().catch(() => null);
    const items = Array.isArray(body) ? body : body?.items;
    const id = Array.isArray(items) ? items.find((i) => typeof i?.id === 'string')?.id : undefined;
    if (id) found[collection] = id;
  }
  return found;
}

function resolve(schema) {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++) s = s.$ref.split('/').slice(1).reduce((o, k) => o?.[k], spec);
  return s ?? {};
}

/** A plausible value for a schema: what the bad inputs are mixed into. */
function sample(schema, depth = 0) {
  const s = resolve(schema);
  if (s.example !== undefined) return s.example;
  if (s.enum?.length) return s.enum[0];
  switch (s.type) {
    case 'string': return s.format === 'date-time' ? new Date().toISOString() : s.format === 'email' ? `sweep-${randomUUID().slice(0, 8)}@example.com` : 'Тест';
    case 'integer': case 'number': return s.minimum ?? 1;
    case 'boolean': return true;
    case 'array': return [];
    case 'object': default: {
      if (depth > 3 || !s.properties) return {};
      return Object.fromEntries((s.required ?? []).map((k) => [k, sample(s.properties[k], depth + 1)]));
    }
  }
}

/** Concrete path for an operation: real ids where the collection has one, else a fresh uuid. */
function fillPath(path, method, override = {}) {
  return path.replace(/\{([^}]+)\}/g, (_m, name) => {
    if (name in override) return override[name];
    const collection = Object.keys(ids).find((c) => path.startsWith(`/api/${c}/{`));
    if (name === 'id' && collection && method !== 'delete') return ids[collection];
    return randomUUID();
  });
}

/** Every bad request for one operation: [label, fetch options, path]. */
function* badRequests(path, method, op) {
  const params = (op.parameters ?? []).map((p) => ({ ...p, schema: resolve(p.schema) }));
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const bodySchema = resolve(op.requestBody?.content?.['application/json']?.schema);
  const hasJsonBody = !!op.requestBody?.content?.['application/json'] || ['post', 'put', 'patch'].includes(method);
  const url = (p = fillPath(path, method), query = '') => `${p}${query ? `?${query}` : ''}`;
  const json = (body) => ({ headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  if (hasJsonBody) {
    yield ['deep JSON', json(DEEP), url()];
    yield ['gzip header, plain bytes', { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: '{"a":1}' }, url()];
    yield ['br header, plain bytes', { headers: { 'content-type': 'application/json', 'content-encoding': 'br' }, body: '{"a":1}' }, url()];
    yield ['deflate header, garbage', { headers: { 'content-type': 'application/json', 'content-encoding': 'deflate' }, body: '\u0000\u0001garbage' }, url()];
    yield ['text/plain body', { headers: { 'content-type': 'text/plain' }, body: JSON.stringify(sample(bodySchema)) }, url()];
    yield ['form body', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&b=%00' }, url()];
    yield ['malformed JSON', json('{"a":'), url()];
    yield ['JSON array body', json('[null]'), url()];
    yield ['JSON null body', json('null'), url()];
    yield ['NUL in an unknown field', json({ ...sample(bodySchema), [`ключ\u0000`]: NUL }), url()];
  }
  const props = bodySchema.properties ?? {};
  const required = new Set(bodySchema.required ?? []);
  const valid = sample(bodySchema);
  for (const [name, raw] of Object.entries(props)) {
    const prop = resolve(raw);
    const type = prop.type ?? (prop.properties ? 'object' : undefined);
    const withField = (value) => json({ ...valid, [name]: value });
    if (!required.has(name)) yield [`null ${name}`, withField(null), url()];
    if (type === 'string' || type === undefined) {
      yield [`NUL in ${name}`, withField(NUL), url()];
      yield [`lone high surrogate in ${name}`, withField(LONE_HIGH), url()];
      yield [`lone low surrogate in ${name}`, withField(LONE_LOW), url()];
      yield [`10,000 chars in ${name}`, withField('я'.repeat(10_000)), url()];
    }
    if (type === 'integer' || type === 'number' || type === undefined) {
      for (const n of NUMBERS) yield [`${n} in ${name}`, withField(n), url()];
    }
    if (type === 'array') {
      yield [`NUL item in ${name}`, withField([NUL]), url()];
      yield [`null item in ${name}`, withField([null]), url()];
    }
    if (type === 'object' || type === undefined) {
      yield [`NUL deep in ${name}`, withField({ вложенный: { текст: NUL } }), url()];
      yield [`surrogate key in ${name}`, withField({ [`ключ\ud800`]: 1 }), url()];
    }
    yield [`wrong type (object) in ${name}`, withField({ $ne: null }), url()];
  }
  for (const p of pathParams) {
    for (const [label, value] of [['NUL', '%00'], ['NUL in a uuid', `${randomUUID()}%00`], ['lone surrogate', '%ED%A0%80'], ['bad escape', '%E0%A4%A'], ['overlong', 'я'.repeat(3000)]]) {
      yield [`${label} in path {${p.name}}`, hasJsonBody ? json(valid) : {}, url(fillPath(path, method, { [p.name]: value }))];
    }
  }
  for (const p of queryParams) {
    for (const [label, value] of [['NUL', '%D1%87%D0%B0%D0%B9%00'], ['lone surrogate', '%ED%A0%80'], ['bad escape', '%E0%A4%A'], ['huge number', '1e308'], ['negative', '-1'], ['repeated', `x&${p.name}=y`], ['10,000 chars', 'я'.repeat(10_000)]]) {
      yield [`${label} in ?${p.name}`, hasJsonBody ? json(valid) : {}, url(undefined, `${p.name}=${value}`)];
    }
  }
  if (!hasJsonBody && queryParams.length === 0 && pathParams.length === 0) {
    yield ['NUL in an unknown query parameter', {}, url(undefined, 'q=%00')];
  }
}

async function send(method, path, init) {
  const attempt = () => fetch(base + path, { method: method.toUpperCase(), ...init, headers: { ...(init.headers ?? {}), authorization: `Bearer ${token}` } });
  let res = await attempt();
  // An operation under test may end the admin's sessions (logout, revoke): sign in again and retry once.
  if (res.status === 401 && !path.startsWith('/api/auth/login')) {
    await res.arrayBuffer();
    token = await login();
    res = await attempt();
  }
  const text = await res.text();
  return { status: res.status, text };
}

const jobs = [];
for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
    const op = item[method];
    if (!op) continue;
    for (const [label, init, url] of badRequests(path, method, op)) jobs.push({ op: `${method.toUpperCase()} ${path}`, method, label, init, url });
  }
}

const perOperation = new Map();
const failures = [];
let done = 0;
async function worker() {
  while (jobs.length) {
    const job = jobs.shift();
    const counts = perOperation.get(job.op) ?? { sent: 0, fivexx: 0, statuses: {} };
    perOperation.set(job.op, counts);
    let status;
    let text = '';
    try {
      ({ status, text } = await send(job.method, job.url, job.init));
    } catch (err) {
      status = `network error (${err.cause?.code ?? err.message})`;
    }
    counts.sent++;
    counts.statuses[status] = (counts.statuses[status] ?? 0) + 1;
    if (typeof status !== 'number' || status >= 500) {
      counts.fivexx++;
      failures.push(`${job.op} · ${job.label} → ${status} ${text.slice(0, 200)}`);
    } else if (args.verbose) {
      process.stderr.write(`${job.op} · ${job.label} → ${status}\n`);
    }
    if (++done % 250 === 0) process.stderr.write(`${done} requests…\n`);
  }
}
const started = Date.now();
await Promise.all(Array.from({ length: Number(args.concurrency) }, worker));

const rows = [...perOperation.entries()].sort(([a], [b]) => a.localeCompare(b));
const width = Math.max(...rows.map(([op]) => op.length));
console.log(`${'operation'.padEnd(width)}  sent  5xx  statuses`);
for (const [op, c] of rows) {
  console.log(`${op.padEnd(width)}  ${String(c.sent).padStart(4)}  ${String(c.fivexx).padStart(3)}  ${Object.entries(c.statuses).map(([s, n]) => `${s}×${n}`).join(' ')}`);
}
const total = rows.reduce((n, [, c]) => n + c.fivexx, 0);
const sent = rows.reduce((n, [, c]) => n + c.sent, 0);
if (failures.length) console.log(`\n5xx answers:\n${failures.join('\n')}`);
console.log(`\n${rows.length} operations, ${sent} bad requests in ${((Date.now() - started) / 1000).toFixed(1)} s: ${total} answered 5xx`);
process.exit(total === 0 ? 0 : 1);
