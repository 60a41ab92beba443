import type { DataSource } from 'typeorm';
import { AGENT_EVENTS } from '@parley/contracts';
import type { InboundMessage, RealtimePublisher } from '@parley/channels-core';
import { ConversationEntity, CustomerEntity, MessageEntity, TimelineEventEntity, withTransaction } from '@parley/persistence';
import { toConversationDto, toMessageDto } from '../conversation.mapper';
import type { IngestResult, MessageEdit } from './ingest-result';

/** Edits of stored messages (Telegram's edited_message): the new content, the old one kept. */
export class MessageEdits {
  constructor(private readonly db: DataSource, private readonly realtime: RealtimePublisher) {}

  /**
   * An edit whose first version never reached us (sent before the inbox existed) stands in for it,
   * under the original's id so that later edits find it.
   */
  static asFirstVersion(inbound: InboundMessage, originalId: string): InboundMessage {
    const editedAt = (inbound.occurredAt ?? new Date()).toISOString();
    const edits: MessageEdit[] = [{ id: inbound.providerMessageId, content: null, editedAt }];
    return { ...inbound, providerMessageId: originalId, edits: undefined, metadata: { ...(inbound.metadata ?? {}), edits } };
  }

  /**
   * An edit of a stored message: it shows the new content and keeps the one it replaced in
   * `metadata.edits`; the timeline entry follows. Null when the edited message is not stored.
   */
  async apply(inbound: InboundMessage, originalId: string): Promise<IngestResult | null> {
    const outcome = await withTransaction(this.db, async (em) => {
      const message = await em.findOne(MessageEntity, { where: { inboxId: inbound.inboxId, providerMessageId: originalId } });
      if (!message) return null;
      const conversation = await em.findOneByOrFail(ConversationEntity, { id: message.conversationId });
      const edits: MessageEdit[] = Array.isArray(message.metadata?.edits) ? message.metadata!.edits : [];
      if (message.content === inbound.content || edits.some((e) => e.id === inbound.providerMessageId)) {
        return { message, conversation, duplicate: true };
      }
      const editedAt = inbound.occurredAt ?? new Date();
      const metadata = { ...(message.metadata ?? {}), edits: [...edits, { id: inbound.providerMessageId, content: message.content, editedAt: editedAt.toISOString() }] };
      await em.update(MessageEntity, { id: message.id }, { content: inbound.content, metadata, updatedAt: editedAt });
      await em.update(TimelineEventEntity, { messageId: message.id }, { content: inbound.content });
      return { message: Object.assign(message, { content: inbound.content, metadata }), conversation, duplicate: false };
    });
    if (!outcome) return null;
    const customer = await this.db.getRepository(CustomerEntity).findOneBy({ id: outcome.conversation.customerId });
    const result: IngestResult = {
      message: toMessageDto(outcome.message),
      conversation: toConversationDto(outcome.conversation, customer ?? undefined),
      duplicate: outcome.duplicate,
    };
    if (!outcome.duplicate) this.realtime.toAgents(AGENT_EVENTS.messageUpdated, result.message);
    return result;
  }
}
