import type { CustomerEntity, MessageEntity } from '@parley/persistence';

export interface VisitorScope {
  inboxId: string;
  customerId: string;
}

/** What the `/widget` gateway reads and writes for a visitor: their customer, history, surveys and read receipts. */
export interface WidgetVisitorRepository {
  /** The live customer of a returning web chat visitor; null for a new one (nothing is created). */
  knownCustomerId(visitorId: string): Promise<string | null>;
  /** Creates the visitor's identity and customer (under `customerId` unless resolution finds one), in one transaction; the customer's id. */
  createVisitorCustomer(visitorId: string, customerId: string): Promise<string>;
  customer(id: string): Promise<CustomerEntity | null>;
  /** The visitor's public messages in the inbox, newest first. */
  history(visitor: VisitorScope, limit: number): Promise<MessageEntity[]>;
  /** The conversation of the visitor's latest message in the inbox, private notes included. */
  lastConversationId(visitor: VisitorScope): Promise<string | null>;
  /** Of these surveys, the ones still waiting for a score. */
  openSurveyIds(ids: string[]): Promise<string[]>;
  /** The agent's public reply `messageId` to this visitor. */
  reply(visitor: VisitorScope, messageId: string): Promise<MessageEntity | null>;
  /** Public replies of the conversation not yet read, sent up to `seen` (it included), newest first. */
  unreadRepliesUpTo(seen: MessageEntity, inboxId: string, limit: number): Promise<Pick<MessageEntity, 'id' | 'providerMessageId' | 'createdAt'>[]>;
}

export const WIDGET_VISITOR_REPOSITORY = Symbol('WIDGET_VISITOR_REPOSITORY');
