import { QueryClient } from '@tanstack/react-query';
import type { BulkOperationDto, ConversationDto } from '@parley/contracts';
import { applyAgentEvent } from '../../app/live-cache';
import { queryKeys } from '../../app/query-keys';

// No garbage-collection timers (nothing observes these queries) and the burst timers under test control.
const newClient = () => new QueryClient({ defaultOptions: { queries: { gcTime: Infinity } } });
beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  jest.clearAllTimers();
  jest.useRealTimers();
});

const conversation = (id: string): ConversationDto =>
  ({ id, customerId: `cust-${id}`, status: 'open', priority: 'urgent', updatedAt: '2026-12-07T10:00:00Z' }) as ConversationDto;

describe('saved views in the live cache', () => {
  it('re-reads the view counts and open view lists once per second of conversation changes, not once per change', () => {
    const client = newClient();
    client.setQueryData(queryKeys.viewCounts, { v1: 3 });
    client.setQueryData(queryKeys.viewConversations('v1'), { pages: [], pageParams: [] });
    for (let i = 0; i < 50; i += 1) applyAgentEvent(client, 'conversation.updated', conversation(`c${i}`));
    jest.advanceTimersByTime(999);
    expect(client.getQueryState(queryKeys.viewCounts)?.isInvalidated).toBe(false);
    jest.advanceTimersByTime(1);
    expect(client.getQueryState(queryKeys.viewCounts)?.isInvalidated).toBe(true);
    expect(client.getQueryState(queryKeys.viewConversations('v1'))?.isInvalidated).toBe(true);
  });

  it('keeps a bulk operation’s progress from bulk.progress', () => {
    const client = newClient();
    const progress = { id: 'op1', state: 'running', total: 1200, done: 300, failed: 0 } as BulkOperationDto;
    applyAgentEvent(client, 'bulk.progress', progress);
    expect(client.getQueryData(queryKeys.bulkOperation('op1'))).toEqual(progress);
  });
});
