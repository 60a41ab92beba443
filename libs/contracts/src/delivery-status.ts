import type { DeliveryStatus } from './index';

const RANK: Record<DeliveryStatus, number> = { pending: 0, queued: 1, sent: 2, delivered: 3, read: 4, undelivered: 5, failed: 5 };

/**
 * Providers report statuses out of order (a "sent" callback after "delivered"), and clients get
 * copies of a message out of order (an HTTP answer after the socket's update): a status only
 * applies when it moves the message forward, and a failure is final. Shared by the server and the
 * console so both read the order the same way.
 */
export function advancesDelivery(current: DeliveryStatus, next: DeliveryStatus): boolean {
  if (current === 'failed' || current === 'undelivered') return false;
  return RANK[next] > RANK[current];
}
