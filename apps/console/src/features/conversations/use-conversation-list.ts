import { useCallback, useEffect, useReducer, useRef } from 'react';
import { AGENT_EVENTS, type ConversationDto, type CustomerDto, type MessageDto } from '@parley/contracts';
import { useAgentEvent, useAgentSocket } from '../../api/agent-socket';
import { parleyApi } from '../../api/parley-api';
import { filterToQuery, type ConversationFilter } from './conversation-filter';
import { conversationListReducer, initialConversationListState } from './conversation-list.reducer';

const PAGE_SIZE = 25;

export function useConversationList(filter: ConversationFilter, meId: string) {
  const [state, dispatch] = useReducer(conversationListReducer, initialConversationListState);
  const { epoch } = useAgentSocket();
  const requestSeq = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;

  const load = useCallback(
    (keepItems: boolean) => {
      const requestId = ++requestSeq.current;
      dispatch({ type: 'refresh', requestId, keepItems });
      parleyApi
        .listConversations({ ...filterToQuery(filter), limit: PAGE_SIZE })
        .then((page) => dispatch({ type: 'pageLoaded', requestId, page, append: false }))
        .catch((err: Error) => dispatch({ type: 'loadFailed', requestId, error: err.message }));
    },
    [filter],
  );

  useEffect(() => load(false), [load]);

  const lastEpoch = useRef(epoch);
  useEffect(() => {
    if (epoch === lastEpoch.current) return;
    lastEpoch.current = epoch;
    load(true);
  }, [epoch, load]);

  const loadMore = useCallback(() => {
    const current = stateRef.current;
    if (!current.nextCursor || current.loading || current.loadingMore) return;
    const requestId = current.requestId;
    dispatch({ type: 'loadMoreStarted' });
    parleyApi
      .listConversations({ ...filterToQuery(filter), cursor: current.nextCursor, limit: PAGE_SIZE })
      .then((page) => dispatch({ type: 'pageLoaded', requestId, page, append: true }))
      .catch((err: Error) => dispatch({ type: 'loadFailed', requestId, error: err.message }));
  }, [filter]);

  const apply = useCallback(
    (conversation: ConversationDto) => dispatch({ type: 'conversationChanged', conversation, filter, meId }),
    [filter, meId],
  );

  const markedRead = useCallback((conversationId: string) => dispatch({ type: 'markedRead', conversationId }), []);

  useAgentEvent<ConversationDto>(AGENT_EVENTS.conversationCreated, apply);
  useAgentEvent<ConversationDto>(AGENT_EVENTS.conversationUpdated, apply);
  useAgentEvent<MessageDto>(AGENT_EVENTS.messageCreated, (message) => dispatch({ type: 'messageCreated', message }));
  useAgentEvent<CustomerDto>(AGENT_EVENTS.customerUpdated, (customer) => dispatch({ type: 'customerChanged', customer }));

  return { ...state, loadMore, apply, markedRead, reload: () => load(false) };
}
