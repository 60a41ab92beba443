import type { InboundPlan, SenderPlan } from '@parley/domain';
import type { ConversationEntity, CustomerEntity, MessageEntity } from '@parley/persistence';

/**
 * A transaction another capability joins (identity resolution, conversation hooks). Opaque to the
 * use cases; the TypeORM repository knows it as its EntityManager.
 */
export type HeldIngestTransaction = object;

/** One transaction of the one-by-one ingest pipeline: a message, an edit; committed together or not at all. */
export interface IngestUnitOfWork {
  /** This transaction, for identity resolution and conversation hooks to join. */
  readonly held: HeldIngestTransaction;
  /** Fails (EntityNotFoundError on TypeORM) when there is no such conversation. */
  conversationOrFail(id: string): Promise<ConversationEntity>;
  /** The conversation, when it belongs to this inbox. */
  conversationInInbox(id: string, inboxId: string): Promise<ConversationEntity | null>;
  /** The customer's newest conversation in this inbox. */
  latestConversation(customerId: string, inboxId: string): Promise<ConversationEntity | null>;
  /** The conversation of the newest stored message carrying one of these provider ids in this inbox. */
  newestConversationIdOf(inboxId: string, providerMessageIds: string[]): Promise<string | null>;
  messageByProviderId(inboxId: string, providerMessageId: string): Promise<MessageEntity | null>;
  updateMessage(id: string, changes: Partial<MessageEntity>): Promise<void>;
  /** The content shown by the message's timeline event. */
  updateTimelineContent(messageId: string, content: string | null): Promise<void>;
  /** The plans' rows, by the IngestWriter's rules, inside this transaction. */
  write(plans: InboundPlan[]): Promise<void>;
  /** An identity-only update's rows (the identity's changes, the customer's filled blanks). */
  updateSender(plan: SenderPlan): Promise<void>;
}

/** What the one-by-one ingest pipeline (store-one, edits, phone links) reads and writes. */
export interface IngestRepository {
  /** PostgreSQL runs group commits side by side; SQLite has one writer. */
  readonly kind: 'postgres' | 'sqlite';
  transaction<T>(work: (tx: IngestUnitOfWork) => Promise<T>): Promise<T>;
  messageByProviderId(inboxId: string, providerMessageId: string): Promise<MessageEntity | null>;
  conversationOrFail(id: string): Promise<ConversationEntity>;
  customer(id: string): Promise<CustomerEntity | null>;
  /** Customer ids of SMS and WhatsApp identities of this E.164 number. */
  phoneIdentityOwners(phone: string): Promise<string[]>;
  /** Live customers holding this phone from a proven source (PROVEN_SOURCES). */
  provenPhoneOwners(phone: string): Promise<string[]>;
}

export const INGEST_REPOSITORY = Symbol('INGEST_REPOSITORY');
