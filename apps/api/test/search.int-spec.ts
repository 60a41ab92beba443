import { DataSource } from 'typeorm';
import type { ConversationDto, Page, SearchResponse, WidgetSendAck, WidgetSession } from '@parley/contracts';
import { newId } from '@parley/domain';
import { ConversationEntity, CustomerEntity, dataSourceOptions, MessageEntity, MIGRATIONS, openDatabase } from '@parley/persistence';
import { PgSearchIndex, SearchService, SqliteSearchIndex } from '@parley/search';
import { api, freshDatabaseUrl, next, useRunningApp } from './harness';

describe('GET /api/search in Russian and English, on this database', () => {
  const t = useRunningApp();
  const customers: Record<string, string> = {};
  const conversations: Record<string, string> = {};
  let seq = 0;

  const search = async (query: string) => {
    const res = await api<SearchResponse>(t.url, 'GET', `/api/search?${query}`, undefined, t.token);
    expect(res.status).toBe(200);
    return res.body;
  };
  const ids = (page: { items: { id: string }[] } | undefined) => (page?.items ?? []).map((i) => i.id);
  const q = (text: string) => `q=${encodeURIComponent(text)}`;

  /** A web chat visitor writing through the real ingest path; resolves once each message is acknowledged. */
  async function visit(key: string, texts: string[], details?: Record<string, unknown>) {
    const s = t.open('/widget', { websiteToken: t.websiteToken });
    const session = await next<WidgetSession>(s, 'session');
    for (const content of texts) {
      const ack: WidgetSendAck = await s.emitWithAck('message:send', { content, clientMessageId: `search-${key}-${seq++}` });
      expect(ack.ok).toBe(true);
    }
    if (details) expect((await api(t.url, 'PATCH', `/api/customers/${session.customerId}`, details, t.token)).status).toBe(200);
    customers[key] = session.customerId;
    s.disconnect();
  }

  /** An email conversation written as the email adapter stores it: subject in metadata, attachments with file names. */
  async function emailThread(key: string, subject: string, content: string, fileName: string) {
    const db = t.app.app.get(DataSource);
    const inboxes = await api<{ id: string; channel: string }[]>(t.url, 'GET', '/api/inboxes', undefined, t.token);
    const inboxId = (inboxes.body.find((i) => i.channel === 'email') ?? inboxes.body[0]).id;
    const now = new Date();
    const customer = { id: newId(), name: 'Emma Wilson', email: `emma.${key}@example.com`, phone: null, attributes: {}, tags: [], mergedIntoId: null, createdAt: now, updatedAt: now };
    await db.getRepository(CustomerEntity).insert(customer);
    const conversation: Partial<ConversationEntity> & { id: string } = { id: newId(), customerId: customer.id, inboxId, channel: 'email', status: 'open', assigneeId: null, teamId: null, lastMessageAt: now, createdAt: now, updatedAt: now, metadata: { subject } };
    await db.getRepository(ConversationEntity).insert(conversation as ConversationEntity);
    await db.getRepository(MessageEntity).insert(<MessageEntity>{
      id: newId(), conversationId: conversation.id, customerId: customer.id, inboxId, channel: 'email', direction: 'inbound', authorType: 'customer', authorId: null, authorName: null,
      content, private: false, attachments: [{ url: '/a', contentType: 'application/pdf', fileName }], providerMessageId: `<${key}@example.com>`, clientMessageId: null,
      metadata: { subject }, deliveryStatus: 'delivered', deliveryError: null, deliveryAttempts: 0, createdAt: now, updatedAt: now,
    });
    customers[key] = customer.id;
    conversations[key] = conversation.id;
  }

  beforeAll(async () => {
    await visit('order', ['Здравствуйте, где мой заказ?', 'Номер заказа №10482']);
    await visit('refund', ['I asked for a refund last week']);
    await visit('tree', ['Нужна искусственная елка к празднику']);
    await visit('ivanov', ['Добрый день'], { name: 'Пётр Иванов', phone: '+79991234567' });
    await visit('html', ['<script>alert(1)</script> доставка & возврат']);
    for (let i = 0; i < 6; i++) await visit(`page${i}`, [`Курьерская доставка номер ${i}`, ...(i % 2 ? ['и ещё раз доставка'] : [])]);
    await emailThread('invoice', 'Счёт за январь', 'Please see the attached file', 'накладная-2026.pdf');
    const list = await api<Page<ConversationDto>>(t.url, 'GET', '/api/conversations?limit=100', undefined, t.token);
    for (const [key, customerId] of Object.entries(customers)) conversations[key] ??= list.body.items.find((c) => c.customerId === customerId)!.id;
  });

  it('finds a message, and its conversation, by another form of a Russian word', async () => {
    const res = await search(q('заказы'));
    expect(res.messages!.items.map((m) => m.conversationId)).toEqual([conversations.order, conversations.order]);
    expect(res.messages!.items[0]).toMatchObject({ customer: { id: customers.order }, channel: 'webchat', direction: 'inbound' });
    expect(res.messages!.items.map((m) => m.snippet).join(' ')).toMatch(/<mark>заказ[а]?<\/mark>/);
    expect(ids(res.conversations)).toEqual([conversations.order]);
    expect(res.conversations!.items[0].snippet).toMatch(/<mark>/);
  });

  it('finds "refund" by "refunds" and "елка" by "ЁЛКА"', async () => {
    expect((await search(q('refunds'))).messages!.items.map((m) => m.conversationId)).toEqual([conversations.refund]);
    const tree = await search(`${q('ЁЛКА')}&type=messages`);
    expect(tree.messages!.items.map((m) => m.conversationId)).toEqual([conversations.tree]);
    expect(tree.messages!.items[0].snippet).toContain('<mark>елка</mark>');
  });

  it('finds an email by its subject and by its attachment’s file name', async () => {
    expect((await search(`${q('счет январь')}&type=conversations`)).conversations!.items.map((c) => c.id)).toEqual([conversations.invoice]);
    expect((await search(`${q('накладная')}&type=messages`)).messages!.items.map((m) => m.conversationId)).toEqual([conversations.invoice]);
  });

  it('finds a customer by a phone written another way and by a mistyped surname', async () => {
    const phone = await search(`${q('+7 (999) 123-45-67')}&type=customers`);
    expect(phone.customers!.items).toMatchObject([{ id: customers.ivanov, phone: '+79991234567', matchedField: 'phone' }]);
    const typo = await search(`${q('Ивнов')}&type=customers`);
    expect(typo.customers!.items).toMatchObject([{ id: customers.ivanov, name: 'Пётр Иванов', matchedField: 'name' }]);
    expect(typo.customers!.items[0].snippet).toContain('<mark>');
  });

  it('escapes customer text in snippets, marking only the match', async () => {
    const res = await search(`${q('возврат')}&type=messages`);
    expect(res.messages!.items).toHaveLength(1);
    expect(res.messages!.items[0].snippet).not.toMatch(/<script>/);
    expect(res.messages!.items[0].snippet).toContain('<mark>возврат</mark>');
    expect(res.messages!.items[0].snippet.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
  });

  it('narrows by channel, inbox, status, assignee, team, label and dates', async () => {
    const all = ids((await search(`${q('доставка')}&type=conversations&limit=50`)).conversations);
    expect(all).toHaveLength(7);
    expect(ids((await search(`${q('накладная')}&type=conversations&channel=webchat`)).conversations)).toEqual([]);
    expect(ids((await search(`${q('накладная')}&type=conversations&channel=email`)).conversations)).toEqual([conversations.invoice]);
    const webchat = (await api<{ id: string; channel: string }[]>(t.url, 'GET', '/api/inboxes', undefined, t.token)).body.find((i) => i.channel === 'webchat')!;
    expect(ids((await search(`${q('доставка')}&type=conversations&limit=50&inboxId=${webchat.id}`)).conversations).sort()).toEqual([...all].sort());

    expect((await api(t.url, 'POST', `/api/conversations/${conversations.page1}/status`, { status: 'resolved' }, t.token)).status).toBe(200);
    expect(ids((await search(`${q('доставка')}&type=conversations&status=resolved`)).conversations)).toEqual([conversations.page1]);
    expect((await search(`${q('доставка')}&type=messages&status=resolved`)).messages!.items.map((m) => m.conversationId)).toEqual([conversations.page1, conversations.page1]);

    const me = (await api(t.url, 'GET', '/api/auth/me', undefined, t.token)).body.id;
    expect((await api(t.url, 'POST', `/api/conversations/${conversations.page2}/assignment`, { agentId: me }, t.token)).status).toBe(200);
    expect(ids((await search(`${q('доставка')}&type=conversations&assigneeId=me`)).conversations)).toEqual([conversations.page2]);
    expect(ids((await search(`${q('доставка')}&type=conversations&assigneeId=none&limit=50`)).conversations)).not.toContain(conversations.page2);
    expect(ids((await search(`${q('доставка')}&type=conversations&teamId=${newId()}`)).conversations)).toEqual([]);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(ids((await search(`${q('доставка')}&type=messages&from=${future}`)).messages)).toEqual([]);
    expect(ids((await search(`${q('доставка')}&type=messages&to=${future}&limit=50`)).messages)).toHaveLength(10);
  });

  it('finds nothing for a label no conversation carries (with or without the labels table)', async () => {
    expect(ids((await search(`${q('доставка')}&type=conversations&labelId=${newId()}`)).conversations)).toEqual([]);
  });

  it('narrows by a label an agent put on the conversation', async () => {
    const label = await api<{ id: string }>(t.url, 'POST', '/api/labels', { nameEn: 'Courier', nameRu: 'Курьер', colour: '#3e63dd' }, t.token);
    expect(label.status).toBe(201);
    expect((await api(t.url, 'POST', `/api/conversations/${conversations.page3}/labels`, { labelId: label.body.id }, t.token)).status).toBe(200);
    expect(ids((await search(`${q('доставка')}&type=conversations&labelId=${label.body.id}`)).conversations)).toEqual([conversations.page3]);
    expect((await search(`${q('доставка')}&type=messages&labelId=${label.body.id}`)).messages!.items.map((m) => m.conversationId)).toEqual([conversations.page3, conversations.page3]);
  });

  it.each(['relevance', 'newest'])('pages by %s without losing or repeating a hit', async (sort) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: SearchResponse = await search(`${q('доставка')}&type=messages&sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(res.messages));
      cursor = res.messages!.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    if (sort === 'newest') {
      const times = (await search(`${q('доставка')}&type=messages&sort=newest&limit=50`)).messages!.items.map((m) => m.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
    }
  });

  it('answers all three groups, a few hits each, when no type is given', async () => {
    const res = await search(q('доставка'));
    expect(Object.keys(res).sort()).toEqual(['conversations', 'customers', 'messages']);
    expect(res.messages!.items).toHaveLength(5);
    expect(res.messages!.nextCursor).toEqual(expect.any(String));
  });

  it('finds a web chat message right after it is acknowledged', async () => {
    await visit('fresh', ['Пришлите, пожалуйста, квитанцию']);
    const res = await search(`${q('квитанции')}&type=messages`);
    expect(res.messages!.items).toMatchObject([{ customer: { id: customers.fresh } }]);
  });

  it.each([`'`, '&', '|', '!', ':*', '\\', '"', '"заказ', 'заказ"', `заказ' | !`, '(', ')', '<->', '*', '%', '_', 'NEAR(a b)', 'a OR', '-', 'заказ:* & !возврат'])(
    'answers %j with results or a 400, never a 500',
    async (text) => {
      const res = await api(t.url, 'GET', `/api/search?${q(text)}`, undefined, t.token);
      expect([200, 400]).toContain(res.status);
      if (res.status === 200) expect(Object.keys(res.body).sort()).toEqual(['conversations', 'customers', 'messages']);
    },
  );

  it('refuses an empty or too long query, a bad type, limit, cursor, id or date with a 400', async () => {
    for (const query of ['q=', 'q=%20%20', `q=${'я'.repeat(501)}`, 'q=a&type=files', 'q=a&limit=0', 'q=a&limit=51', 'q=a&cursor=zzz', 'q=a&inboxId=1', 'q=a&from=yesterday', 'q=a&sort=oldest', 'q=a&q=b']) {
      const res = await api(t.url, 'GET', `/api/search?${query}`, undefined, t.token);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.message).toEqual(expect.anything());
    }
  });

  it('explains a refused search in the language asked for', async () => {
    const res = await fetch(`${t.url}/api/search?q=%20&type=messages`, { headers: { authorization: `Bearer ${t.token}`, 'accept-language': 'ru' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'search_query_empty', message: 'Введите, что искать' });
  });

  it('needs a signed-in user', async () => {
    expect((await api(t.url, 'GET', `/api/search?${q('заказ')}`)).status).toBe(401);
  });
});

describe('search migration (1765860000000)', () => {
  it('indexes the messages, customers and identities written before it', async () => {
    const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
    const options = dataSourceOptions(await freshDatabaseUrl({ migrated: false }));
    const postgres = options.type === 'postgres';
    const before = await openDatabase({ ...options, migrations: MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === 'Search1765860000000')) } as typeof options);
    const p = (n: number) => (postgres ? `$${n}` : '?');
    const insert = (table: string, row: Record<string, unknown>) =>
      before.query(`INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map((_, i) => p(i + 1)).join(', ')})`, Object.values(row));
    const now = postgres ? new Date() : new Date().toISOString().replace('T', ' ').replace('Z', '');
    await insert('inboxes', { id: id(1), name: 'Почта', channel: 'email', config: '{}', created_at: now, updated_at: now });
    await insert('customers', { id: id(2), name: 'Анна Смирнова', phone: '+79161234567', attributes: '{"город":"Тверь"}', tags: '[]', created_at: now, updated_at: now });
    await insert('channel_identities', { id: id(6), customer_id: id(2), channel: 'telegram', external_id: 'anna_tver', created_at: now });
    await insert('conversations', { id: id(3), customer_id: id(2), inbox_id: id(1), channel: 'email', status: 'open', priority: 'normal', last_message_at: now, unread_count: 1, created_at: now, updated_at: now });
    await insert('messages', {
      id: id(4), conversation_id: id(3), customer_id: id(2), inbox_id: id(1), channel: 'email', direction: 'inbound', author_type: 'customer', content: 'Посылки не доехали',
      is_private: postgres ? false : 0, attachments: '[{"url":"/a","contentType":"image/png","fileName":"квитанция.png"}]', metadata: '{"subject":"Возврат денег"}',
      delivery_status: 'delivered', delivery_attempts: 0, created_at: now, updated_at: now,
    });
    await before.destroy();

    const after = await openDatabase(options);
    try {
      const search = new SearchService(postgres ? new PgSearchIndex(after) : new SqliteSearchIndex(after));
      const ids = (page: { items: { id: string }[] } | undefined) => (page?.items ?? []).map((i) => i.id);
      const found = async (q: string) => {
        const res = await search.search({ q, filters: {} });
        return [ids(res.messages), ids(res.conversations), ids(res.customers)];
      };
      expect(await found('посылка')).toEqual([[id(4)], [id(3)], []]);
      expect(await found('возвраты')).toEqual([[id(4)], [id(3)], []]);
      expect(await found('квитанции')).toEqual([[id(4)], [id(3)], []]);
      expect(await found('Смирнова')).toEqual([[], [], [id(2)]]);
      expect(await found('Тверь')).toEqual([[], [], [id(2)]]);
      expect(await found('anna_tver')).toEqual([[], [], [id(2)]]);
      expect(await found('8 916 123-45-67')).toEqual([[], [], [id(2)]]);
    } finally {
      await after.destroy();
    }
  });
});
