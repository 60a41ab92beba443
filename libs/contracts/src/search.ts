import type { Channel, ConversationStatus, MessageDirection, Page } from './index';

// GET /api/search (docs/CONTRACT.md, "Search"). Snippets are HTML: the text escaped, matches in <mark>.

export type SearchType = 'messages' | 'conversations' | 'customers';
export const SEARCH_TYPES: readonly SearchType[] = ['messages', 'conversations', 'customers'];
export type SearchSort = 'relevance' | 'newest';
export const SEARCH_SORTS: readonly SearchSort[] = ['relevance', 'newest'];

/** GET /api/search */
export interface SearchRequest {
  /** 1–500 characters; words match in any form (Russian and English), "quoted words" as a phrase, a phone in any form. */
  q: string;
  /** Absent: a few of each type. A cursor carries its type. */
  type?: SearchType;
  channel?: Channel;
  inboxId?: string;
  teamId?: string;
  status?: ConversationStatus;
  labelId?: string;
  /** a user id, `me` or `none` (unassigned) */
  assigneeId?: string;
  /** ISO 8601: messages written from / before this moment (conversations and customers: with such a message). */
  from?: string;
  to?: string;
  /** Default `relevance`. */
  sort?: SearchSort;
  cursor?: string;
  /** 1–50; default 20 for one type, 5 each for all three. */
  limit?: number;
}

export interface SearchCustomerRef {
  id: string;
  name: string | null;
}

export interface MessageHitDto {
  id: string;
  conversationId: string;
  customer: SearchCustomerRef;
  channel: Channel;
  direction: MessageDirection;
  createdAt: string;
  /** Escaped HTML, matches in <mark>. */
  snippet: string;
}

export interface ConversationHitDto {
  id: string;
  customer: SearchCustomerRef;
  inboxId: string;
  channel: Channel;
  status: ConversationStatus;
  assigneeId: string | null;
  teamId: string | null;
  lastMessageAt: string;
  /** The best matching message of the conversation and its snippet (escaped HTML, matches in <mark>). */
  messageId: string;
  snippet: string;
}

export type CustomerMatchField = 'name' | 'email' | 'phone' | 'identity' | 'attributes';

export interface CustomerHitDto {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  /** What matched the query. */
  matchedField: CustomerMatchField;
  /** The matched value, escaped HTML, the match in <mark>. */
  snippet: string;
}

/** Only the asked type's group is present when `type` is given. */
export interface SearchResponse {
  messages?: Page<MessageHitDto>;
  conversations?: Page<ConversationHitDto>;
  customers?: Page<CustomerHitDto>;
}
