import { BadRequestException } from '@nestjs/common';
import type { SearchResponse, SearchSort } from '@parley/contracts';
import { PREVIEW_LIMIT, SearchService } from './search.service';
import { type FakeConversation, InMemorySearchIndex } from './testing/in-memory-search-index';

const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const at = (minute: number) => new Date(Date.UTC(2026, 0, 10, 12, minute));

function setup() {
  const index = new InMemorySearchIndex();
  const conversation = (n: number, over: Partial<FakeConversation> = {}): FakeConversation => ({
    id: id(100 + n), customer: { id: id(200 + n), name: `Клиент ${n}` }, inboxId: id(1), channel: 'telegram', status: 'open', assigneeId: null, teamId: null, lastMessageAt: at(n), ...over,
  });
  const texts = ['Где мой заказ?', 'Заказы не приходят', 'Отмените заказ, пожалуйста', 'Спасибо, всё хорошо', 'Оформил два заказа', 'Заказ пришёл', 'Верните деньги, заказ сломан'];
  texts.forEach((content, n) => index.messages.push({ id: id(n + 1), conversation: conversation(n, n === 6 ? { channel: 'email', status: 'resolved' } : {}), direction: 'inbound', content, createdAt: at(n) }));
  index.customers.push({ id: id(300), name: 'Пётр Заказов', email: null, phone: '+79991234567', updatedAt: at(1) });
  return { index, search: new SearchService(index) };
}

async function badRequest(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(() => null, (e) => e);
  expect(err).toBeInstanceOf(BadRequestException);
  return err.message;
}

describe('SearchService', () => {
  it('answers a few hits of every type when no type is asked for', async () => {
    const { index, search } = setup();
    const res = await search.search({ q: 'заказы', filters: {} });
    expect(res.messages!.items).toHaveLength(PREVIEW_LIMIT);
    expect(res.messages!.nextCursor).toEqual(expect.any(String));
    expect(res.conversations!.items).toHaveLength(PREVIEW_LIMIT);
    expect(res.customers!.items.map((c) => c.id)).toEqual([id(300)]);
    expect(index.calls.map((c) => [c.type, c.limit])).toEqual([['messages', 6], ['conversations', 6], ['customers', 6]]);
  });

  it('answers only the group asked for, with its snippet marked', async () => {
    const { search } = setup();
    const res = await search.search({ q: 'ОТМЕНИТЕ', type: 'messages', filters: {} });
    expect(Object.keys(res)).toEqual(['messages']);
    expect(res.messages!.items.map((m) => m.snippet)).toEqual(['<mark>Отмените</mark> заказ, пожалуйста']);
  });

  it.each<SearchSort>(['relevance', 'newest'])('pages by %s without losing or repeating a hit', async (sort) => {
    const { search } = setup();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res: SearchResponse = await search.search({ q: 'заказ', type: 'messages', sort, limit: 2, filters: {}, cursor });
      seen.push(...res.messages!.items.map((m) => m.id));
      cursor = res.messages!.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    if (sort === 'newest') expect(seen).toEqual([id(7), id(6), id(5), id(3), id(2), id(1)]);
  });

  it('takes the type and order from a cursor and refuses a cursor of another type or order', async () => {
    const { search } = setup();
    const first = await search.search({ q: 'заказ', type: 'conversations', sort: 'newest', limit: 1, filters: {} });
    const cursor = first.conversations!.nextCursor!;
    const next = await search.search({ q: 'заказ', cursor, limit: 1, filters: {} });
    expect(Object.keys(next)).toEqual(['conversations']);
    expect(next.conversations!.items[0].id).not.toBe(first.conversations!.items[0].id);
    expect(await badRequest(search.search({ q: 'заказ', type: 'messages', cursor, filters: {} }))).toMatch(/cursor/);
    expect(await badRequest(search.search({ q: 'заказ', sort: 'relevance', cursor, filters: {} }))).toMatch(/cursor/);
  });

  it('passes the filters to the index', async () => {
    const { index, search } = setup();
    const res = await search.search({ q: 'заказ', type: 'messages', filters: { channel: 'email', status: 'resolved' } });
    expect(res.messages!.items.map((m) => m.id)).toEqual([id(7)]);
    expect(index.calls[0].filters).toEqual({ channel: 'email', status: 'resolved' });
  });

  it('finds a customer by a phone written any way', async () => {
    const { search } = setup();
    const res = await search.search({ q: '8 (999) 123-45-67', type: 'customers', filters: {} });
    expect(res.customers!.items).toMatchObject([{ id: id(300), matchedField: 'phone' }]);
  });

  it('answers no hits, without asking the index, for a query of operators only', async () => {
    const { index, search } = setup();
    for (const q of [`'`, '&', '|', '!', ':*', '\\', '"', '"&|"']) {
      const res = await search.search({ q, filters: {} });
      expect(res).toEqual({ messages: { items: [], nextCursor: null }, conversations: { items: [], nextCursor: null }, customers: { items: [], nextCursor: null } });
    }
    expect(index.calls).toEqual([]);
  });

  it('refuses an empty or too long query, a bad limit, a bad cursor and an empty date range', async () => {
    const { search } = setup();
    expect(await badRequest(search.search({ q: '   ', filters: {} }))).toMatch(/empty/);
    expect(await badRequest(search.search({ q: 'я'.repeat(501), filters: {} }))).toMatch(/500/);
    expect(await badRequest(search.search({ q: 'заказ', limit: 0, filters: {} }))).toMatch(/limit/);
    expect(await badRequest(search.search({ q: 'заказ', limit: 51, filters: {} }))).toMatch(/limit/);
    expect(await badRequest(search.search({ q: 'заказ', cursor: 'not-a-cursor', filters: {} }))).toMatch(/cursor/);
    expect(await badRequest(search.search({ q: 'заказ', cursor: Buffer.from('["messages","newest",1,"2026-01-01T00:00:00Z","1 OR 1=1"]').toString('base64url'), filters: {} }))).toMatch(/cursor/);
    expect(await badRequest(search.search({ q: 'заказ', filters: { from: at(5), to: at(5) } }))).toMatch(/before/);
  });
});
