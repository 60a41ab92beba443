import { useEffect, useState } from 'react';
import { AGENT_EVENTS, type ConversationDto, type InboxDto, type MessageDto } from '@parley/contracts';
import { useAgentEvent } from '../../api/agent-socket';
import { parleyApi } from '../../api/parley-api';
import { useCustomer } from '../customers/use-customer';
import { sendRules, type SendRules } from './send-rules';

/** The SMS/WhatsApp sending rules of the open conversation (null on other channels), kept current. */
export function useSendRules(conversation: ConversationDto | null): SendRules | null {
  const relevant = conversation?.channel === 'sms' || conversation?.channel === 'whatsapp';
  const { customer } = useCustomer(relevant ? conversation.customerId : null);
  const [inbox, setInbox] = useState<InboxDto | null>(null);
  const [now, setNow] = useState(() => Date.now());
  // The STOP/START that changed the identity arrives as a message; the customer record follows later.
  const [keyword, setKeyword] = useState<{ conversationId: string; optedOut: boolean } | null>(null);
  const inboxId = relevant ? conversation.inboxId : null;

  useEffect(() => {
    if (!inboxId) return;
    let cancelled = false;
    parleyApi
      .listInboxes()
      .then((inboxes) => !cancelled && setInbox(inboxes.find((i) => i.id === inboxId) ?? null))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [inboxId]);

  useEffect(() => {
    if (!relevant) return;
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, [relevant]);

  useAgentEvent<MessageDto>(AGENT_EVENTS.messageCreated, (message) => {
    if (message.conversationId !== conversation?.id || message.direction !== 'inbound') return;
    const word = message.metadata?.keyword;
    if (word === 'stop' || word === 'start') setKeyword({ conversationId: message.conversationId, optedOut: word === 'stop' });
  });

  if (!relevant) return null;
  const rules = sendRules(conversation, customer, inbox, now);
  return keyword?.conversationId === conversation.id ? { ...rules, optedOut: keyword.optedOut } : rules;
}
