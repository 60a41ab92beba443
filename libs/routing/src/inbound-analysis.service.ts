import { Inject, Injectable } from '@nestjs/common';
import { boostFor, type MessageSentimentFact } from '@parley/domain';
import type { ConversationRoutingEntity } from '@parley/persistence';
import { INBOUND_SIGNALS_REPOSITORY, type InboundSignalsRepository } from './ports/inbound-signals.repository';

/**
 * What routing takes from a customer's new message: its language and sentiment (the sentiment
 * listener's) and the customer's VIP boost, kept on the conversation's routing row for the queue
 * order and the skills match.
 */
@Injectable()
export class InboundAnalysisService {
  constructor(@Inject(INBOUND_SIGNALS_REPOSITORY) private readonly repo: InboundSignalsRepository) {}

  /**
   * Updates the routing rows of the messages' conversations, each from its latest message: one
   * read and one write for a group commit. `sentiments` by message id, as the sentiment listener
   * handed them on; without them (a retry of routing alone) the stored ones are read.
   */
  async recordSignals(messageIds: string[], sentiments?: ReadonlyMap<string, MessageSentimentFact>): Promise<void> {
    if (messageIds.length === 0) return;
    const known = sentiments ?? (await this.storedSentiments(messageIds));
    const analysed = messageIds.filter((id) => known.has(id));
    if (analysed.length === 0) return;
    const messages = await this.repo.messagesWithCustomers(analysed);
    const now = new Date();
    // One routing row per conversation (an upsert may not touch a row twice): the latest message's.
    const routing = new Map<string, ConversationRoutingEntity>();
    for (const message of messages.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
      const s = known.get(message.id)!;
      routing.set(message.conversationId, {
        conversationId: message.conversationId, language: s.language, sentiment: s.label, sentimentScore: s.score,
        boost: boostFor(message.customer ?? {}, s.label), transfers: 0, queuedAt: null, updatedAt: now,
      });
    }
    if (routing.size === 0) return;
    await this.repo.upsertSignals([...routing.values()]);
  }

  private async storedSentiments(messageIds: string[]): Promise<Map<string, MessageSentimentFact>> {
    const rows = await this.repo.storedSentiments(messageIds);
    return new Map(rows.map((r) => [r.messageId, { conversationId: r.conversationId, label: r.label, score: r.score, language: r.language }]));
  }
}
