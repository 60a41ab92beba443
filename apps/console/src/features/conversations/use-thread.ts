import { useCallback, useEffect, useReducer, useRef } from 'react';
import { AGENT_EVENTS, type MessageDto, type ReplyExtrasDto } from '@parley/contracts';
import { useAgentEvent, useAgentSocket } from '../../api/agent-socket';
import { parleyApi } from '../../api/parley-api';
import { initialThreadState, threadReducer } from './thread.reducer';

const PAGE_SIZE = 30;

export function useThread(conversationId: string | null) {
  const [state, dispatch] = useReducer(threadReducer, initialThreadState);
  const { epoch } = useAgentSocket();
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    if (!conversationId) return;
    dispatch({ type: 'opened', conversationId });
  }, [conversationId]);

  useEffect(() => {
    if (!conversationId) return;
    parleyApi
      .listMessages(conversationId, null, PAGE_SIZE)
      .then((page) => dispatch({ type: 'pageLoaded', conversationId, page, older: false }))
      .catch((err: Error) => dispatch({ type: 'loadFailed', conversationId, error: err.message }));
  }, [conversationId, epoch]);

  const loadOlder = useCallback(() => {
    const current = stateRef.current;
    const id = current.conversationId;
    if (!id || !current.olderCursor || current.loading || current.loadingOlder) return;
    dispatch({ type: 'loadOlderStarted' });
    parleyApi
      .listMessages(id, current.olderCursor, PAGE_SIZE)
      .then((page) => dispatch({ type: 'pageLoaded', conversationId: id, page, older: true }))
      .catch((err: Error) => dispatch({ type: 'loadFailed', conversationId: id, error: err.message }));
  }, []);

  const receive = useCallback((message: MessageDto) => dispatch({ type: 'messageReceived', message }), []);
  useAgentEvent<MessageDto>(AGENT_EVENTS.messageCreated, receive);
  useAgentEvent<MessageDto>(AGENT_EVENTS.messageUpdated, receive);

  const send = useCallback(
    async (content: string, isPrivate: boolean, extra?: ReplyExtrasDto) => {
      if (!conversationId) return;
      const message = await parleyApi.sendMessage(conversationId, content, isPrivate, extra);
      receive(message);
    },
    [conversationId, receive],
  );

  return { ...state, loadOlder, send };
}
