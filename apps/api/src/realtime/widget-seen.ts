import type { DataSource } from 'typeorm';
import { In, LessThanOrEqual } from 'typeorm';
import { isId } from '@parley/domain';
import type { OutboundService } from '@parley/conversations';
import { MessageEntity } from '@parley/persistence';

/** Read receipts go back this far at most: older replies were settled by earlier visits. */
const MAX_MARKED = 100;

/**
 * The visitor saw the agent's message `messageId`: it and the earlier replies of its conversation
 * become `read`, through the same status path as other channels' read receipts (forward only,
 * broadcast to the console as message.updated).
 */
export async function markSeen(
  db: DataSource,
  outbound: OutboundService,
  visitor: { inboxId: string; customerId: string },
  messageId: unknown,
): Promise<{ ok: boolean; error?: string }> {
  if (!isId(messageId)) return { ok: false, error: 'messageId must be a message id' };
  const repo = db.getRepository(MessageEntity);
  const seen = await repo.findOneBy({ id: messageId, customerId: visitor.customerId, inboxId: visitor.inboxId, direction: 'outbound', private: false });
  if (!seen) return { ok: false, error: 'Unknown message' };
  const unread = await repo.find({
    select: { id: true, providerMessageId: true },
    where: {
      conversationId: seen.conversationId,
      inboxId: visitor.inboxId,
      direction: 'outbound',
      private: false,
      deliveryStatus: In(['sent', 'delivered']),
      createdAt: LessThanOrEqual(seen.createdAt),
    },
    order: { createdAt: 'DESC' },
    take: MAX_MARKED,
  });
  for (const m of unread.reverse()) {
    await outbound.applyDeliveryStatus(visitor.inboxId, { providerMessageId: m.providerMessageId ?? m.id, status: 'read' });
  }
  return { ok: true };
}
