import { continuesConversation, type ConversationStatus } from '../conversation-rules';
import { isId } from '../ids';

/** What of an inbound message decides which conversation it continues. */
export interface ThreadingFacts {
  edits?: string;
  /** Provider ids this message replies to (an email's In-Reply-To and References), oldest first. */
  threadKeys?: string[];
  conversationRef?: string;
  verifiedPhone?: string;
  conversationMetadata?: Record<string, unknown>;
  /** A message the business sent from elsewhere: stored one by one, never batched. */
  sentElsewhere?: unknown;
}

/**
 * A long email thread carries every earlier Message-ID in References; the latest ones are the
 * likeliest to be ours, and a bounded list keeps the lookup one indexed query.
 */
export const MAX_THREAD_KEYS = 50;

/**
 * Whether the sender alone places this message (their latest conversation in the inbox): no edit,
 * reply keys, conversation reference, verified phone or conversation metadata to look up or merge.
 * Only such messages may share one batched write.
 */
export function placedBySenderOnly(inbound: ThreadingFacts): boolean {
  return !inbound.edits && !inbound.threadKeys?.length && !inbound.conversationRef && !inbound.verifiedPhone && !inbound.conversationMetadata && !inbound.sentElsewhere;
}

/** The reply keys worth looking up, latest last. */
export function threadKeysToLookUp(inbound: ThreadingFacts): string[] {
  return (inbound.threadKeys ?? []).filter(Boolean).slice(-MAX_THREAD_KEYS);
}

/**
 * The conversation a reply names: the one holding the message it replies to, else the reference
 * it carries (a web chat's conversation id, an email's [#token]) when that is a well-formed id.
 */
export function threadedConversationId(repliedToConversationId: string | null | undefined, inbound: ThreadingFacts): string | null {
  return repliedToConversationId ?? (isId(inbound.conversationRef) ? inbound.conversationRef : null);
}

/**
 * Which conversation the message continues: a threaded one even when resolved (the customer
 * answers that very thread), else the customer's latest in this inbox while it is still going;
 * null opens a new one.
 */
export function chooseConversation<C extends { status: ConversationStatus }>(threaded: C | null, latest: C | null): C | null {
  if (threaded) return threaded;
  return latest && continuesConversation(latest.status) ? latest : null;
}
