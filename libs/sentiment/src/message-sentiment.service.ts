import { Inject, Injectable } from '@nestjs/common';
import { analyzeSentiment, type MessageSentimentFact } from '@parley/domain';
import type { MessageSentimentEntity } from '@parley/persistence';
import { MESSAGE_SENTIMENT_REPOSITORY, type MessageSentimentRepository } from './ports/message-sentiment.repository';

/** Sentiment and language of customers' messages, kept for routing's queue boost, XLA and the supervisor. */
@Injectable()
export class MessageSentimentService {
  constructor(@Inject(MESSAGE_SENTIMENT_REPOSITORY) private readonly repo: MessageSentimentRepository) {}

  /**
   * Analyses the inbound messages among `messageIds` and stores one row each (a message analysed
   * before keeps its row): one read and one write for a whole group commit. Keyed by message id;
   * outbound and unknown messages are left out.
   */
  async analyze(messageIds: string[]): Promise<Map<string, MessageSentimentFact>> {
    const out = new Map<string, MessageSentimentFact>();
    if (messageIds.length === 0) return out;
    const messages = await this.repo.messages(messageIds);
    const now = new Date();
    const rows: MessageSentimentEntity[] = [];
    for (const message of messages) {
      if (message.direction !== 'inbound') continue;
      const result = analyzeSentiment(message.content ?? '');
      rows.push({ messageId: message.id, conversationId: message.conversationId, language: result.language, score: result.score, label: result.label, createdAt: now });
      out.set(message.id, { conversationId: message.conversationId, label: result.label, score: result.score, language: result.language });
    }
    if (rows.length) await this.repo.insertNew(rows);
    return out;
  }
}
