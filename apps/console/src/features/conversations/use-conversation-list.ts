import { useMemo } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { parleyApi } from '../../api/parley-api';
import { nextCursorOf } from '../../api/page-merge';
import { queryKeys } from '../../app/query-keys';
import { filterToQuery, type ConversationFilter } from './conversation-filter';
import { conversationRows } from './conversation-list-rules';

const PAGE_SIZE = 25;

export interface ConversationList {
  items: ReturnType<typeof conversationRows>;
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  loadMore(): void;
  reload(): void;
}

/** The conversations that match the filter, page by page; socket events keep them live (app/live-cache.ts). Not read while `enabled` is false (a saved view is shown instead). */
export function useConversationList(filter: ConversationFilter, meId: string, enabled = true): ConversationList {
  const query = useInfiniteQuery({
    queryKey: queryKeys.conversationList(filter, meId),
    queryFn: ({ pageParam }) => parleyApi.listConversations({ ...filterToQuery(filter), cursor: pageParam, limit: PAGE_SIZE }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
  const items = useMemo(() => conversationRows(query.data), [query.data]);
  const { fetchNextPage, refetch, hasNextPage, isFetching } = query;
  return {
    items,
    nextCursor: nextCursorOf(query.data),
    loading: enabled && query.isPending,
    loadingMore: query.isFetchingNextPage,
    error: query.error?.message ?? null,
    loadMore: () => {
      if (hasNextPage && !isFetching) void fetchNextPage();
    },
    reload: () => void refetch(),
  };
}
