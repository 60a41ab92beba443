import type { CustomerDto, Page, WidgetSession } from '@parley/contracts';
import { api, next, useRunningApp } from './harness';

describe('customer search in Russian and by phone, on this database', () => {
  const t = useRunningApp();
  const ids: Record<string, string> = {};
  const search = async (query: string) => {
    const res = await api<Page<CustomerDto>>(t.url, 'GET', `/api/customers?query=${encodeURIComponent(query)}`, undefined, t.token);
    expect(res.status).toBe(200);
    return res.body.items.map((c) => c.id);
  };

  async function customer(key: string, details: Record<string, unknown>) {
    const s = t.open('/widget', { websiteToken: t.websiteToken });
    const session = await next<WidgetSession>(s, 'session');
    expect((await s.emitWithAck('message:send', { content: 'Добрый день', clientMessageId: `search-${key}-01` })).ok).toBe(true);
    const res = await api(t.url, 'PATCH', `/api/customers/${session.customerId}`, details, t.token);
    expect(res.status).toBe(200);
    ids[key] = session.customerId;
  }

  beforeAll(async () => {
    await customer('petr', { name: 'Пётр Иванов', phone: '+7 (916) 555-44-33' });
    await customer('alena', { name: 'Алёна Кузнецова', email: 'Alena.K@Example.ru' });
    await customer('elena', { name: 'Елена Петрова' });
  });

  it.each(['Пётр', 'ПЁТР', 'петр', 'Петр', 'иванов', 'ИВАНОВ', 'пётр иванов'])('finds Пётр Иванов by %s', async (query) => {
    const found = await search(query);
    expect(found).toContain(ids.petr);
    expect(found).not.toContain(ids.alena);
  });

  it.each(['алёна', 'Алена', 'АЛЕНА', 'кузнецова', 'alena.k@example', 'ALENA.K'])('finds Алёна Кузнецова by %s', async (query) => {
    const found = await search(query);
    expect(found).toEqual([ids.alena]);
  });

  it.each(['8 916 555-44-33', '+7 (916) 555-44-33', '89165554433', '+79165554433', '916 555 44 33'])('finds a phone written as %s', async (query) => {
    expect(await search(query)).toEqual([ids.petr]);
  });

  it('treats LIKE wildcards in the query as text', async () => {
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
  });

  it('pages the results with a row-value cursor, without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: Page<CustomerDto> } = await api(t.url, 'GET', `/api/customers?limit=1${cursor ? `&cursor=${cursor}` : ''}`, undefined, t.token);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([ids.petr, ids.alena, ids.elena]));
    expect(seen.indexOf(ids.elena)).toBeLessThan(seen.indexOf(ids.petr));
  });
});
