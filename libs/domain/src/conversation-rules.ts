/**
 * The states the rules reason about. The domain keeps its own words rather than importing the
 * wire contracts; tools/lint/domain-contracts.spec.ts keeps them equal to the api's.
 */
export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved';

/** A customer writing into a resolved conversation starts a new one; any other state reopens. */
export function continuesConversation(status: ConversationStatus): boolean {
  return status !== 'resolved';
}

/** Short, single-line text for the inbox list. */
export function previewOf(content: string, max = 140): string {
  const flat = content.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export const CONVERSATION_STATUSES: readonly ConversationStatus[] = ['open', 'pending', 'snoozed', 'resolved'];

/**
 * An agent opening the conversation records "seen" (shown to a web chat visitor) only when the
 * customer wrote since the last record: reopening it again and again writes nothing.
 */
export function agentSeenMoves(agentLastSeenAt: Date | null, lastInboundAt: Date | null): boolean {
  if (!lastInboundAt) return false;
  return !agentLastSeenAt || agentLastSeenAt.getTime() < lastInboundAt.getTime();
}
