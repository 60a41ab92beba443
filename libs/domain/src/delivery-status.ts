/** Where an outbound message stands, in the order a provider reports it. */
export type DeliveryStatus = 'pending' | 'queued' | 'sent' | 'delivered' | 'read' | 'undelivered' | 'failed';

const RANK: Record<DeliveryStatus, number> = { pending: 0, queued: 1, sent: 2, delivered: 3, read: 4, undelivered: 5, failed: 5 };

/**
 * Providers report statuses out of order (a "sent" callback after "delivered"): a status only
 * applies when it moves the message forward, and a failure is final. The console applies the
 * same order from contracts' copy; tools/lint/domain-contracts.spec.ts keeps the two equal.
 */
export function advancesDelivery(current: DeliveryStatus, next: DeliveryStatus): boolean {
  if (current === 'failed' || current === 'undelivered') return false;
  return RANK[next] > RANK[current];
}
