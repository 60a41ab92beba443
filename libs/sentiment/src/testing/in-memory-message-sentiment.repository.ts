import type { MessageSentimentEntity } from '@parley/persistence';
import type { MessageSentimentRepository, SentimentSource } from '../ports/message-sentiment.repository';

/** Messages and their sentiment rows in memory, for unit specs. */
export class InMemoryMessageSentimentRepository implements MessageSentimentRepository {
  messageRows = new Map<string, SentimentSource>();
  /** By message id. */
  sentiments = new Map<string, MessageSentimentEntity>();
  /** How many reads and writes the service made (it promises one of each per batch). */
  calls = { messages: 0, insertNew: 0 };

  async messages(ids: string[]) {
    this.calls.messages++;
    return ids.flatMap((id) => (this.messageRows.has(id) ? [{ ...this.messageRows.get(id)! }] : []));
  }

  async insertNew(rows: MessageSentimentEntity[]) {
    this.calls.insertNew++;
    for (const row of rows) if (!this.sentiments.has(row.messageId)) this.sentiments.set(row.messageId, { ...row });
  }
}
