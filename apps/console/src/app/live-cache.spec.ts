import { QueryClient } from '@tanstack/react-query';
import type { ConversationDto, ConversationSlaDto, CustomerDto, MergeSuggestionDto, MessageDto, TimelineEventDto } from '@parley/contracts';
import type { Pages } from '../api/page-merge';
import { DEFAULT_FILTER, type ConversationFilter } from '../features/conversations/conversation-filter';
import { conversationRows } from '../features/conversations/conversation-list-rules';
import { threadMessages } from '../features/conversations/thread-rules';
import { timelineItems } from '../features/customers/timeline-rules';
import { applyAgentEvent, conversationRead, messageArrived, refreshAfterReconnect } from './live-cache';
import { queryKeys } from './query-keys';

// No garbage-collection timers (nothing observes these queries) and the burst timers under test control.
const newClient = () => new QueryClient({ defaultOptions: { queries: { gcTime: Infinity } } });
beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  jest.clearAllTimers();
  jest.useRealTimers();
});

const minute = (n: number) => new Date(Date.UTC(2024, 0, 1, 12, n)).toISOString();
const ME = 'agent-1';

function conversation(id: string, at: number, over: Partial<ConversationDto> = {}): ConversationDto {
  return {
    id,
    customerId: `cust-${id}`,
    customer: { id: `cust-${id}`, name: id, email: null, phone: null },
    inboxId: 'inbox-1',
    channel: 'sms',
    status: 'open',
    assigneeId: null,
    teamId: null,
    priority: 'normal',
    snoozedUntil: null,
    firstResponseAt: null,
    resolvedAt: null,
    lastMessageAt: minute(at),
    lastMessagePreview: `hello from ${id}`,
    lastInboundAt: minute(at),
    unreadCount: 0,
    metadata: null,
    createdAt: minute(0),
    updatedAt: minute(at),
    ...over,
  };
}

const message = (conversationId: string, id: string, at: number, over: Partial<MessageDto> = {}): MessageDto =>
  ({
    id,
    conversationId,
    direction: 'inbound',
    authorType: 'customer',
    content: `Привет в ${at}`,
    private: false,
    deliveryStatus: 'sent',
    deliveryError: null,
    createdAt: minute(at),
    ...over,
  }) as MessageDto;

const pages = <T>(...list: { items: T[]; nextCursor: string | null }[]): Pages<T> => ({
  pages: list,
  pageParams: list.map((_, n) => (n === 0 ? null : `cursor-${n}`)),
});

function clientWithList(items: ConversationDto[], nextCursor: string | null = null, filter: ConversationFilter = DEFAULT_FILTER) {
  const client = newClient();
  client.setQueryData(queryKeys.conversationList(filter, ME), pages({ items, nextCursor }));
  return client;
}

const rows = (client: QueryClient, filter: ConversationFilter = DEFAULT_FILTER) =>
  conversationRows(client.getQueryData<Pages<ConversationDto>>(queryKeys.conversationList(filter, ME)));
const ids = (client: QueryClient, filter?: ConversationFilter) => rows(client, filter).map((c) => c.id);

describe('live cache: conversation lists', () => {
  it('shows a new conversation at the top', () => {
    const client = clientWithList([conversation('a', 5), conversation('b', 3)]);
    applyAgentEvent(client, 'conversation.created', conversation('c', 9));
    expect(ids(client)).toEqual(['c', 'a', 'b']);
  });

  it('moves a conversation to the top on a new inbound message and counts it unread', () => {
    const client = clientWithList([conversation('a', 5), conversation('b', 3)]);
    applyAgentEvent(client, 'message.created', message('b', 'm1', 8));
    expect(ids(client)).toEqual(['b', 'a']);
    expect(rows(client)[0]).toMatchObject({ unreadCount: 1, lastMessagePreview: 'Привет в 8' });
  });

  it('does not count a message twice when the conversation update arrived first', () => {
    const client = clientWithList([conversation('a', 5), conversation('b', 3)]);
    applyAgentEvent(client, 'conversation.updated', conversation('b', 8, { unreadCount: 1 }));
    applyAgentEvent(client, 'message.created', message('b', 'm1', 8));
    expect(rows(client)[0]).toMatchObject({ id: 'b', unreadCount: 1 });
  });

  it('does not count outbound replies or reorder on private notes', () => {
    const client = clientWithList([conversation('a', 5), conversation('b', 3)]);
    applyAgentEvent(client, 'message.created', message('b', 'm1', 6, { direction: 'outbound', authorType: 'agent' }));
    applyAgentEvent(client, 'message.created', message('a', 'm2', 7, { private: true, direction: 'outbound' }));
    expect(ids(client)).toEqual(['b', 'a']);
    expect(rows(client).map((c) => c.unreadCount)).toEqual([0, 0]);
  });

  it('drops a conversation that leaves the filter and takes it back when it returns', () => {
    const client = clientWithList([conversation('a', 5), conversation('b', 3)]);
    applyAgentEvent(client, 'conversation.updated', conversation('a', 5, { status: 'resolved', updatedAt: minute(10) }));
    expect(ids(client)).toEqual(['b']);
    applyAgentEvent(client, 'conversation.updated', conversation('a', 5, { status: 'open', updatedAt: minute(11) }));
    expect(ids(client)).toEqual(['a', 'b']);
  });

  it("follows each list's own filter and agent", () => {
    const mine: ConversationFilter = { ...DEFAULT_FILTER, assignee: 'mine' };
    const client = clientWithList([conversation('a', 5, { assigneeId: ME })], null, mine);
    client.setQueryData(queryKeys.conversationList(DEFAULT_FILTER, ME), pages({ items: [conversation('a', 5, { assigneeId: ME })], nextCursor: null }));
    applyAgentEvent(client, 'conversation.updated', conversation('a', 5, { assigneeId: 'agent-2', updatedAt: minute(6) }));
    applyAgentEvent(client, 'conversation.created', conversation('b', 4, { assigneeId: ME }));
    expect(ids(client, mine)).toEqual(['b']);
    expect(ids(client)).toEqual(['a', 'b']);
  });

  it('ignores a stale update that arrives after a newer one', () => {
    const client = clientWithList([conversation('a', 5, { assigneeId: 'agent-2', updatedAt: minute(9) })]);
    applyAgentEvent(client, 'conversation.updated', conversation('a', 5, { assigneeId: null, updatedAt: minute(7) }));
    expect(rows(client)[0].assigneeId).toBe('agent-2');
  });

  it('leaves rows older than the loaded window to the next page', () => {
    const client = clientWithList([conversation('a', 5), conversation('b', 3)], 'cursor-2');
    applyAgentEvent(client, 'conversation.created', conversation('old', 1));
    expect(ids(client)).toEqual(['a', 'b']);
  });

  it('updates a row in whichever page holds it, and keeps one copy of a row two pages hold', () => {
    const client = newClient();
    const key = queryKeys.conversationList(DEFAULT_FILTER, ME);
    client.setQueryData(key, pages({ items: [conversation('a', 5), conversation('b', 4)], nextCursor: 'c1' }, { items: [conversation('b', 4), conversation('c', 2)], nextCursor: null }));
    applyAgentEvent(client, 'message.created', message('c', 'm1', 9));
    expect(ids(client)).toEqual(['c', 'a', 'b']);
    expect(client.getQueryData<Pages<ConversationDto>>(key)?.pages.map((p) => p.items.length)).toEqual([2, 2]);
  });

  it('renames rows and the open conversation when their customer is edited', () => {
    const client = clientWithList([conversation('a', 5), conversation('b', 3)]);
    client.setQueryData(queryKeys.conversation('b'), conversation('b', 3));
    applyAgentEvent(client, 'customer.updated', { id: 'cust-b', name: 'Борис', email: 'b@example.com', phone: null, updatedAt: minute(9) } as CustomerDto);
    expect(rows(client).map((c) => c.customer.name)).toEqual(['a', 'Борис']);
    expect(client.getQueryData<ConversationDto>(queryKeys.conversation('b'))?.customer.email).toBe('b@example.com');
  });

  it('clears the unread badge when read', () => {
    const client = clientWithList([conversation('a', 5, { unreadCount: 4 })]);
    conversationRead(client, 'a');
    expect(rows(client)[0].unreadCount).toBe(0);
  });

  it('keeps the open conversation at its newest copy', () => {
    const client = newClient();
    client.setQueryData(queryKeys.conversation('a'), conversation('a', 5, { status: 'resolved', updatedAt: minute(9) }));
    applyAgentEvent(client, 'conversation.updated', conversation('a', 5, { status: 'open', updatedAt: minute(7) }));
    expect(client.getQueryData<ConversationDto>(queryKeys.conversation('a'))?.status).toBe('resolved');
    applyAgentEvent(client, 'conversation.updated', conversation('a', 5, { status: 'open', updatedAt: minute(10) }));
    expect(client.getQueryData<ConversationDto>(queryKeys.conversation('a'))?.status).toBe('open');
  });
});

describe('live cache: the thread', () => {
  const opened = () => {
    const client = newClient();
    client.setQueryData(queryKeys.messages('c1'), pages({ items: [message('c1', 'm3', 3), message('c1', 'm2', 2)], nextCursor: 'older' }));
    return client;
  };
  const thread = (client: QueryClient) => threadMessages(client.getQueryData<Pages<MessageDto>>(queryKeys.messages('c1')));

  it('appends a live message once, even when the send response and the event both deliver it', () => {
    const client = opened();
    const reply = message('c1', 'm4', 4, { direction: 'outbound' });
    messageArrived(client, reply, false);
    applyAgentEvent(client, 'message.created', reply);
    expect(thread(client).map((m) => m.id)).toEqual(['m2', 'm3', 'm4']);
  });

  it('updates the delivery status in place', () => {
    const client = opened();
    applyAgentEvent(client, 'message.updated', message('c1', 'm3', 3, { deliveryStatus: 'delivered' }));
    expect(thread(client).map((m) => m.deliveryStatus)).toEqual(['sent', 'delivered']);
  });

  it("keeps a carrier's refusal when the reply's HTTP answer (still pending) arrives after it", () => {
    const client = opened();
    const pending = message('c1', 'm4', 4, { direction: 'outbound', deliveryStatus: 'pending' });
    applyAgentEvent(client, 'message.created', pending);
    applyAgentEvent(client, 'message.updated', { ...pending, deliveryStatus: 'undelivered', deliveryError: 'Blocked by carrier filtering (Twilio 30007)' });
    messageArrived(client, pending, false);
    expect(thread(client).find((m) => m.id === 'm4')).toMatchObject({ deliveryStatus: 'undelivered', deliveryError: 'Blocked by carrier filtering (Twilio 30007)' });
  });

  it('leaves the threads of other conversations alone and keeps the older cursor', () => {
    const client = opened();
    applyAgentEvent(client, 'message.created', message('c2', 'x', 9));
    expect(thread(client).map((m) => m.id)).toEqual(['m2', 'm3']);
    expect(client.getQueryData(queryKeys.messages('c2'))).toBeUndefined();
    expect(client.getQueryData<Pages<MessageDto>>(queryKeys.messages('c1'))?.pages[0].nextCursor).toBe('older');
  });
});

describe('live cache: customers, timelines, suggestions, clocks', () => {
  const customer = (over: Partial<CustomerDto> = {}) => ({ id: 'cust-1', name: 'Анна', email: null, phone: null, mergedIntoId: null, updatedAt: minute(5), ...over }) as CustomerDto;

  it('writes a customer edit into the customer shown, but not an older copy', () => {
    const client = newClient();
    client.setQueryData(queryKeys.customer('cust-1'), customer());
    applyAgentEvent(client, 'customer.updated', customer({ name: 'Анна Петрова', updatedAt: minute(6) }));
    applyAgentEvent(client, 'customer.updated', customer({ name: 'stale', updatedAt: minute(4) }));
    expect(client.getQueryData<CustomerDto>(queryKeys.customer('cust-1'))?.name).toBe('Анна Петрова');
  });

  it('renames a customer in the directory from a live edit', () => {
    const client = newClient();
    const listing = { query: '', sort: 'name', channel: '', tag: '', segmentId: '' } as const;
    client.setQueryData(queryKeys.customerDirectory(listing), pages({ items: [customer()], nextCursor: null }));
    applyAgentEvent(client, 'customer.updated', customer({ name: 'Анна Петрова', updatedAt: minute(6) }));
    expect(client.getQueryData<{ pages: { items: CustomerDto[] }[] }>(queryKeys.customerDirectory(listing))?.pages[0].items[0].name).toBe('Анна Петрова');
  });

  it('re-reads a customer shown once it is merged into another', () => {
    const client = newClient();
    // The query was asked for a merged record and holds its survivor.
    client.setQueryData(queryKeys.customer('old-id'), customer());
    applyAgentEvent(client, 'customer.updated', customer({ mergedIntoId: 'cust-2', updatedAt: minute(6) }));
    expect(client.getQueryState(queryKeys.customer('old-id'))?.isInvalidated).toBe(true);
  });

  it("adds a timeline event to its customer's timeline, newest first, once", () => {
    const client = newClient();
    const event = (id: string, at: number) => ({ id, customerId: 'cust-1', type: 'note', title: id, occurredAt: minute(at) }) as TimelineEventDto;
    client.setQueryData(queryKeys.timeline('cust-1'), pages({ items: [event('e2', 2)], nextCursor: null }));
    client.setQueryData(queryKeys.timeline('cust-9'), pages({ items: [], nextCursor: null }));
    applyAgentEvent(client, 'timeline.created', event('e3', 3));
    applyAgentEvent(client, 'timeline.created', event('e3', 3));
    expect(timelineItems(client.getQueryData(queryKeys.timeline('cust-1'))).map((e) => e.id)).toEqual(['e3', 'e2']);
    expect(timelineItems(client.getQueryData(queryKeys.timeline('cust-9')))).toEqual([]);
  });

  it('re-reads the records of both customers of a merge made elsewhere, and only theirs', () => {
    const client = newClient();
    for (const id of ['target', 'source', 'other']) {
      client.setQueryData(queryKeys.customer(id), customer({ id }));
      client.setQueryData(queryKeys.timeline(id), pages({ items: [], nextCursor: null }));
    }
    applyAgentEvent(client, 'customer.merged', { id: 'merge-1', targetCustomerId: 'target', sourceCustomerId: 'source' });
    const stale = (key: readonly unknown[]) => client.getQueryState(key)?.isInvalidated;
    expect([stale(queryKeys.customer('target')), stale(queryKeys.timeline('source')), stale(queryKeys.customer('other'))]).toEqual([true, true, false]);
  });

  it('adds a new merge suggestion to the lists it concerns', () => {
    const client = newClient();
    const suggestion = { id: 's1', customer: { id: 'cust-1' }, duplicate: { id: 'cust-2' }, createdAt: minute(5) } as MergeSuggestionDto;
    client.setQueryData(queryKeys.mergeSuggestions(null, 50), []);
    client.setQueryData(queryKeys.mergeSuggestions('cust-2', 50), []);
    client.setQueryData(queryKeys.mergeSuggestions('cust-3', 50), []);
    applyAgentEvent(client, 'merge_suggestion.created', suggestion);
    const count = (customerId: string | null) => client.getQueryData<MergeSuggestionDto[]>(queryKeys.mergeSuggestions(customerId, 50))?.length;
    expect([count(null), count('cust-2'), count('cust-3')]).toEqual([1, 1, 0]);
  });

  it("keeps a conversation's SLA clocks from sla.updated", () => {
    const client = newClient();
    const state = { conversationId: 'c1', breached: false } as ConversationSlaDto;
    applyAgentEvent(client, 'sla.updated', state);
    expect(client.getQueryData(queryKeys.sla('c1'))).toEqual(state);
  });

  it('re-reads the supervisor queue once a burst of events is over, not once per event', () => {
    const client = newClient();
    client.setQueryData(queryKeys.supervisorQueue, { waiting: 0 });
    applyAgentEvent(client, 'presence.updated', { userId: 'agent-2', status: 'online' });
    applyAgentEvent(client, 'conversation.created', conversation('a', 5));
    expect(client.getQueryState(queryKeys.supervisorQueue)?.isInvalidated).toBe(false);
    jest.runOnlyPendingTimers();
    expect(client.getQueryState(queryKeys.supervisorQueue)?.isInvalidated).toBe(true);
  });

  it('marks everything live stale after a reconnect, since events were missed', () => {
    const client = clientWithList([conversation('a', 5)]);
    client.setQueryData(queryKeys.sla('c1'), { conversationId: 'c1' });
    refreshAfterReconnect(client);
    expect(client.getQueryState(queryKeys.conversationList(DEFAULT_FILTER, ME))?.isInvalidated).toBe(true);
    expect(client.getQueryState(queryKeys.sla('c1'))?.isInvalidated).toBe(true);
  });
});
