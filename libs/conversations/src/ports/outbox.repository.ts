import type { Channel, DeliveryStatus } from '@parley/contracts';
import type { NewTimelineEvent } from '@parley/customers';
import type { ChannelIdentityEntity, ConversationEntity, InboxEntity, MessageEntity, TimelineEventEntity } from '@parley/persistence';

/** What one reply writes together: the outbox row, its timeline event and the conversation's new state. */
export interface OutboxUnitOfWork {
  conversation(id: string): Promise<ConversationEntity | null>;
  insertMessage(message: MessageEntity): Promise<void>;
  appendTimeline(event: NewTimelineEvent): Promise<TimelineEventEntity>;
  updateConversation(id: string, changes: Partial<ConversationEntity>): Promise<void>;
}

/** A conditional update: it only applies while the row still looks like this. */
export interface MessageGuard {
  deliveryStatus?: DeliveryStatus;
  /** Only while the provider has not given the message an id (nothing went out). */
  unsent?: boolean;
}

/** The outbox (outbound message rows) and what sending and status reports read around it. */
export interface OutboxRepository {
  /** One transaction (unit of work) for the writes of one reply. */
  transaction<T>(work: (tx: OutboxUnitOfWork) => Promise<T>): Promise<T>;
  message(id: string): Promise<MessageEntity | null>;
  conversation(id: string): Promise<ConversationEntity | null>;
  inbox(id: string): Promise<InboxEntity | null>;
  /** The customer's newest identity on the channel: the one a reply goes to. */
  latestIdentity(customerId: string, channel: Channel): Promise<ChannelIdentityEntity | null>;
  updateIdentity(id: string, changes: Partial<ChannelIdentityEntity>): Promise<void>;
  /** Whether a row matched (the guard held). */
  updateMessage(id: string, changes: Partial<MessageEntity>, guard?: MessageGuard): Promise<boolean>;
  /** Provider ids of the conversation's public messages before this one, newest first (threading headers). */
  earlierProviderIds(message: MessageEntity, limit: number): Promise<string[]>;
  /** The customer's last message before this one (quoted in an email reply). */
  lastInboundBefore(message: MessageEntity): Promise<MessageEntity | null>;
  /** Which of these provider ids another message of the inbox already carries. */
  providerIdsTaken(inboxId: string, ids: string[], exceptMessageId: string): Promise<string[]>;
  /** Public outbound rows still pending since before `before`. */
  stalePending(before: Date, limit: number): Promise<string[]>;
  byProviderId(inboxId: string, providerMessageId: string): Promise<MessageEntity | null>;
  /**
   * The inbox's public outbound messages to the customer whose identity is `recipient` (externalId),
   * created at or before `at`, still in one of `statuses`, newest first: what a read or delivery
   * watermark (Meta) reports on.
   */
  sentUpTo(inboxId: string, recipient: string, at: Date, statuses: DeliveryStatus[], limit: number): Promise<MessageEntity[]>;
  /** Sent messages the provider has not reported on since `updatedBefore` (and not older than `createdAfter`), oldest report first. */
  silent(channel: Channel, updatedBefore: Date, createdAfter: Date, limit: number): Promise<MessageEntity[]>;
}

export const OUTBOX_REPOSITORY = Symbol('OUTBOX_REPOSITORY');
