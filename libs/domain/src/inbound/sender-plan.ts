import type { RowUpdate } from './inbound-plan';
import { senderUpdates, type CustomerChanges, type CustomerState, type IdentityChanges, type IdentityState, type SenderFacts } from './sender-updates';

/**
 * What an identity-only update writes (a provider event about the sender that is no message: a Viber
 * subscription or unsubscription, a deep link the customer opened the chat with): the identity's
 * changes and the customer's blanks filled, nothing else — no message, no conversation, no timeline.
 */
export interface SenderPlan {
  identityUpdate: RowUpdate<IdentityChanges> | null;
  customerUpdate: RowUpdate<CustomerChanges & { updatedAt: Date }> | null;
}

export function planSenderUpdate(input: {
  inbound: SenderFacts;
  customer: CustomerState & { id: string };
  identity: IdentityState & { id: string };
  now: Date;
}): SenderPlan {
  const { inbound, customer, identity, now } = input;
  const sender = senderUpdates(inbound, customer, identity);
  return {
    identityUpdate: sender.identity ? { id: identity.id, set: sender.identity } : null,
    customerUpdate: sender.customer
      ? { id: customer.id, set: { ...sender.customer, updatedAt: now }, ...(sender.customer.attributes ? { fillIn: ['attributes'] as const } : {}) }
      : null,
  };
}

/**
 * Whether an identity-only update about a sender Parley has never seen is worth a customer record:
 * only when it tells something about them (a name, a contact detail, an attribute such as where they
 * came from). An opt-out from someone never seen introduces nobody, and stores nothing.
 */
export function introducesSender(inbound: SenderFacts): boolean {
  const fill = inbound.customerFill;
  if (!fill) return false;
  const filled = (v: unknown) => typeof v === 'string' ? v.trim().length > 0 : v != null;
  return filled(fill.name) || filled(fill.email) || filled(fill.phone) || Object.keys(fill.attributes ?? {}).length > 0;
}
