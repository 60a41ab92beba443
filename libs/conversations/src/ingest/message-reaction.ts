import { Inject, Injectable } from '@nestjs/common';
import { AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, type InboundMessage, type RealtimePublisher } from '@parley/channels-core';
import { applyReaction, storedReactions } from '@parley/domain';
import { toConversationDto, toMessageDto } from '../conversation.mapper';
import { INGEST_REPOSITORY, type IngestRepository } from '../ports/ingest.repository';
import type { IngestOutcome } from './ingest-result';

/**
 * A customer's reaction to a stored message (`InboundMessage.reacts`, Meta's `reaction` event), or
 * its removal: kept on that message's `metadata.reactions` (rules: libs/domain message-reactions),
 * shown by the console as a badge on it. No message, no unread count, no routing: agents are told
 * by `message.updated`. A re-delivered or outdated event changes nothing.
 */
@Injectable()
export class MessageReactions {
  constructor(@Inject(INGEST_REPOSITORY) private readonly repo: IngestRepository, @Inject(REALTIME) private readonly realtime: RealtimePublisher) {}

  async apply(inbound: InboundMessage & { reacts: NonNullable<InboundMessage['reacts']> }): Promise<IngestOutcome> {
    const event = {
      by: inbound.sender.externalId,
      emoji: inbound.reacts.emoji,
      at: (inbound.occurredAt ?? new Date()).toISOString(),
      id: inbound.providerMessageId,
    };
    const outcome = await this.repo.transaction(async (tx) => {
      const message = await tx.messageByProviderId(inbound.inboxId, inbound.reacts.to);
      if (!message) return null;
      const applied = applyReaction(storedReactions(message.metadata), event);
      const conversation = await tx.conversationOrFail(message.conversationId);
      if (!applied.changed) return { message, conversation, duplicate: true };
      const metadata = { ...(message.metadata ?? {}), reactions: applied.reactions };
      await tx.updateMessage(message.id, { metadata });
      return { message: Object.assign(message, { metadata }), conversation, duplicate: false };
    });
    // A reaction to a message Parley does not hold (sent before the inbox existed): nothing to show it on.
    if (!outcome) return { identityOnly: true, customerId: null, changed: false, duplicate: true };
    const customer = await this.repo.customer(outcome.conversation.customerId);
    const result = {
      message: toMessageDto(outcome.message),
      conversation: toConversationDto(outcome.conversation, customer ?? undefined),
      duplicate: outcome.duplicate,
    };
    if (!outcome.duplicate) this.realtime.toAgents(AGENT_EVENTS.messageUpdated, result.message);
    return result;
  }
}
