import { useMemo } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { NewTimelineEventDto } from '@parley/contracts';
import { nextCursorOf } from '../../api/page-merge';
import { parleyApi } from '../../api/parley-api';
import { timelineEventArrived } from '../../app/live-cache';
import { queryKeys } from '../../app/query-keys';
import { timelineItems } from './timeline-rules';

const PAGE_SIZE = 30;

/**
 * The customer's timeline, newest first, page by page. timeline.created events join it; a merge or
 * undo re-reads every page read so far (app/live-cache.ts), since events moved between customers.
 */
export function useTimeline(customerId: string | null) {
  const queryClient = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: queryKeys.timeline(customerId ?? ''),
    queryFn: ({ pageParam }) => parleyApi.getTimeline(customerId as string, pageParam, PAGE_SIZE),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: customerId !== null,
  });
  const add = useMutation({
    mutationFn: (a: { customerId: string; event: NewTimelineEventDto }) => parleyApi.addCustomerEvent(a.customerId, a.event),
    onSuccess: (event) => timelineEventArrived(queryClient, event),
  });
  const items = useMemo(() => timelineItems(query.data), [query.data]);
  const { fetchNextPage, hasNextPage, isFetching } = query;
  return {
    items,
    nextCursor: nextCursorOf(query.data),
    loading: query.isLoading,
    loadingMore: query.isFetchingNextPage,
    error: query.error?.message ?? null,
    loadMore: () => {
      if (hasNextPage && !isFetching) void fetchNextPage();
    },
    addEvent: async (event: NewTimelineEventDto) => {
      if (!customerId) return;
      await add.mutateAsync({ customerId, event });
    },
  };
}
