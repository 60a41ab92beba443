#!/usr/bin/env node
// Full-text search at size (issue 16): seeds `--messages` messages (1,000,000) and `--customers`
// customers (100,000, one conversation each) of Russian and English support text into a scratch
// database migrated up to just before the search migration, then times that migration (the index
// build and backfill of existing rows), spawns the built api on the database and measures
// GET /api/search latency for `--queries` (240) two-word Russian queries with filters, one at a time,
// next to the raw SQL of the same match in the same run; then typo queries on customer names.
//
//   node tools/scripts/build.mjs server
//   node tools/bench/search.mjs [--db postgres|sqlite] [--messages 1000000] [--customers 100000] [--queries 240] [--json] [--keep] [--slowest 5]
//     [--reuse bench_search_xxxxx | /path/parley.sqlite]   (measure a database an earlier --keep run left, without seeding it again)
//     [--order time|random]   time (default): messages written in time order over the year, as a live inbox writes them,
//                             so a recent window is a few contiguous pages; random: created_at at random over the year
//                             (the worst case for the recency window, the figures before 2026-12-07 11:00)
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireBenchLock, freePort, PG_ADMIN_URL, machineInfo, parseFlags, percentiles, ROOT, round, scratchPgDatabase, stopChild, waitForHttp } from './lib.mjs';
import { apiCall, BENCH_ADMIN } from './parley-server.mjs';

const flags = parseFlags(process.argv.slice(2), { db: 'postgres', messages: 0, customers: 0, queries: 240, json: false, keep: false, slowest: 0, reuse: '', order: 'time' });
if (!['time', 'random'].includes(flags.order)) throw new Error('--order is time or random');
flags.messages ||= flags.db === 'sqlite' ? 100_000 : 1_000_000;
flags.customers ||= Math.max(1, Math.round(flags.messages / 10));
const log = (...a) => process.stderr.write(`${a.join(' ')}\n`);
const require = createRequire(import.meta.url);

// Support vocabulary in the forms people write, earlier words commoner (the seed skews towards them);
// function words make up a third of the text, as in real messages, and are never searched for.
const STOP = 'и в не на я что с у меня по как это а мне уже ещё но вы мы же так только бы за от до'.split(' ');
const RU = `заказ заказа заказы заказов доставка доставки доставку курьер курьера оплата оплату возврат возврата деньги денег счёт счета
карта карты товар товары посылка посылку адрес телефон номер пароль аккаунт приложение сайт ошибка ошибку скидка промокод подписка
подписку чек гарантия ремонт замена размер цвет кнопка письмо сообщение ответ вопрос помощь менеджер оператор магазин склад срок
неделю день время спасибо здравствуйте добрый пожалуйста когда где почему можно нужно сломался пришёл пришла не работает отменить
верните оформил получила жду ёлка чайник телевизор холодильник пылесос наушники ноутбук москва петербург казань
коробка коробку упаковка упаковки инструкция инструкцию зарядка зарядку кабель кабеля батарея батарею экран экрана корпус крышка
стиральная машина машинку микроволновка духовка плита утюг фен блендер миксер кофемашина чайника смартфон планшет часы колонка
роутер принтер монитор клавиатура мышка диван кресло стол шкаф матрас подушка одеяло куртка платье ботинки кроссовки сумка рюкзак
игрушка коляска велосипед самокат шины диски масло фильтр лампа розетка выключатель дрель перфоратор краска обои плитка ламинат
доставили привезли отправили вернули заменили починили списали начислили заблокировали подтвердили оформили забрали сломали
поцарапан разбит треснул промок испорчен перепутали потеряли задержали опоздал приехал позвонил написал ответил обещали ждали
быстро долго медленно вовремя поздно срочно бесплатно дорого дёшево неправильно правильно случайно повторно частично полностью
новый новая старый старая большой маленький белый чёрный красный синий другой нужный главный личный мобильный банковский
бонусы баллы кэшбэк акция распродажа рассрочка кредит договор паспорт документы квитанция накладная трек отслеживание пункт выдачи
самовывоз постамат отделение почта курьерская служба понедельник вторник среда четверг пятница суббота воскресенье утром вечером
регистрация авторизация уведомление смс код подтверждения личный кабинет корзина избранное отзыв жалоба претензия компенсация`.split(/\s+/);
const EN = `order delivery refund refunds payment card account password app website error discount subscription receipt warranty repair
size color email message question help manager store shipping tracking invoice thanks hello please broken cancel return waiting
package parcel courier address phone number login reset charge charged twice missing damaged wrong item replacement exchange
voucher coupon points balance checkout cart wishlist review complaint compensation delay delayed tomorrow today yesterday urgent`.split(/\s+/);
// Queried in other forms than most of the text holds, as people type them.
const ASKED = `заказы заказом доставкой доставке курьеры оплаты возвраты деньгами счёта картой товаров посылки адреса телефона номера пароля
аккаунта приложения сайта ошибки скидки промокода подписки чеки гарантии ремонта замены размеры кнопки письма сообщения ответы вопросы
менеджера оператора магазина склада сроки чайники телевизора холодильника пылесоса наушников ноутбука ёлки`.split(/\s+/);
const FIRST = 'Александр Мария Иван Елена Дмитрий Анна Сергей Ольга Алексей Наталья Пётр Алёна Михаил Татьяна Emma John'.split(' ');
const LAST = 'Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков Алексеев Лебедев Семёнов Wilson Smith'.split(' ');
const CITIES = ['Москва', 'Санкт-Петербург', 'Казань', 'Новосибирск', 'Екатеринбург', 'London'];
const CHANNELS = ['webchat', 'telegram', 'email', 'sms', 'whatsapp'];
const STATUSES = ['open', 'open', 'pending', 'resolved', 'resolved', 'snoozed'];

const withoutRedis = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'REDIS_URL'));
/** How much commoner the first words of a list are: word i of n is drawn with density ~ (i/n)^(1/SKEW - 1). */
const SKEW = 1.3;
const pick = (list, skew = 1, random = Math.random) => list[Math.floor(list.length * random() ** skew)];
/** The queries are the same in every run (mulberry32 from a fixed seed), so two runs compare like for like. */
const seeded = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const cleanups = [];
const dist = (lib) => import(join(ROOT, `dist/libs/${lib}/src/index.js`));

async function seedPostgres(url) {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const inboxes = [];
  for (let i = 1; i <= 3; i++) {
    const [row] = (await c.query(`INSERT INTO inboxes (id, name, channel, config, created_at, updated_at) VALUES (gen_random_uuid(), $1, 'email', $2, now(), now()) RETURNING id`,
      [`Почта ${i}`, JSON.stringify({ address: `support${i}@bench.example` })])).rows;
    inboxes.push(row.id);
  }
  const text = `(SELECT string_agg(CASE WHEN random() < 0.33 THEN s[1 + floor(array_length(s, 1) * random())::int] ELSE w[1 + floor(array_length(w, 1) * power(random(), ${SKEW}))::int] END, ' ')
    FROM generate_series(1, 6 + (g % 13)) k, (SELECT $1::text[] AS w, $5::text[] AS s) v WHERE k > 0 AND g > 0)`;
  await c.query(`INSERT INTO customers (id, name, email, phone, attributes, tags, created_at, updated_at)
    SELECT gen_random_uuid(), ($1::text[])[1 + floor(random() * array_length($1::text[], 1))::int] || ' ' || ($2::text[])[1 + floor(random() * array_length($2::text[], 1))::int],
      'client' || g || '@mail' || (g % 7) || '.ru', '+7916' || lpad((g * 7919 % 10000000)::text, 7, '0'),
      jsonb_build_object('город', ($3::text[])[1 + (g % array_length($3::text[], 1))], 'заказов', g % 50), '[]', now() - random() * interval '365 days', now() - random() * interval '30 days'
    FROM generate_series(1, $4::int) g`, [FIRST, LAST, CITIES, flags.customers]);
  await c.query(`INSERT INTO channel_identities (id, customer_id, channel, external_id, opted_out, unreachable, created_at)
    SELECT gen_random_uuid(), id, 'telegram', 'tg_' || substr(md5(id::text), 1, 10), false, false, created_at FROM customers`);
  await c.query(`CREATE TEMP TABLE conv AS SELECT row_number() OVER () AS n, id, customer_id, inbox_id, channel FROM (
    SELECT gen_random_uuid() AS id, cu.id AS customer_id, ($1::uuid[])[1 + floor(random() * 3)::int] AS inbox_id, ($2::text[])[1 + floor(random() * 5)::int] AS channel FROM customers cu) x`, [inboxes, CHANNELS]);
  await c.query(`INSERT INTO conversations (id, customer_id, inbox_id, channel, status, priority, last_message_at, unread_count, created_at, updated_at)
    SELECT id, customer_id, inbox_id, channel, ($1::text[])[1 + floor(random() * array_length($1::text[], 1))::int], 'normal', now() - random() * interval '30 days', 0, now() - interval '1 year', now() FROM conv`, [STATUSES]);
  const words = [...RU, ...EN];
  for (let done = 0; done < flags.messages; done += 100_000) {
    const n = Math.min(100_000, flags.messages - done);
    await c.query(`INSERT INTO messages (id, conversation_id, customer_id, inbox_id, channel, direction, author_type, content, is_private, attachments, metadata, delivery_status, delivery_attempts, created_at, updated_at)
      SELECT gen_random_uuid(), conv.id, conv.customer_id, conv.inbox_id, conv.channel, CASE WHEN g % 3 = 0 THEN 'outbound' ELSE 'inbound' END, CASE WHEN g % 3 = 0 THEN 'agent' ELSE 'customer' END,
        ${text}, false, '[]', CASE WHEN conv.channel = 'email' THEN jsonb_build_object('subject', (ARRAY['Заказ №' || g, 'Вопрос по доставке', 'Возврат товара', 'Re: счёт ' || (g % 1000)])[1 + g % 4]) END, 'delivered', 0, t, t
      FROM generate_series($2::int + 1, $2::int + $3::int) g JOIN conv ON conv.n = 1 + (g % $4::int), LATERAL (SELECT date_trunc('milliseconds', now() - ${flags.order === 'time' ? `(1 - g::float8 / ${flags.messages}) * interval '365 days'` : `random() * interval '365 days'`}) AS t WHERE g > 0) ts`,
    [words, done, n, flags.customers, STOP]);
    log(`  seeded ${done + n} messages`);
  }
  await c.end();
  return inboxes;
}

function seedSqlite(file) {
  const Database = require('better-sqlite3');
  const db = new Database(file);
  const uuid = () => randomUUID();
  const ts = (d) => d.toISOString().replace('T', ' ').replace('Z', '');
  const now = ts(new Date());
  const inboxes = [1, 2, 3].map(() => uuid());
  const words = [...RU, ...EN];
  db.transaction(() => {
    inboxes.forEach((id, i) => db.prepare(`INSERT INTO inboxes (id, name, channel, config, created_at, updated_at) VALUES (?, ?, 'email', ?, ?, ?)`).run(id, `Почта ${i + 1}`, JSON.stringify({ address: `support${i}@bench.example` }), now, now));
    const customer = db.prepare(`INSERT INTO customers (id, name, email, phone, attributes, tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '[]', ?, ?)`);
    const identity = db.prepare(`INSERT INTO channel_identities (id, customer_id, channel, external_id, opted_out, unreachable, created_at) VALUES (?, ?, 'telegram', ?, 0, 0, ?)`);
    const conversation = db.prepare(`INSERT INTO conversations (id, customer_id, inbox_id, channel, status, priority, last_message_at, unread_count, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'normal', ?, 0, ?, ?)`);
    const message = db.prepare(`INSERT INTO messages (id, conversation_id, customer_id, inbox_id, channel, direction, author_type, content, is_private, attachments, metadata, delivery_status, delivery_attempts, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, '[]', ?, 'delivered', 0, ?, ?)`);
    const convs = [];
    for (let g = 1; g <= flags.customers; g++) {
      const c = { id: uuid(), customer: uuid(), inbox: pick(inboxes), channel: pick(CHANNELS) };
      customer.run(c.customer, `${pick(FIRST)} ${pick(LAST)}`, `client${g}@mail${g % 7}.ru`, `+7916${String((g * 7919) % 10_000_000).padStart(7, '0')}`, JSON.stringify({ город: CITIES[g % CITIES.length], заказов: g % 50 }), now, now);
      identity.run(uuid(), c.customer, `tg_${c.customer.slice(0, 10)}`, now);
      conversation.run(c.id, c.customer, c.inbox, c.channel, pick(STATUSES), ts(new Date(Date.now() - Math.random() * 30 * 864e5)), now, now);
      convs.push(c);
    }
    for (let g = 1; g <= flags.messages; g++) {
      const c = convs[g % convs.length];
      const content = Array.from({ length: 6 + (g % 13) }, () => (Math.random() < 0.33 ? pick(STOP) : pick(words, SKEW))).join(' ');
      const t = ts(new Date(Date.now() - (flags.order === 'time' ? 1 - g / flags.messages : Math.random()) * 365 * 864e5));
      message.run(uuid(), c.id, c.customer, c.inbox, c.channel, g % 3 ? 'inbound' : 'outbound', g % 3 ? 'customer' : 'agent', content, c.channel === 'email' ? JSON.stringify({ subject: [`Заказ №${g}`, 'Вопрос по доставке', 'Возврат товара', `Re: счёт ${g % 1000}`][g % 4] }) : null, t, t);
    }
  })();
  db.close();
  return inboxes;
}

/** The filters a query carries, in turn: most queries narrow by something, as agents' searches do. */
function filtersFor(i, inboxes) {
  const from = new Date(Date.now() - 90 * 864e5).toISOString();
  const sets = [{ status: 'open' }, { channel: 'telegram' }, { inboxId: inboxes[i % 3] }, { from }, { status: 'resolved', channel: 'email' }, { assigneeId: 'me' }, {}];
  return sets[i % sets.length];
}

async function main() {
  const release = await acquireBenchLock({ log });
  cleanups.push(release);
  let dbUrl;
  if (flags.reuse) {
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${flags.reuse}`;
    dbUrl = flags.db === 'postgres' ? url.toString() : `sqlite:${flags.reuse}`;
  } else if (flags.db === 'postgres') {
    const db = await scratchPgDatabase('bench_search');
    cleanups.push(() => (flags.keep ? log(`kept database ${db.name}`) : db.drop()));
    dbUrl = db.url;
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'parley-bench-search-'));
    cleanups.push(() => (flags.keep ? log(`kept database ${dir}/parley.sqlite`) : rmSync(dir, { recursive: true, force: true })));
    dbUrl = `sqlite:${join(dir, 'parley.sqlite')}`;
  }
  // Entities read the driver from DATABASE_URL when their modules load.
  process.env.DATABASE_URL = dbUrl;
  const { dataSourceOptions, MIGRATIONS, openDatabase } = await dist('persistence');
  const options = dataSourceOptions(dbUrl);
  let inboxes, seedSeconds = 0, indexSeconds = 0, db;
  if (flags.reuse) {
    db = await openDatabase(options);
    inboxes = (await db.query(`SELECT id FROM inboxes WHERE name LIKE 'Почта %' ORDER BY name`)).map((r) => r.id);
  } else {
    const upTo = MIGRATIONS.findIndex((m) => m.name === 'Search1765860000000');
    await (await openDatabase({ ...options, migrations: MIGRATIONS.slice(0, upTo) })).destroy();
    log(`seeding ${flags.messages} messages, ${flags.customers} customers (${flags.db})…`);
    let t0 = Date.now();
    inboxes = flags.db === 'postgres' ? await seedPostgres(dbUrl) : seedSqlite(dbUrl.slice('sqlite:'.length));
    seedSeconds = (Date.now() - t0) / 1000;
    log('building the search index (migration 1765860000000)…');
    t0 = Date.now();
    db = await openDatabase(options);
    indexSeconds = (Date.now() - t0) / 1000;
    await db.query(flags.db === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE');
  }
  const size = flags.db === 'postgres'
    ? (await db.query(`SELECT pg_size_pretty(pg_relation_size('ix_messages_search')) AS gin, pg_size_pretty(pg_total_relation_size('messages')) AS messages`))[0]
    : (await db.query(`SELECT page_count * page_size / 1048576 AS mb FROM pragma_page_count(), pragma_page_size()`))[0];

  /** The built api on the database, in a process of its own (stopped at exit or by `stop`). */
  const startApi = async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const logFile = join(tmpdir(), `parley-bench-search-${port}.log`);
    const fd = openSync(logFile, 'a');
    const api = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], {
      cwd: ROOT, stdio: ['ignore', fd, fd],
      env: { ...withoutRedis(), PORT: String(port), PUBLIC_URL: base, DATABASE_URL: dbUrl, ADMIN_EMAIL: BENCH_ADMIN.email, ADMIN_PASSWORD: BENCH_ADMIN.password, LOG_LEVEL: 'warn',
        NODE_ENV: 'production', JWT_SECRET: 'parley-bench-only-jwt-secret-0123456789', PARLEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'), SMTP_INBOUND_PORT: '0', PARLEY_DIST_DIR: join(ROOT, 'dist/apps') },
    });
    closeSync(fd);
    const stop = () => stopChild(api);
    cleanups.unshift(stop, () => rmSync(logFile, { force: true }));
    await waitForHttp(`${base}/health`, 120_000, () => api.exitCode == null).catch((err) => {
      log(readFileSync(logFile, 'utf8').slice(-3000));
      throw err;
    });
    return { base, stop };
  };
  // The first start creates the admin the queries are signed in as.
  const first = await startApi();
  const { user } = await apiCall(first.base, 'POST', '/api/auth/login', BENCH_ADMIN);
  await first.stop();
  // A fifth of the conversations are the signed-in agent's (assigneeId=me).
  await db.query(`UPDATE conversations SET assignee_id = ${flags.db === 'postgres' ? '$1' : '?'} WHERE ${flags.db === 'postgres' ? 'random() < 0.2' : 'abs(random()) % 5 = 0'}`, [user.id]);
  // Statistics as a live database has them: without this the planner believes no conversation has an
  // assignee (and, on PostgreSQL, autovacuum's work on the rows just updated, which a --reuse run
  // would otherwise pile up). A SQLite connection reads them when it opens (and refreshes them hourly), so the api
  // measured starts after them.
  await db.query(flags.db === 'postgres' ? 'VACUUM ANALYZE conversations' : 'ANALYZE');
  const { base } = await startApi();
  const { accessToken } = await apiCall(base, 'POST', '/api/auth/login', BENCH_ADMIN);

  const { PgSearchIndex, SqliteSearchIndex } = await dist('search');
  const { parseSearchQuery } = await dist('domain');
  const index = flags.db === 'postgres' ? new PgSearchIndex(db) : new SqliteSearchIndex(db);
  const rnd = seeded(16);
  const queries = Array.from({ length: flags.queries }, (_, i) => ({ q: `${pick(ASKED, 1, rnd)} ${pick(ASKED, 1, rnd)}`, sort: i % 2 ? 'newest' : 'relevance', filters: filtersFor(i, inboxes) }));
  const viaApi = async ({ q, sort, filters }) => {
    const params = new URLSearchParams({ q, type: 'messages', sort, limit: '20', ...filters });
    const t = performance.now();
    const body = await apiCall(base, 'GET', `/api/search?${params}`, undefined, accessToken);
    return { ms: performance.now() - t, hits: body.messages.items.length, query: params.toString() };
  };
  const viaSql = async ({ q, sort, filters }) => {
    const f = { ...filters, from: filters.from ? new Date(filters.from) : undefined, assigneeId: filters.assigneeId === 'me' ? user.id : undefined };
    const t = performance.now();
    const rows = await index.search(parseSearchQuery(q), f, 'messages', sort, null, 21);
    return { ms: performance.now() - t, hits: rows.length };
  };
  for (const q of queries.slice(0, 20)) await viaApi(q), await viaSql(q);
  const apiRuns = [];
  const sqlRuns = [];
  // Each query is new to the database, so whichever path runs it first reads its pages from disk or
  // the OS cache into shared buffers. The paths take turns at going first (queries 0, 1, 4, 5… through
  // the API first, 2, 3, 6, 7… through the SQL first: pairs, so that either sort goes first either way):
  // both pay that first touch on half of the queries, neither hides it from the other.
  for (const [i, q] of queries.entries()) {
    if (Math.floor(i / 2) % 2 === 0) {
      apiRuns.push(await viaApi(q));
      sqlRuns.push(await viaSql(q));
    } else {
      sqlRuns.push(await viaSql(q));
      apiRuns.push(await viaApi(q));
    }
  }
  const names = Array.from({ length: 60 }, () => pick(LAST, 1, rnd).replace(/[ао]/u, ''));
  const typoRuns = [];
  for (const name of names) {
    const t = performance.now();
    const body = await apiCall(base, 'GET', `/api/search?${new URLSearchParams({ q: name, type: 'customers' })}`, undefined, accessToken);
    typoRuns.push({ ms: performance.now() - t, hits: body.customers.items.length });
  }
  await db.destroy();
  for (const r of [...apiRuns].sort((a, b) => b.ms - a.ms).slice(0, flags.slowest)) log(`slow: ${round(r.ms, 1)} ms ${decodeURIComponent(r.query)}`);
  const summary = (runs) => ({ ...percentiles(runs.map((r) => r.ms)), withHits: runs.filter((r) => r.hits).length, n: runs.length });
  const result = {
    db: flags.db, order: flags.reuse ? 'as seeded' : flags.order, messages: flags.messages, customers: flags.customers, seedSeconds: round(seedSeconds, 1), indexSeconds: round(indexSeconds, 1), size,
    api: summary(apiRuns), sql: summary(sqlRuns), customerTypos: summary(typoRuns), machine: machineInfo(),
  };
  if (flags.json) console.log(JSON.stringify(result));
  else {
    console.log(`search on ${flags.db}: ${flags.messages} messages (written in ${result.order} order), ${flags.customers} customers; seeded in ${result.seedSeconds} s, index built in ${result.indexSeconds} s (${JSON.stringify(size)})`);
    console.log('| two-word Russian query, filters, 20 hits | p50 ms | p95 ms | p99 ms | with hits |');
    console.log('|---|---|---|---|---|');
    for (const [name, s] of [['GET /api/search (HTTP, auth, validation)', result.api], ['SQL through the search index', result.sql], ['customers, typo in the surname (API)', result.customerTypos]]) {
      console.log(`| ${name} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.withHits}/${s.n} |`);
    }
  }
}

const deadline = setTimeout(() => {
  log('search bench: over its 2-hour deadline, stopping');
  process.exitCode = 1;
  void shutdown();
}, 2 * 3600_000);
async function shutdown() {
  clearTimeout(deadline);
  for (const clean of cleanups.splice(0)) await Promise.resolve().then(clean).catch((e) => log(`cleanup: ${e.message}`));
}
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void shutdown().then(() => process.exit(130)));
main().then(shutdown, async (err) => {
  log(err.stack ?? err.message);
  process.exitCode = 1;
  await shutdown();
});
