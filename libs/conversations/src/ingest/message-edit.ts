import { Inject, Injectable } from '@nestjs/common';
import { AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, type InboundMessage, type RealtimePublisher } from '@parley/channels-core';
import { toConversationDto, toMessageDto } from '../conversation.mapper';
import { INGEST_REPOSITORY, type IngestRepository } from '../ports/ingest.repository';
import type { IngestResult, MessageEdit } from './ingest-result';

/** Edits of stored messages (Telegram's edited_message): the new content, the old one kept. */
@Injectable()
export class MessageEdits {
  constructor(@Inject(INGEST_REPOSITORY) private readonly repo: IngestRepository, @Inject(REALTIME) private readonly realtime: RealtimePublisher) {}

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
    const outcome = await this.repo.transaction(async (tx) => {
      const message = await tx.messageByProviderId(inbound.inboxId, originalId);
      if (!message) return null;
      const conversation = await tx.conversationOrFail(message.conversationId);
      const edits: MessageEdit[] = Array.isArray(message.metadata?.edits) ? message.metadata!.edits : [];
      if (message.content === inbound.content || edits.some((e) => e.id === inbound.providerMessageId)) {
        return { message, conversation, duplicate: true };
      }
      const editedAt = inbound.occurredAt ?? new Date();
      const metadata = { ...(message.metadata ?? {}), edits: [...edits, { id: inbound.providerMessageId, content: message.content, editedAt: editedAt.toISOString() }] };
      await tx.updateMessage(message.id, { content: inbound.content, metadata, updatedAt: editedAt });
      await tx.updateTimelineContent(message.id, inbound.content);
      return { message: Object.assign(message, { content: inbound.content, metadata }), conversation, duplicate: false };
    });
    if (!outcome) return null;
    const customer = await this.repo.customer(outcome.conversation.customerId);
    const result: IngestResult = {
      message: toMessageDto(outcome.message),
      conversation: toConversationDto(outcome.conversation, customer ?? undefined),
      duplicate: outcome.duplicate,
    };
    if (!outcome.duplicate) this.realtime.toAgents(AGENT_EVENTS.messageUpdated, result.message);
    return result;
  }
}
