import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { SEARCH_TYPES, type Page, type SearchResponse, type SearchSort, type SearchType } from '@parley/contracts';
import { MAX_SEARCH_QUERY_LENGTH, parseSearchQuery, phoneRegion, type SearchQuery } from '@parley/domain';
import { SEARCH_INDEX, type HitsOf, type SearchFilters, type SearchIndex, type SearchKey } from './ports/search-index.port';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';

export interface SearchInput {
  q: string;
  type?: SearchType;
  filters: SearchFilters;
  sort?: SearchSort;
  cursor?: string;
  limit?: number;
}

/** Hits per group when all three types are asked for at once (the global search box's preview). */
export const PREVIEW_LIMIT = 5;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 50;

/** Search over messages, conversations and customers, grouped by type, each group keyset-paged. */
@Injectable()
export class SearchService {
  constructor(@Inject(SEARCH_INDEX) private readonly index: SearchIndex) {}

  async search(input: SearchInput): Promise<SearchResponse> {
    const text = input.q.trim();
    if (!text) throw new BadRequestException('q must not be empty');
    if (text.length > MAX_SEARCH_QUERY_LENGTH) throw new BadRequestException(`q must be at most ${MAX_SEARCH_QUERY_LENGTH} characters`);
    if (input.limit !== undefined && (!Number.isInteger(input.limit) || input.limit < 1 || input.limit > MAX_LIMIT)) {
      throw new BadRequestException(`limit must be between 1 and ${MAX_LIMIT}`);
    }
    const { from, to } = input.filters;
    if (from && to && from.getTime() >= to.getTime()) throw new BadRequestException('from must be before to');
    const cursor = input.cursor ? decodeSearchCursor(input.cursor) : null;
    const sort = input.sort ?? cursor?.sort ?? 'relevance';
    const type = input.type ?? cursor?.type;
    if (cursor && (cursor.type !== type || cursor.sort !== sort)) throw new BadRequestException('The cursor belongs to another type or sort order');
    const limit = input.limit ?? (type ? DEFAULT_LIMIT : PREVIEW_LIMIT);
    const query = parseSearchQuery(text, phoneRegion());
    const types = type ? [type] : SEARCH_TYPES;
    const pages = await Promise.all(types.map((t) => this.page(query, input.filters, t, sort, cursor?.key ?? null, limit)));
    return Object.fromEntries(types.map((t, i) => [t, pages[i]]));
  }

  private async page<T extends SearchType>(query: SearchQuery | null, filters: SearchFilters, type: T, sort: SearchSort, after: SearchKey | null, limit: number): Promise<Page<HitsOf[T]>> {
    // Nothing but punctuation and operators: no results rather than an error.
    if (!query) return { items: [], nextCursor: null };
    const rows = await this.index.search(query, filters, type, sort, after, limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => r.hit),
      nextCursor: rows.length > limit && last ? encodeSearchCursor({ type, sort, key: last.key }) : null,
    };
  }
}
