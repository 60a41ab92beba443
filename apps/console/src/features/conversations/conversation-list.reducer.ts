import type { ConversationDto, CustomerDto, MessageDto, Page } from '@parley/contracts';
import { mergeItems, newestFirst, preferLatest } from '../../api/page-merge';
import { matchesFilter, type ConversationFilter } from './conversation-filter';

export interface ConversationListState {
  items: ConversationDto[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  /** Responses from an earlier request (a previous filter) are dropped when this has moved on. */
  requestId: number;
  /** A reconnect refresh keeps showing the old rows until the fresh page replaces them. */
  replaceOnLoad: boolean;
}

export type ConversationListAction =
  | { type: 'refresh'; requestId: number; keepItems: boolean }
  | { type: 'loadMoreStarted' }
  | { type: 'pageLoaded'; requestId: number; page: Page<ConversationDto>; append: boolean }
  | { type: 'loadFailed'; requestId: number; error: string }
  | { type: 'conversationChanged'; conversation: ConversationDto; filter: ConversationFilter; meId: string }
  | { type: 'messageCreated'; message: MessageDto }
  | { type: 'markedRead'; conversationId: string }
  | { type: 'customerChanged'; customer: CustomerDto };

export const initialConversationListState: ConversationListState = {
  items: [],
  nextCursor: null,
  loading: true,
  loadingMore: false,
  error: null,
  requestId: 0,
  replaceOnLoad: false,
};

/** The api's order: most recent activity first. */
export const compareConversations = newestFirst<ConversationDto>(
  (c) => c.lastMessageAt,
  (c) => c.id,
);

const byId = (c: ConversationDto) => c.id;

function later(a: string, b: string): boolean {
  return Date.parse(a) > Date.parse(b);
}

export function conversationListReducer(
  state: ConversationListState,
  action: ConversationListAction,
): ConversationListState {
  switch (action.type) {
    case 'refresh':
      return {
        ...state,
        items: action.keepItems ? state.items : [],
        nextCursor: action.keepItems ? state.nextCursor : null,
        loading: !action.keepItems,
        loadingMore: false,
        error: null,
        requestId: action.requestId,
        replaceOnLoad: action.keepItems,
      };

    case 'loadMoreStarted':
      return { ...state, loadingMore: true };

    case 'pageLoaded': {
      if (action.requestId !== state.requestId) return state;
      const base = action.append || !state.replaceOnLoad ? state.items : [];
      return {
        ...state,
        // Rows that live events brought in while the page was in flight are merged, newest copy winning.
        items: mergeItems(base, action.page.items, { id: byId, compare: compareConversations, prefer: preferLatest }),
        nextCursor: action.page.nextCursor,
        loading: false,
        loadingMore: false,
        error: null,
        replaceOnLoad: false,
      };
    }

    case 'loadFailed':
      if (action.requestId !== state.requestId) return state;
      return { ...state, loading: false, loadingMore: false, error: action.error };

    case 'conversationChanged':
      return applyConversation(state, action.conversation, action.filter, action.meId);

    case 'messageCreated':
      return applyMessage(state, action.message);

    case 'customerChanged': {
      // The api does not re-send conversations when only their customer's name or email changes.
      const { customer } = action;
      if (!state.items.some((c) => c.customerId === customer.id)) return state;
      return {
        ...state,
        items: state.items.map((c) => (c.customerId === customer.id ? withCustomer(c, customer) : c)),
      };
    }

    case 'markedRead':
      return {
        ...state,
        items: state.items.map((c) => (c.id === action.conversationId && c.unreadCount ? { ...c, unreadCount: 0 } : c)),
      };
  }
}

export function withCustomer(conversation: ConversationDto, customer: CustomerDto): ConversationDto {
  const { id, name, email, phone } = customer;
  return { ...conversation, customer: { id, name, email, phone } };
}

function applyConversation(
  state: ConversationListState,
  incoming: ConversationDto,
  filter: ConversationFilter,
  meId: string,
): ConversationListState {
  const existing = state.items.find((c) => c.id === incoming.id);
  if (existing && later(existing.updatedAt, incoming.updatedAt)) return state;

  if (!matchesFilter(incoming, filter, meId)) {
    return existing ? { ...state, items: state.items.filter((c) => c.id !== incoming.id) } : state;
  }

  // Below the last loaded row while more pages exist: the next page will bring it, in place.
  const last = state.items[state.items.length - 1];
  if (!existing && state.nextCursor !== null && last && compareConversations(incoming, last) > 0) return state;

  // A message event may have moved the row forward already; an update about something else must
  // not move it back.
  const conversation =
    existing && later(existing.lastMessageAt, incoming.lastMessageAt)
      ? { ...incoming, lastMessageAt: existing.lastMessageAt, lastMessagePreview: existing.lastMessagePreview }
      : incoming;

  return { ...state, items: mergeItems(state.items, [conversation], { id: byId, compare: compareConversations }) };
}

function applyMessage(state: ConversationListState, message: MessageDto): ConversationListState {
  if (message.private) return state;
  const existing = state.items.find((c) => c.id === message.conversationId);
  // Already reflected: the conversation update for this message arrived first.
  if (!existing || !later(message.createdAt, existing.lastMessageAt)) return state;
  const updated: ConversationDto = {
    ...existing,
    lastMessageAt: message.createdAt,
    lastMessagePreview: message.content,
    unreadCount: existing.unreadCount + (message.direction === 'inbound' ? 1 : 0),
  };
  return { ...state, items: mergeItems(state.items, [updated], { id: byId, compare: compareConversations }) };
}
