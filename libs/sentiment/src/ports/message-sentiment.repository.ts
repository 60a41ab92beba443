import type { MessageEntity, MessageSentimentEntity } from '@parley/persistence';

export type SentimentSource = Pick<MessageEntity, 'id' | 'conversationId' | 'direction' | 'content'>;

/** The messages sentiment reads and the rows it keeps about them. */
export interface MessageSentimentRepository {
  /** The messages among `ids` that exist, in no particular order. */
  messages(ids: string[]): Promise<SentimentSource[]>;
  /** Stores the rows; a message that has its row already keeps it. */
  insertNew(rows: MessageSentimentEntity[]): Promise<void>;
}

export const MESSAGE_SENTIMENT_REPOSITORY = Symbol('MESSAGE_SENTIMENT_REPOSITORY');
