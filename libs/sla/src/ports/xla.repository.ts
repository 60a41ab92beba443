import type { NewTimelineEvent } from '@parley/customers';
import type { ConversationEntity, MessageSentimentEntity, TimelineEventEntity, XlaEventEntity, XlaPolicyEntity } from '@parley/persistence';

/** A breach is recorded in one transaction: the XLA event and its timeline row. */
export interface XlaUnitOfWork {
  insertEvent(event: XlaEventEntity): Promise<void>;
  appendTimeline(event: NewTimelineEvent): Promise<TimelineEventEntity>;
}

/** What the XLA use cases (policies, repeat contact, transfers, CSAT) read and write. */
export interface XlaRepository {
  transaction<T>(work: (tx: XlaUnitOfWork) => Promise<T>): Promise<T>;
  policies(): Promise<XlaPolicyEntity[]>;
  /** The team's own policy; with null, the default one. */
  policyOf(teamId: string | null): Promise<XlaPolicyEntity | null>;
  /** Inserts or replaces the row with this id. */
  savePolicy(row: XlaPolicyEntity): Promise<void>;
  /** Whether there was such a policy. */
  deletePolicy(id: string): Promise<boolean>;
  teamExists(id: string): Promise<boolean>;
  conversation(id: string): Promise<ConversationEntity | null>;
  insertEvent(event: XlaEventEntity): Promise<void>;
  /** The values of the team's CSAT answers since `since` (team null: answers of team-less conversations). */
  csatValues(teamId: string | null, since: Date): Promise<(number | null)[]>;
  /** The customer's most recently resolved other conversation, resolved at or after `since`. */
  lastResolvedOf(customerId: string, exceptConversationId: string, since: Date): Promise<ConversationEntity | null>;
  /** The sentiment stored for each of these messages that has one. */
  sentimentsOf(messageIds: string[]): Promise<MessageSentimentEntity[]>;
  /** When each of these messages was written. */
  messageTimes(messageIds: string[]): Promise<{ id: string; createdAt: Date }[]>;
}

export const XLA_REPOSITORY = Symbol('XLA_REPOSITORY');
