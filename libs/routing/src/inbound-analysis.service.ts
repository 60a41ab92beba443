import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Sentiment } from '@parley/contracts';
import { oneStatement } from '@parley/conversations';
import { analyzeSentiment, boostFor } from '@parley/domain';
import { bulkInsert, ConversationRoutingEntity, CustomerEntity, MessageEntity, MessageSentimentEntity, runPrepared } from '@parley/persistence';

/** What a new inbound message updates on an existing routing row (the rest, e.g. transfers, stays). */
const ROUTING_COLUMNS = ['language', 'sentiment', 'sentiment_score', 'boost', 'updated_at'];
const ROUTING_UPSERT = `ON CONFLICT ("conversation_id") DO UPDATE SET ${ROUTING_COLUMNS.map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ')}`;

export interface InboundAnalysis {
  sentiment: Sentiment;
  language: string;
  conversationId: string;
}

/** Sentiment and language of new inbound messages, kept for the queue boost, XLA and the supervisor. */
@Injectable()
export class InboundAnalysisService {
  constructor(private readonly db: DataSource) {}

  async analyzeInbound(messageId: string): Promise<InboundAnalysis | null> {
    return (await this.analyzeInboundMany([messageId])).get(messageId) ?? null;
  }

  /**
   * `analyzeInbound` for several messages (one group commit's): one read, and on PostgreSQL one
   * statement for every sentiment row and routing upsert. Keyed by message id; outbound and
   * unknown messages are left out.
   */
  async analyzeInboundMany(messageIds: string[]): Promise<Map<string, InboundAnalysis>> {
    const out = new Map<string, InboundAnalysis>();
    if (messageIds.length === 0) return out;
    // The messages with their customers (for the VIP boost) in one read: this runs for every inbound message.
    const messages = await this.db.getRepository(MessageEntity).createQueryBuilder('m')
      .leftJoinAndMapOne('m.customer', CustomerEntity, 'c', 'c.id = m.customerId')
      .where('m.id IN (:...messageIds)', { messageIds })
      .getMany() as (MessageEntity & { customer?: CustomerEntity })[];
    const now = new Date();
    const sentiments: MessageSentimentEntity[] = [];
    // One routing row per conversation (an upsert may not touch a row twice): the latest message's.
    const routing = new Map<string, ConversationRoutingEntity>();
    for (const message of messages.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
      if (message.direction !== 'inbound') continue;
      const result = analyzeSentiment(message.content ?? '');
      const boost = boostFor(message.customer ?? {}, result.label);
      sentiments.push({ messageId: message.id, conversationId: message.conversationId, language: result.language, score: result.score, label: result.label, createdAt: now });
      routing.set(message.conversationId, {
        conversationId: message.conversationId, language: result.language, sentiment: result.label, sentimentScore: result.score, boost,
        transfers: 0, queuedAt: null, updatedAt: now,
      });
      out.set(message.id, { sentiment: result.label, language: result.language, conversationId: message.conversationId });
    }
    if (sentiments.length === 0) return out;
    if (this.db.options.type === 'postgres') {
      // One statement whose text does not depend on the batch size.
      await runPrepared(this.db, 'parley_sentiments_batch', oneStatement([
        bulkInsert(this.db, MessageSentimentEntity, sentiments, 'ON CONFLICT DO NOTHING'),
        bulkInsert(this.db, ConversationRoutingEntity, [...routing.values()], ROUTING_UPSERT),
      ]));
    } else {
      await this.db.createQueryBuilder().insert().into(MessageSentimentEntity).values(sentiments).orIgnore().updateEntity(false).execute();
      // One upsert: the conversation's routing row is created by its first message and kept current after.
      await this.db.createQueryBuilder().insert().into(ConversationRoutingEntity).values([...routing.values()])
        .orUpdate(ROUTING_COLUMNS, ['conversation_id']).updateEntity(false).execute();
    }
    return out;
  }
}
