import type { Channel, ConversationStatus, SearchRequest, SearchSort, SearchType } from '@parley/contracts';

/** The api refuses longer queries with a 400 (docs/CONTRACT.md, "Search"): the console says so first. */
export const MAX_QUERY_LENGTH = 500;

export type QueryProblem = 'empty' | 'tooLong' | null;

export function queryProblem(query: string): QueryProblem {
  const text = query.trim();
  if (!text) return 'empty';
  return text.length > MAX_QUERY_LENGTH ? 'tooLong' : null;
}

/** The full search page's filters, as the agent set them ('' = any). Dates are the inputs' yyyy-mm-dd. */
export interface SearchFilters {
  channel: Channel | '';
  inboxId: string;
  teamId: string;
  status: ConversationStatus | '';
  labelId: string;
  assigneeId: string;
  from: string;
  to: string;
  sort: SearchSort;
}

export const NO_FILTERS: SearchFilters = { channel: '', inboxId: '', teamId: '', status: '', labelId: '', assigneeId: '', from: '', to: '', sort: 'relevance' };

/** A yyyy-mm-dd day at local midnight as ISO; `to` is the next midnight, so its day is included. */
function dayStart(day: string, plusDays = 0): string | undefined {
  const [y, m, d] = day.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/** What GET /api/search is asked: only the filters set, the query trimmed. */
export function searchRequest(query: string, filters: SearchFilters = NO_FILTERS, type?: SearchType): SearchRequest {
  const request: SearchRequest = { q: query.trim() };
  if (type) request.type = type;
  if (filters.channel) request.channel = filters.channel;
  if (filters.inboxId) request.inboxId = filters.inboxId;
  if (filters.teamId) request.teamId = filters.teamId;
  if (filters.status) request.status = filters.status;
  if (filters.labelId) request.labelId = filters.labelId;
  if (filters.assigneeId) request.assigneeId = filters.assigneeId;
  if (filters.from) request.from = dayStart(filters.from);
  if (filters.to) request.to = dayStart(filters.to, 1);
  if (filters.sort !== 'relevance') request.sort = filters.sort;
  return request;
}

/** The api's rule (`from` before `to`), checked before asking. */
export function datesInOrder(filters: Pick<SearchFilters, 'from' | 'to'>): boolean {
  return !filters.from || !filters.to || filters.from <= filters.to;
}
