import type { DataSource } from 'typeorm';
import { In, LessThanOrEqual } from 'typeorm';
import { isId } from '@parley/domain';
import type { DeliveryStatusService } from '@parley/conversations';
import { MessageEntity } from '@parley/persistence';

/** Read receipts go back this far at most: older replies were settled by earlier visits. */
const MAX_MARKED = 100;

/**
 * The visitor saw the agent's message `messageId`: it and the earlier replies of its conversation
 * become `read`, through the same queued status path as other channels' read receipts (forward
 * only, broadcast to the console as message.updated). Queued, because the widget gets a reply
 * before its send is recorded: a receipt for a still-`pending` reply waits in the queue for it.
 */
export async function markSeen(
  db: DataSource,
  deliveryStatus: DeliveryStatusService,
  visitor: { inboxId: string; customerId: string },
  messageId: unknown,
): Promise<{ ok: boolean; error?: string }> {
  if (!isId(messageId)) return { ok: false, error: 'messageId must be a message id' };
  const repo = db.getRepository(MessageEntity);
  const seen = await repo.findOneBy({ id: messageId, customerId: visitor.customerId, inboxId: visitor.inboxId, direction: 'outbound', private: false });
  if (!seen) return { ok: false, error: 'Unknown message' };
  const unread = await repo.find({
    select: { id: true, providerMessageId: true, createdAt: true },
    where: {
      conversationId: seen.conversationId,
      inboxId: visitor.inboxId,
      direction: 'outbound',
      private: false,
      deliveryStatus: In(['pending', 'queued', 'sent', 'delivered']),
      createdAt: LessThanOrEqual(seen.createdAt),
    },
    order: { createdAt: 'DESC' },
    take: MAX_MARKED,
  });
  // Web chat's provider id is the message id (the adapter's room emit has no other).
  if (unread.length) await deliveryStatus.queueDeliveryStatus(visitor.inboxId, unread.reverse().map((m) => ({ providerMessageId: m.providerMessageId ?? m.id, status: 'read' as const })));
  return { ok: true };
}
