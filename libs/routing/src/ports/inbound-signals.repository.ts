import type { ConversationRoutingEntity, CustomerEntity, MessageEntity, MessageSentimentEntity } from '@parley/persistence';

/** A message with its customer, read together for the VIP boost. */
export type MessageWithCustomer = MessageEntity & { customer?: CustomerEntity };

/** What inbound analysis reads and writes: the messages' sentiments and their conversations' routing rows. */
export interface InboundSignalsRepository {
  /** The sentiment listener's stored results for these messages (a retry of routing alone). */
  storedSentiments(messageIds: string[]): Promise<MessageSentimentEntity[]>;
  /** The messages with their customers, in one read: this runs for every inbound message. */
  messagesWithCustomers(messageIds: string[]): Promise<MessageWithCustomer[]>;
  /**
   * Creates each conversation's routing row, or updates its language, sentiment, score, boost and
   * updated_at (transfers and queued_at stay). At most one row per conversation.
   */
  upsertSignals(rows: ConversationRoutingEntity[]): Promise<void>;
}

export const INBOUND_SIGNALS_REPOSITORY = Symbol('INBOUND_SIGNALS_REPOSITORY');
