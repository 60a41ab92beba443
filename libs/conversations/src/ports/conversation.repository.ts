import type { ConversationLabelDto } from '@parley/contracts';
import type { ConversationFilter } from '@parley/domain';
import type { CustomerEntity, ConversationEntity, MessageEntity, UserEntity } from '@parley/persistence';
import type { OutboxUnitOfWork } from './outbox.repository';

/** Keyset position: rows strictly before (at, id) in newest-first order. */
export interface KeysetCursor {
  at: Date;
  id: string;
}

/** A view's conditions with `me` resolved to a user id, plus what the api's own list narrows by. */
export interface ConversationQuery extends Omit<ConversationFilter, 'assigneeId'> {
  /** A user id, or null for unassigned. */
  assigneeId?: string | null;
  customerId?: string;
  /** Label ids: only conversations carrying every one of them. */
  labelIds?: string[];
  /** A user id: conversations that user follows as a collaborator (mentioned, or by choice). */
  followerId?: string;
}

/** A label as a conversation carries it, with the conversation it is on. */
export interface LabelOnConversation extends ConversationLabelDto {
  conversationId: string;
}

/** What the conversation use cases (list, read, status, assignment) read and write. */
export interface ConversationRepository {
  /** One transaction: the conversation's change and its timeline event (the same unit of work a reply uses). */
  transaction<T>(work: (tx: OutboxUnitOfWork) => Promise<T>): Promise<T>;
  conversation(id: string): Promise<ConversationEntity | null>;
  /** Those of these conversations that exist, in one read (a bulk page of picked ids). */
  conversationsById(ids: string[]): Promise<ConversationEntity[]>;
  /** Newest activity first, on (last_message_at, id): served by the conversation indexes. */
  listConversations(query: ConversationQuery, cursor: KeysetCursor | null, limit: number): Promise<ConversationEntity[]>;
  countConversations(query: ConversationQuery): Promise<number>;
  /** Newest first, on (created_at, id). */
  listMessages(conversationId: string, cursor: KeysetCursor | null, limit: number): Promise<MessageEntity[]>;
  updateConversation(id: string, changes: Partial<ConversationEntity>): Promise<void>;
  customers(ids: string[]): Promise<CustomerEntity[]>;
  /** The labels of these conversations in one read (the `conversation_labels` rows), oldest first per conversation. */
  labelsOf(conversationIds: string[]): Promise<LabelOnConversation[]>;
  user(id: string): Promise<UserEntity | null>;
  teamExists(id: string): Promise<boolean>;
}

export const CONVERSATION_REPOSITORY = Symbol('CONVERSATION_REPOSITORY');
