import { useEffect, useState } from 'react';
import type { ConversationDto, InboxDto } from '@parley/contracts';
import { parleyApi } from '../../api/parley-api';
import { useCustomer } from '../customers/use-customer';
import { sendRules, type SendRules } from './send-rules';

/**
 * The SMS/WhatsApp sending rules of the open conversation (null on other channels), kept current:
 * the customer (opt-outs arrive as customer.updated), the inbox (templates) and the clock (window).
 */
export function useSendRules(conversation: ConversationDto | null): SendRules | null {
  const relevant = conversation?.channel === 'sms' || conversation?.channel === 'whatsapp';
  const { customer } = useCustomer(relevant ? conversation.customerId : null);
  const [inbox, setInbox] = useState<InboxDto | null>(null);
  const [now, setNow] = useState(() => Date.now());
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

  return relevant ? sendRules(conversation, customer, inbox, now) : null;
}
