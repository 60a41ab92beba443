import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { analyzeSentiment, type MessageSentimentFact } from '@parley/domain';
import { bulkInsert, MessageEntity, MessageSentimentEntity, runPrepared } from '@parley/persistence';

/** Sentiment and language of customers' messages, kept for routing's queue boost, XLA and the supervisor. */
@Injectable()
export class MessageSentimentService {
  constructor(private readonly db: DataSource) {}

  /**
   * Analyses the inbound messages among `messageIds` and stores one row each (a message analysed
   * before keeps its row): one read and one write for a whole group commit. Keyed by message id;
   * outbound and unknown messages are left out.
   */
  async analyze(messageIds: string[]): Promise<Map<string, MessageSentimentFact>> {
    const out = new Map<string, MessageSentimentFact>();
    if (messageIds.length === 0) return out;
    const messages = await this.db.getRepository(MessageEntity).find({
      select: { id: true, conversationId: true, direction: true, content: true },
      where: { id: In(messageIds) },
    });
    const now = new Date();
    const rows: MessageSentimentEntity[] = [];
    for (const message of messages) {
      if (message.direction !== 'inbound') continue;
      const result = analyzeSentiment(message.content ?? '');
      rows.push({ messageId: message.id, conversationId: message.conversationId, language: result.language, score: result.score, label: result.label, createdAt: now });
      out.set(message.id, { conversationId: message.conversationId, label: result.label, score: result.score, language: result.language });
    }
    if (rows.length === 0) return out;
    if (this.db.options.type === 'postgres') {
      // One statement whose text does not depend on the batch size.
      await runPrepared(this.db, 'parley_message_sentiments', bulkInsert(this.db, MessageSentimentEntity, rows, 'ON CONFLICT DO NOTHING'));
    } else {
      await this.db.createQueryBuilder().insert().into(MessageSentimentEntity).values(rows).orIgnore().updateEntity(false).execute();
    }
    return out;
  }
}
