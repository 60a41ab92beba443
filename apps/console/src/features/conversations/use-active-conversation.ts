import { useCallback, useEffect, useState } from 'react';
import { AGENT_EVENTS, type ConversationDto, type CustomerDto } from '@parley/contracts';
import { useAgentEvent, useAgentSocket } from '../../api/agent-socket';
import { parleyApi } from '../../api/parley-api';
import { withCustomer } from './conversation-list.reducer';

function isNewer(incoming: ConversationDto, current: ConversationDto | null): boolean {
  return !current || Date.parse(incoming.updatedAt) >= Date.parse(current.updatedAt);
}

/** The conversation open in the middle pane, kept current from socket events. */
export function useActiveConversation(conversationId: string | null) {
  const { epoch } = useAgentSocket();
  const [conversation, setConversation] = useState<ConversationDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setError(null);
    if (!conversationId) {
      setConversation(null);
      return;
    }
    let cancelled = false;
    setConversation((current) => (current?.id === conversationId ? current : null));
    parleyApi
      .getConversation(conversationId)
      .then((c) => !cancelled && setConversation(c))
      .catch((err: Error) => !cancelled && setError(err.message));
    return () => {
      cancelled = true;
    };
  }, [conversationId, epoch]);

  const apply = useCallback(
    (incoming: ConversationDto) => {
      if (incoming.id !== conversationId) return;
      setConversation((current) => (isNewer(incoming, current) ? incoming : current));
    },
    [conversationId],
  );

  useAgentEvent<ConversationDto>(AGENT_EVENTS.conversationUpdated, apply);
  useAgentEvent<CustomerDto>(AGENT_EVENTS.customerUpdated, (customer) =>
    setConversation((current) => (current?.customerId === customer.id ? withCustomer(current, customer) : current)),
  );

  return { conversation: conversation?.id === conversationId ? conversation : null, error, apply };
}
