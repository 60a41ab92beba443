import type { Actor } from '../conversations.service';

/**
 * Labels a conversation the way an agent does one by one (its timeline event, its live update).
 * The composition provides it over the labels capability, which this lib does not import.
 */
export interface ConversationLabeller {
  labelExists(labelId: string): Promise<boolean>;
  add(conversationId: string, labelId: string, actor: Actor): Promise<void>;
  remove(conversationId: string, labelId: string, actor: Actor): Promise<void>;
}

export const CONVERSATION_LABELLER = Symbol('CONVERSATION_LABELLER');
