import { previewOf, type ConversationStatus } from '../conversation-rules';

/** What of a conversation an inbound message changes. */
export interface ContinuedConversation {
  status: ConversationStatus;
  unreadCount: number;
  metadata: Record<string, any> | null;
}

export interface ContinuingMessage {
  content: string;
  /** Channel facts about the conversation (a web chat page, an email subject), merged over the old ones. */
  conversationMetadata?: Record<string, any>;
}

/** The conversation's new state once the customer wrote again. */
export interface ContinuationChanges {
  status: 'open';
  snoozedUntil: null;
  resolvedAt: null;
  lastMessageAt: Date;
  lastInboundAt: Date;
  lastMessagePreview: string;
  unreadCount: number;
  metadata?: Record<string, any>;
  updatedAt: Date;
}

/** A pending, snoozed or resolved conversation the customer writes into comes back to the agents. */
export function resumesConversation(status: ConversationStatus): boolean {
  return status !== 'open';
}

/**
 * The customer wrote: the conversation is open again (a snooze or resolution ends), its preview is
 * this message (a paper clip for an attachment alone) and one more message is unread.
 */
export function continuationOf(conversation: ContinuedConversation, message: ContinuingMessage, now: Date): ContinuationChanges {
  return {
    status: 'open',
    snoozedUntil: null,
    resolvedAt: null,
    lastMessageAt: now,
    lastInboundAt: now,
    lastMessagePreview: previewOf(message.content || '📎'),
    unreadCount: conversation.unreadCount + 1,
    ...(message.conversationMetadata ? { metadata: { ...(conversation.metadata ?? {}), ...message.conversationMetadata } } : {}),
    updatedAt: now,
  };
}
