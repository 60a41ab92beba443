import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { boostFor, type MessageSentimentFact } from '@parley/domain';
import { bulkInsert, ConversationRoutingEntity, CustomerEntity, MessageEntity, MessageSentimentEntity, runPrepared } from '@parley/persistence';

/** What a new inbound message updates on an existing routing row (the rest, e.g. transfers, stays). */
const ROUTING_COLUMNS = ['language', 'sentiment', 'sentiment_score', 'boost', 'updated_at'];
const ROUTING_UPSERT = `ON CONFLICT ("conversation_id") DO UPDATE SET ${ROUTING_COLUMNS.map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ')}`;

/**
 * What routing takes from a customer's new message: its language and sentiment (the sentiment
 * listener's) and the customer's VIP boost, kept on the conversation's routing row for the queue
 * order and the skills match.
 */
@Injectable()
export class InboundAnalysisService {
  constructor(private readonly db: DataSource) {}

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
    // The messages with their customers (for the VIP boost) in one read: this runs for every inbound message.
    const messages = await this.db.getRepository(MessageEntity).createQueryBuilder('m')
      .leftJoinAndMapOne('m.customer', CustomerEntity, 'c', 'c.id = m.customerId')
      .where('m.id IN (:...analysed)', { analysed })
      .getMany() as (MessageEntity & { customer?: CustomerEntity })[];
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
    if (this.db.options.type === 'postgres') {
      // One statement whose text does not depend on the batch size.
      await runPrepared(this.db, 'parley_routing_signals', bulkInsert(this.db, ConversationRoutingEntity, [...routing.values()], ROUTING_UPSERT));
    } else {
      // One upsert: the conversation's routing row is created by its first message and kept current after.
      await this.db.createQueryBuilder().insert().into(ConversationRoutingEntity).values([...routing.values()])
        .orUpdate(ROUTING_COLUMNS, ['conversation_id']).updateEntity(false).execute();
    }
  }

  private async storedSentiments(messageIds: string[]): Promise<Map<string, MessageSentimentFact>> {
    const rows = await this.db.getRepository(MessageSentimentEntity).findBy({ messageId: In(messageIds) });
    return new Map(rows.map((r) => [r.messageId, { conversationId: r.conversationId, label: r.label, score: r.score, language: r.language }]));
  }
}
