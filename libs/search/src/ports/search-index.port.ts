import type { Channel, ConversationHitDto, ConversationStatus, CustomerHitDto, MessageHitDto, SearchSort, SearchType } from '@parley/contracts';
import type { SearchQuery } from '@parley/domain';

/** What narrows the results: conversation properties, and the time of the matching messages. */
export interface SearchFilters {
  channel?: Channel;
  inboxId?: string;
  teamId?: string;
  status?: ConversationStatus;
  labelId?: string;
  /** A user id, or null for unassigned conversations. */
  assigneeId?: string | null;
  /** Messages written at or after this moment. */
  from?: Date;
  /** Messages written before this moment. */
  to?: Date;
}

/**
 * Where a hit sits in its order: `rank` for relevance (higher first), `at` for newest (a
 * conversation's latest matching message), then `id`, both descending. The next page starts after
 * the last hit's key (a row comparison).
 */
export interface SearchKey {
  rank: number;
  at: Date;
  id: string;
}

/**
 * Ranking (and grouping into conversations) looks at this many newest matching messages, so a
 * query whose words are in every other message costs the same as a rare one; the newest order pages
 * through all matches. A support inbox asks about recent things: the window covers them.
 */
export const RELEVANCE_WINDOW = 200;

export interface HitsOf {
  messages: MessageHitDto;
  conversations: ConversationHitDto;
  customers: CustomerHitDto;
}

export interface Ranked<T> {
  hit: T;
  key: SearchKey;
}

/**
 * The search engine behind GET /api/search: the database's own full-text search today
 * (PgSearchIndex, SqliteSearchIndex), a dedicated engine fed from domain events when one database
 * is no longer enough (README, "Search").
 */
export interface SearchIndex {
  /** Up to `limit` hits of one type in `sort` order, after the key `after` when given; snippets are escaped HTML with <mark>. */
  search<T extends SearchType>(query: SearchQuery, filters: SearchFilters, type: T, sort: SearchSort, after: SearchKey | null, limit: number): Promise<Ranked<HitsOf[T]>[]>;
}

export const SEARCH_INDEX = Symbol('SEARCH_INDEX');
