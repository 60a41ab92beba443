import { advancesDelivery, type MessageDto, type Page } from '@parley/contracts';
import { mergeItems, oldestFirst } from '../../api/page-merge';

export interface ThreadState {
  conversationId: string | null;
  /** Oldest first, as displayed. */
  messages: MessageDto[];
  olderCursor: string | null;
  loading: boolean;
  loadingOlder: boolean;
  error: string | null;
}

export type ThreadAction =
  | { type: 'opened'; conversationId: string }
  | { type: 'loadOlderStarted' }
  | { type: 'pageLoaded'; conversationId: string; page: Page<MessageDto>; older: boolean }
  | { type: 'loadFailed'; conversationId: string; error: string }
  | { type: 'messageReceived'; message: MessageDto };

export const initialThreadState: ThreadState = {
  conversationId: null,
  messages: [],
  olderCursor: null,
  loading: false,
  loadingOlder: false,
  error: null,
};

export const compareMessages = oldestFirst<MessageDto>(
  (m) => m.createdAt,
  (m) => m.id,
);

/**
 * Copies of one message arrive out of order (the reply's HTTP answer after the socket's delivery
 * updates, a page read before a status callback): the newer copy wins, but never moves the
 * delivery status back.
 */
export function preferDeliveryProgress(current: MessageDto, incoming: MessageDto): MessageDto {
  if (current.deliveryStatus === incoming.deliveryStatus || advancesDelivery(current.deliveryStatus, incoming.deliveryStatus)) return incoming;
  return { ...incoming, deliveryStatus: current.deliveryStatus, deliveryError: current.deliveryError };
}

const merge = (current: MessageDto[], incoming: MessageDto[]) =>
  mergeItems(current, incoming, { id: (m) => m.id, compare: compareMessages, prefer: preferDeliveryProgress });

export function threadReducer(state: ThreadState, action: ThreadAction): ThreadState {
  switch (action.type) {
    case 'opened':
      return { ...initialThreadState, conversationId: action.conversationId, loading: true };

    case 'loadOlderStarted':
      return { ...state, loadingOlder: true };

    case 'pageLoaded':
      if (action.conversationId !== state.conversationId) return state;
      return {
        ...state,
        // Pages come newest first; live messages that arrived during the request are kept.
        messages: merge(state.messages, action.page.items),
        // A refresh of the first page must not forget how far back the agent already scrolled.
        olderCursor: action.older || state.loading ? action.page.nextCursor : state.olderCursor,
        loading: false,
        loadingOlder: false,
        error: null,
      };

    case 'loadFailed':
      if (action.conversationId !== state.conversationId) return state;
      return { ...state, loading: false, loadingOlder: false, error: action.error };

    case 'messageReceived':
      // message.updated carries the full message (delivery status), so an upsert covers both events.
      if (action.message.conversationId !== state.conversationId) return state;
      return { ...state, messages: merge(state.messages, [action.message]) };
  }
}
