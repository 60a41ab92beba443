import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ConversationHitDto, CustomerHitDto, MessageHitDto, SearchRequest, SearchResponse, SearchType } from '@parley/contracts';
import { queryKeys } from '../../app/query-keys';
import { searchApi } from './search-api';
import { queryProblem, searchRequest, type SearchFilters } from './search-request';
import { useDebouncedValue } from './use-debounced-value';

/** Long enough for a word typed at speed to cost one request, short enough to feel live. */
export const SEARCH_DELAY_MS = 200;
/** Search results change as agents and customers write; a minute-old answer is still a fair preview. */
const STALE_MS = 60_000;

/**
 * The header's live search: a few hits per group for the settled query. The previous answer stays
 * on screen while the next loads; a request overtaken by typing is aborted and its answer ignored
 * (the query's key holds the text, and TanStack Query passes the signal to fetch).
 */
export function useLiveSearch(text: string) {
  const settled = useDebouncedValue(text, SEARCH_DELAY_MS);
  const problem = queryProblem(settled);
  const request = searchRequest(settled);
  const query = useQuery({
    queryKey: queryKeys.search(request),
    queryFn: ({ signal }) => searchApi.search(request, signal),
    enabled: problem === null,
    placeholderData: keepPreviousData,
    staleTime: STALE_MS,
  });
  return {
    /** The query being answered (or about to be): what the agent typed, once typing settles. */
    settledText: settled,
    problem,
    response: problem === null ? query.data : undefined,
    fetching: query.isFetching || settled !== text,
    error: query.error?.message ?? null,
  };
}

type HitOf<K extends SearchType> = K extends 'messages' ? MessageHitDto : K extends 'conversations' ? ConversationHitDto : CustomerHitDto;

/** One group of the full search page, keyset-paged with "load more". */
export function useSearchGroup<K extends SearchType>(text: string, filters: SearchFilters, type: K, enabled: boolean) {
  const request: SearchRequest = searchRequest(text, filters, type);
  const query = useInfiniteQuery({
    queryKey: queryKeys.search(request),
    queryFn: ({ pageParam, signal }) => searchApi.search({ ...request, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last: SearchResponse) => last[type]?.nextCursor ?? null,
    enabled: enabled && queryProblem(text) === null,
    placeholderData: keepPreviousData,
    staleTime: STALE_MS,
  });
  const items = (query.data?.pages ?? []).flatMap((page) => (page[type]?.items ?? []) as HitOf<K>[]);
  return {
    items,
    loading: query.isPending && query.fetchStatus !== 'idle',
    fetching: query.isFetching,
    error: query.error?.message ?? null,
    hasMore: query.hasNextPage,
    loadMore: () => {
      if (query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
    },
    loadingMore: query.isFetchingNextPage,
  };
}
