import type { CustomerDto, CustomerTagDto, Page, WidgetSession } from '@parley/contracts';
import { api, next, useRunningApp } from './harness';

// The directory's sorts and filters on this database (SQLite, or PostgreSQL with DATABASE_URL).
describe('customer directory: sort, filter and keyset paging', () => {
  const t = useRunningApp();
  const TAG = 'каталог';
  const ids: Record<string, string> = {};
  const list = (query: string) => api<Page<CustomerDto>>(t.url, 'GET', `/api/customers?${query}`, undefined, t.token);

  /** Every page of a listing, one customer a page, so each step crosses a cursor. */
  async function walk(query: string): Promise<CustomerDto[]> {
    const seen: CustomerDto[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`${query}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return seen;
  }

  async function customer(key: string, details: Record<string, unknown>) {
    const s = t.open('/widget', { websiteToken: t.websiteToken });
    const session = await next<WidgetSession>(s, 'session');
    expect((await s.emitWithAck('message:send', { content: 'Добрый день', clientMessageId: `directory-${key}-01` })).ok).toBe(true);
    const res = await api(t.url, 'PATCH', `/api/customers/${session.customerId}`, { tags: [TAG], ...details }, t.token);
    expect(res.status).toBe(200);
    ids[key] = session.customerId;
    return s;
  }

  beforeAll(async () => {
    await customer('yulia', { name: 'Юлия Орлова' });
    const yozhikov = await customer('yozhikov', { name: 'Ёжиков Пётр', phone: '+7 (916) 555-12-34', tags: [TAG, 'VIP'] });
    await customer('anna', { name: 'анна Белова' });
    await customer('nameless', { name: '' });
    // Ёжиков writes again: the latest contact of all four.
    expect((await yozhikov.emitWithAck('message:send', { content: 'Где мой заказ?', clientMessageId: 'directory-yozhikov-02' })).ok).toBe(true);
  });

  it('sorts by name А→Я in any case, ё as е, unnamed customers last', async () => {
    expect((await walk(`sort=name&tag=${encodeURIComponent(TAG)}`)).map((c) => c.id)).toEqual([ids.anna, ids.yozhikov, ids.yulia, ids.nameless]);
  });

  it('sorts by last contact, the customer who wrote last first, and says when', async () => {
    const found = await walk(`sort=lastContact&tag=${encodeURIComponent(TAG)}`);
    expect(found[0].id).toBe(ids.yozhikov);
    expect(found).toHaveLength(4);
    for (const c of found) expect(Date.parse(c.lastContactAt!)).toBeGreaterThan(0);
    expect(Date.parse(found[0].lastContactAt!)).toBeGreaterThanOrEqual(Date.parse(found[1].lastContactAt!));
  });

  it('sorts the newest customers first', async () => {
    expect((await walk(`sort=newest&tag=${encodeURIComponent(TAG)}`)).map((c) => c.id)).toEqual([ids.nameless, ids.anna, ids.yozhikov, ids.yulia]);
  });

  it('narrows to a channel and a tag', async () => {
    expect((await walk(`sort=name&channel=webchat&tag=VIP`)).map((c) => c.id)).toEqual([ids.yozhikov]);
    expect(await walk(`sort=name&channel=sms&tag=${encodeURIComponent(TAG)}`)).toEqual([]);
  });

  it('finds a customer by a phone written another way, in a sort', async () => {
    const found = await walk(`sort=name&query=${encodeURIComponent('8 916 555 12 34')}`);
    expect(found.map((c) => c.id)).toEqual([ids.yozhikov]);
  });

  it('lists the tags customers carry, with how many carry each', async () => {
    const res = await api<CustomerTagDto[]>(t.url, 'GET', '/api/customers/tags', undefined, t.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.arrayContaining([{ tag: TAG, customers: 4 }, { tag: 'VIP', customers: 1 }]));
  });

  it.each([
    ['an unknown sort', 'sort=oldest'],
    ['an unknown channel', 'channel=fax'],
    ['a tampered cursor', 'cursor=bm9wZQ'],
  ])('answers 400 for %s', async (_, query) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect((res.body as unknown as { message: unknown }).message).toEqual(expect.anything());
  });

  it('answers 400 for a cursor of another sort', async () => {
    const first = await list(`sort=newest&limit=1`);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const res = await list(`sort=name&cursor=${first.body.nextCursor}`);
    expect(res.status).toBe(400);
  });

  it('needs a signed-in agent', async () => {
    expect((await api(t.url, 'GET', '/api/customers/tags')).status).toBe(401);
  });
});
