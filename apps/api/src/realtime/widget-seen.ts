import { isId } from '@parley/domain';
import type { DeliveryStatusService } from '@parley/conversations';
import type { VisitorScope, WidgetVisitorRepository } from './ports/widget-visitor.repository';

/** Read receipts go back this far at most: older replies were settled by earlier visits. */
const MAX_MARKED = 100;

/**
 * The visitor saw the agent's message `messageId`: it and the earlier replies of its conversation
 * become `read`, through the same queued status path as other channels' read receipts (forward
 * only, broadcast to the console as message.updated). Queued, because the widget gets a reply
 * before its send is recorded: a receipt for a still-`pending` reply waits in the queue for it.
 */
export async function markSeen(
  repo: WidgetVisitorRepository,
  deliveryStatus: DeliveryStatusService,
  visitor: VisitorScope,
  messageId: unknown,
): Promise<{ ok: boolean; error?: string }> {
  if (!isId(messageId)) return { ok: false, error: 'messageId must be a message id' };
  const seen = await repo.reply(visitor, messageId);
  if (!seen) return { ok: false, error: 'Unknown message' };
  const unread = await repo.unreadRepliesUpTo(seen, visitor.inboxId, MAX_MARKED);
  // Web chat's provider id is the message id (the adapter's room emit has no other).
  if (unread.length) await deliveryStatus.queueDeliveryStatus(visitor.inboxId, unread.reverse().map((m) => ({ providerMessageId: m.providerMessageId ?? m.id, status: 'read' as const })));
  return { ok: true };
}
