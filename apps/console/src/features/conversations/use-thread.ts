import { useMemo } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReplyExtrasDto } from '@parley/contracts';
import { parleyApi } from '../../api/parley-api';
import { nextCursorOf } from '../../api/page-merge';
import { messageArrived } from '../../app/live-cache';
import { queryKeys } from '../../app/query-keys';
import { threadMessages } from './thread-rules';

const PAGE_SIZE = 30;

export interface Thread {
  messages: ReturnType<typeof threadMessages>;
  olderCursor: string | null;
  loading: boolean;
  loadingOlder: boolean;
  error: string | null;
  loadOlder(): void;
  send(content: string, isPrivate: boolean, extra?: ReplyExtrasDto): Promise<void>;
}

/** The open conversation's messages, newest pages first as read; a reconnect re-reads every page read so far. */
export function useThread(conversationId: string | null): Thread {
  const queryClient = useQueryClient();
  const query = useInfiniteQuery({
    queryKey: queryKeys.messages(conversationId ?? ''),
    queryFn: ({ pageParam }) => parleyApi.listMessages(conversationId as string, pageParam, PAGE_SIZE),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: conversationId !== null,
  });
  const reply = useMutation({
    mutationFn: (r: { conversationId: string; content: string; isPrivate: boolean; extra?: ReplyExtrasDto }) =>
      parleyApi.sendMessage(r.conversationId, r.content, r.isPrivate, r.extra),
    // The socket's message.created may come first or second: the cache keeps one copy either way.
    onSuccess: (message) => messageArrived(queryClient, message, false),
  });
  const messages = useMemo(() => threadMessages(query.data), [query.data]);
  const { fetchNextPage, hasNextPage, isFetching } = query;
  return {
    messages,
    olderCursor: nextCursorOf(query.data),
    loading: query.isLoading,
    loadingOlder: query.isFetchingNextPage,
    error: query.error?.message ?? null,
    loadOlder: () => {
      if (hasNextPage && !isFetching) void fetchNextPage();
    },
    send: async (content, isPrivate, extra) => {
      if (!conversationId) return;
      await reply.mutateAsync({ conversationId, content, isPrivate, extra });
    },
  };
}
