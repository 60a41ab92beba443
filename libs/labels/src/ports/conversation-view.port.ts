import type { ConversationDto } from '@parley/contracts';

/**
 * The conversation as agents see it, after its labels changed. The app provides it (from the
 * conversations capability): labels neither reads conversations' other parts nor stacks on that lib.
 */
export interface ConversationView {
  get(conversationId: string): Promise<ConversationDto>;
}

export const CONVERSATION_VIEW = Symbol('CONVERSATION_VIEW');
