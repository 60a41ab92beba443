import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Channel, ConversationDto } from '@parley/contracts';
import { useCustomer } from '../customers/use-customer';
import { sendRules, type SendRules } from './send-rules';
import { inboxesQuery } from './use-directory';

const RULED: readonly Channel[] = ['sms', 'whatsapp', 'messenger', 'instagram'];

/**
 * The SMS/WhatsApp/Messenger/Instagram sending rules of the open conversation (null on other
 * channels), kept current: the customer (opt-outs arrive as customer.updated), the inbox
 * (templates) and the clock (WhatsApp's and Meta's windows).
 */
export function useSendRules(conversation: ConversationDto | null): SendRules | null {
  const relevant = !!conversation && RULED.includes(conversation.channel);
  const { customer } = useCustomer(relevant ? conversation!.customerId : null);
  const [now, setNow] = useState(() => Date.now());
  const inboxId = relevant ? conversation!.inboxId : null;
  const inboxes = useQuery({ ...inboxesQuery, enabled: inboxId !== null }).data;
  const inbox = inboxes?.find((i) => i.id === inboxId) ?? null;

  useEffect(() => {
    if (!relevant) return;
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, [relevant]);

  return relevant ? sendRules(conversation!, customer, inbox, now) : null;
}
