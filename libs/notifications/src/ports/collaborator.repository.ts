import type { CollaboratorReason } from '@parley/contracts';
import type { ConversationCollaboratorEntity } from '@parley/persistence';

export interface CollaboratorRow extends ConversationCollaboratorEntity {
  name: string;
}

/** Agents following a conversation. */
export interface CollaboratorRepository {
  /** Oldest first, with the agents' names. */
  list(conversationId: string): Promise<CollaboratorRow[]>;
  /** Who follows each of the conversations (no names), in one read. */
  followers(conversationIds: readonly string[]): Promise<{ conversationId: string; userId: string }[]>;
  /** Adds the users not following yet; returns the ids added now. */
  add(conversationId: string, userIds: string[], addedBy: string | null, reason: CollaboratorReason, at: Date): Promise<string[]>;
  /** False when the user was not following. */
  remove(conversationId: string, userId: string): Promise<boolean>;
}

export const COLLABORATOR_REPOSITORY = Symbol('COLLABORATOR_REPOSITORY');
