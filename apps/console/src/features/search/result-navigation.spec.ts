import type { SearchResponse } from '@parley/contracts';
import { moveActive, searchEntries } from './result-navigation';

describe('search result navigation', () => {
  const response = {
    messages: { items: [{ id: 'm1', conversationId: 'v1' }], nextCursor: null },
    conversations: { items: [{ id: 'v2', messageId: 'm9' }], nextCursor: null },
    customers: { items: [{ id: 'c1' }], nextCursor: null },
  } as unknown as SearchResponse;

  it('walks messages, then conversations, then customers, each to its target', () => {
    expect(searchEntries(response).map((e) => e.target)).toEqual([
      { kind: 'conversation', conversationId: 'v1', messageId: 'm1' },
      { kind: 'conversation', conversationId: 'v2', messageId: 'm9' },
      { kind: 'customer', customerId: 'c1' },
    ]);
  });

  it('has nothing to walk before the first answer', () => {
    expect(searchEntries(undefined)).toEqual([]);
  });

  it('moves with the arrows and wraps around the ends', () => {
    expect(moveActive(-1, 3, 1)).toBe(0);
    expect(moveActive(-1, 3, -1)).toBe(2);
    expect(moveActive(2, 3, 1)).toBe(0);
    expect(moveActive(0, 3, -1)).toBe(2);
    expect(moveActive(0, 0, 1)).toBe(-1);
  });
});
