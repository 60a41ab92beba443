import { useMemo } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { nextCursorOf } from '../../api/page-merge';
import { queryKeys } from '../../app/query-keys';
import { conversationRows } from '../conversations/conversation-list-rules';
import type { ConversationList } from '../conversations/use-conversation-list';
import { viewsApi } from './views-api';

const PAGE_SIZE = 25;

/** A saved view's conversations, page by page; re-read after conversation events (app/live-cache.ts). */
export function useViewConversations(viewId: string | null): ConversationList {
  const query = useInfiniteQuery({
    queryKey: queryKeys.viewConversations(viewId ?? ''),
    queryFn: ({ pageParam }) => viewsApi.conversations(viewId!, pageParam, PAGE_SIZE),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: viewId !== null,
  });
  const items = useMemo(() => conversationRows(query.data), [query.data]);
  const { fetchNextPage, refetch, hasNextPage, isFetching } = query;
  return {
    items,
    nextCursor: nextCursorOf(query.data),
    loading: viewId !== null && query.isPending,
    loadingMore: query.isFetchingNextPage,
    error: query.error?.message ?? null,
    loadMore: () => {
      if (hasNextPage && !isFetching) void fetchNextPage();
    },
    reload: () => void refetch(),
  };
}
