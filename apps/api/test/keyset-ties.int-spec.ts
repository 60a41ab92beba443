import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ConversationDto, Page, TimelineEventDto } from '@parley/contracts';
import { ConversationEntity, CustomerEntity, InboxEntity } from '@parley/persistence';
import { api, useRunningApp } from './harness';

// Keyset pages resume at (timestamp, id) of the last row: rows sharing the timestamp are told apart
// by the id alone, so a page boundary falling inside a run of equal timestamps is where rows would be
// lost or repeated if the row comparison were wrong.
describe('keyset pages across rows with the same timestamp', () => {
  const t = useRunningApp();
  const get = <T>(path: string) => api<T>(t.url, 'GET', path, undefined, t.token);
  const db = () => t.app.app.get(DataSource);

  async function newCustomer(name: string): Promise<string> {
    const id = randomUUID();
    const now = new Date();
    await db().getRepository(CustomerEntity).insert({ id, name, attributes: {}, tags: [], createdAt: now, updatedAt: now });
    return id;
  }

  /** Every page of `first` followed by its cursor, as the console reads them. */
  async function allPages<T extends { id: string }>(first: string, withCursor: (cursor: string) => string): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let pages = 0;
    let page = await get<Page<T>>(first);
    for (;;) {
      expect(page.status).toBe(200);
      pages++;
      ids.push(...page.body.items.map((row) => row.id));
      if (!page.body.nextCursor) return { ids, pages };
      page = await get<Page<T>>(withCursor(page.body.nextCursor));
    }
  }

  it('pages a timeline whose events share one moment without losing or repeating any', async () => {
    const customerId = await newCustomer('Анна Тестова');
    const moments = [
      '2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z',
      '2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z', '2026-03-01T09:00:00.000Z', '2026-02-28T12:00:00.000Z', '2026-03-02T08:30:00.000Z',
    ];
    for (const [n, occurredAt] of moments.entries()) {
      const res = await api(t.url, 'POST', `/api/customers/${customerId}/events`, { type: 'order', title: `Заказ №${n + 1} оформлен`, occurredAt }, t.token);
      expect(res.status).toBe(201);
    }
    const whole = await get<Page<TimelineEventDto>>(`/api/customers/${customerId}/timeline?limit=200`);
    const expected = [...whole.body.items]
      .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0))
      .map((e) => e.id);

    const paged = await allPages<TimelineEventDto>(`/api/customers/${customerId}/timeline?limit=2`, (c) => `/api/customers/${customerId}/timeline?limit=2&before=${c}`);

    expect(expected).toHaveLength(moments.length);
    expect(paged.pages).toBe(5);
    expect(paged.ids).toEqual(expected);
  });

  it('pages an inbox whose conversations share their last activity without losing or repeating any', async () => {
    const now = new Date();
    const inboxId = randomUUID();
    await db().getRepository(InboxEntity).insert({ id: inboxId, name: 'Поддержка «Ромашка»', channel: 'webchat', config: {}, createdAt: now, updatedAt: now });
    const customerId = await newCustomer('Пётр Иванов');
    const same = new Date('2026-03-01T09:00:00.000Z');
    const rows = Array.from({ length: 8 }, (_, i) => ({
      id: randomUUID(), customerId, inboxId, channel: 'webchat' as const, status: 'open' as const, priority: 'normal' as const,
      lastMessageAt: i < 6 ? same : new Date(same.getTime() + (i === 6 ? 60_000 : -60_000)), lastMessagePreview: `Здравствуйте, вопрос ${i + 1}`,
      unreadCount: 0, createdAt: now, updatedAt: now,
    }));
    // Copies: on SQLite TypeORM reads the inserted rows back for their defaults and writes them over the objects it was given, in its own order.
    await db().getRepository(ConversationEntity).insert(rows.map((row) => ({ ...row })));
    const expected = [...rows]
      .sort((a, b) => b.lastMessageAt.getTime() - a.lastMessageAt.getTime() || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0))
      .map((c) => c.id);

    const paged = await allPages<ConversationDto>(`/api/conversations?inboxId=${inboxId}&limit=3`, (c) => `/api/conversations?inboxId=${inboxId}&limit=3&cursor=${c}`);

    expect(paged.pages).toBe(3);
    expect(paged.ids).toEqual(expected);
  });
});
