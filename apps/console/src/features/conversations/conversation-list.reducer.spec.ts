import type { ConversationDto, CustomerDto, MessageDto } from '@parley/contracts';
import { DEFAULT_FILTER, type ConversationFilter } from './conversation-filter';
import {
  conversationListReducer,
  initialConversationListState,
  type ConversationListAction,
  type ConversationListState,
} from './conversation-list.reducer';

const minute = (n: number) => new Date(Date.UTC(2024, 0, 1, 12, n)).toISOString();

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

function message(conversationId: string, at: number, over: Partial<MessageDto> = {}): MessageDto {
  return {
    id: `m-${conversationId}-${at}`,
    conversationId,
    customerId: `cust-${conversationId}`,
    inboxId: 'inbox-1',
    channel: 'sms',
    direction: 'inbound',
    authorType: 'customer',
    authorId: null,
    authorName: null,
    content: `new text at ${at}`,
    private: false,
    attachments: [],
    deliveryStatus: 'delivered',
    deliveryError: null,
    metadata: null,
    clientMessageId: null,
    createdAt: minute(at),
    ...over,
  };
}

const ME = 'agent-1';

function loaded(items: ConversationDto[], nextCursor: string | null = null): ConversationListState {
  return run(initialConversationListState, [
    { type: 'refresh', requestId: 1, keepItems: false },
    { type: 'pageLoaded', requestId: 1, page: { items, nextCursor }, append: false },
  ]);
}

function run(state: ConversationListState, actions: ConversationListAction[]): ConversationListState {
  return actions.reduce(conversationListReducer, state);
}

const ids = (state: ConversationListState) => state.items.map((c) => c.id);
const changed = (c: ConversationDto, filter: ConversationFilter = DEFAULT_FILTER): ConversationListAction => ({
  type: 'conversationChanged',
  conversation: c,
  filter,
  meId: ME,
});

describe('conversation list reducer', () => {
  it('shows a new conversation at the top', () => {
    const state = run(loaded([conversation('a', 5), conversation('b', 3)]), [changed(conversation('c', 9))]);
    expect(ids(state)).toEqual(['c', 'a', 'b']);
  });

  it('moves a conversation to the top on a new inbound message and counts it unread', () => {
    const state = run(loaded([conversation('a', 5), conversation('b', 3)]), [
      { type: 'messageCreated', message: message('b', 8) },
    ]);
    expect(ids(state)).toEqual(['b', 'a']);
    expect(state.items[0].unreadCount).toBe(1);
    expect(state.items[0].lastMessagePreview).toBe('new text at 8');
  });

  it('does not count a message twice when the conversation update arrived first', () => {
    const state = run(loaded([conversation('a', 5), conversation('b', 3)]), [
      changed(conversation('b', 8, { unreadCount: 1 })),
      { type: 'messageCreated', message: message('b', 8) },
    ]);
    expect(state.items[0]).toMatchObject({ id: 'b', unreadCount: 1 });
  });

  it('does not count outbound replies or reorder on private notes', () => {
    const state = run(loaded([conversation('a', 5), conversation('b', 3)]), [
      { type: 'messageCreated', message: message('b', 6, { direction: 'outbound', authorType: 'agent' }) },
      { type: 'messageCreated', message: message('a', 7, { private: true, direction: 'outbound' }) },
    ]);
    expect(ids(state)).toEqual(['b', 'a']);
    expect(state.items.map((c) => c.unreadCount)).toEqual([0, 0]);
  });

  it('drops a conversation that leaves the filter and takes it back when it returns', () => {
    const start = loaded([conversation('a', 5), conversation('b', 3)]);
    const resolved = run(start, [changed(conversation('a', 5, { status: 'resolved', updatedAt: minute(10) }))]);
    expect(ids(resolved)).toEqual(['b']);
    const reopened = run(resolved, [changed(conversation('a', 5, { status: 'open', updatedAt: minute(11) }))]);
    expect(ids(reopened)).toEqual(['a', 'b']);
  });

  it('follows the assignee filter', () => {
    const mine: ConversationFilter = { ...DEFAULT_FILTER, assignee: 'mine' };
    const start = run(loaded([conversation('a', 5, { assigneeId: ME })]), []);
    const handedOver = run(start, [
      changed(conversation('a', 5, { assigneeId: 'agent-2', updatedAt: minute(6) }), mine),
      changed(conversation('b', 4, { assigneeId: ME }), mine),
    ]);
    expect(ids(handedOver)).toEqual(['b']);
  });

  it('ignores a stale update that arrives after a newer one', () => {
    const start = loaded([conversation('a', 5, { assigneeId: 'agent-2', updatedAt: minute(9) })]);
    const state = run(start, [changed(conversation('a', 5, { assigneeId: null, updatedAt: minute(7) }))]);
    expect(state.items[0].assigneeId).toBe('agent-2');
  });

  it('leaves rows older than the loaded window to the next page', () => {
    const start = loaded([conversation('a', 5), conversation('b', 3)], 'cursor-2');
    const state = run(start, [changed(conversation('old', 1))]);
    expect(ids(state)).toEqual(['a', 'b']);
    const next = run(state, [
      { type: 'loadMoreStarted' },
      { type: 'pageLoaded', requestId: 1, page: { items: [conversation('b', 3), conversation('old', 1)], nextCursor: null }, append: true },
    ]);
    expect(ids(next)).toEqual(['a', 'b', 'old']);
    expect(next.nextCursor).toBeNull();
  });

  it('drops the answer to a request made for a previous filter', () => {
    const state = run(initialConversationListState, [
      { type: 'refresh', requestId: 1, keepItems: false },
      { type: 'refresh', requestId: 2, keepItems: false },
      { type: 'pageLoaded', requestId: 1, page: { items: [conversation('stale', 5)], nextCursor: null }, append: false },
    ]);
    expect(state.items).toEqual([]);
    expect(state.loading).toBe(true);
  });

  it('replaces the rows after a reconnect refresh, without emptying the list meanwhile', () => {
    const start = loaded([conversation('a', 5), conversation('gone', 3)]);
    const refreshing = run(start, [{ type: 'refresh', requestId: 2, keepItems: true }]);
    expect(ids(refreshing)).toEqual(['a', 'gone']);
    const state = run(refreshing, [
      { type: 'pageLoaded', requestId: 2, page: { items: [conversation('a', 6)], nextCursor: null }, append: false },
    ]);
    expect(ids(state)).toEqual(['a']);
  });

  it('renames rows when their customer is edited', () => {
    const state = run(loaded([conversation('a', 5), conversation('b', 3)]), [
      {
        type: 'customerChanged',
        customer: { id: 'cust-b', name: 'Boris', email: 'b@example.com', phone: null } as CustomerDto,
      },
    ]);
    expect(state.items.map((c) => c.customer.name)).toEqual(['a', 'Boris']);
    expect(state.items[1].customer.email).toBe('b@example.com');
  });

  it('clears the unread badge when read', () => {
    const state = run(loaded([conversation('a', 5, { unreadCount: 4 })]), [{ type: 'markedRead', conversationId: 'a' }]);
    expect(state.items[0].unreadCount).toBe(0);
  });
});
