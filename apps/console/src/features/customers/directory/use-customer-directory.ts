import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { nextCursorOf } from '../../../api/page-merge';
import { queryKeys } from '../../../app/query-keys';
import { directoryApi } from './directory-api';
import { directoryRequest, type DirectoryListing } from './directory-listing';

const PAGE_SIZE = 30;
const NONE: never[] = [];

/** One listing of the directory, keyset-paged; socket updates reach its rows through app/live-cache.ts. */
export function useCustomerDirectory(listing: DirectoryListing) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.customerDirectory(listing),
    queryFn: ({ pageParam, signal }) =>
      listing.segmentId
        ? directoryApi.segmentCustomers(listing.segmentId, pageParam, PAGE_SIZE, signal)
        : directoryApi.customers(directoryRequest(listing, pageParam, PAGE_SIZE), signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  const { fetchNextPage, hasNextPage, isFetchingNextPage } = query;
  return {
    customers: query.data?.pages.flatMap((p) => p.items) ?? NONE,
    loading: query.isPending,
    fetching: query.isFetching,
    error: query.error?.message ?? null,
    hasMore: !!nextCursorOf(query.data),
    loadingMore: isFetchingNextPage,
    loadMore: () => {
      if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
    },
  };
}

/** The tags customers carry, for the tag filter. */
export function useCustomerTags() {
  return useQuery({ queryKey: queryKeys.customerTags, queryFn: () => directoryApi.tags(), staleTime: 60_000 }).data ?? NONE;
}

/** Saved customer views; none where the views api is not there (the filter then stays hidden). */
export function useCustomerSegments() {
  return useQuery({ queryKey: queryKeys.customerSegments, queryFn: () => directoryApi.segments(), staleTime: 60_000 }).data ?? NONE;
}
