import { useMemo } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConversationStatus } from '@parley/contracts';
import { parleyApi } from '../../api/parley-api';
import { conversationRead, conversationReceived } from '../../app/live-cache';

/** What the agent does to a conversation; the api's answer goes into the cache, so list and view agree. */
export function useConversationActions() {
  const queryClient = useQueryClient();
  const received = { onSuccess: (c: Parameters<typeof conversationReceived>[1]) => conversationReceived(queryClient, c) };
  const read = useMutation({
    mutationFn: (conversationId: string) => parleyApi.markRead(conversationId),
    onMutate: (conversationId) => conversationRead(queryClient, conversationId),
    ...received,
  });
  const status = useMutation({
    mutationFn: (s: { conversationId: string; status: ConversationStatus; snoozeUntil?: string }) =>
      parleyApi.setStatus(s.conversationId, s.status, s.snoozeUntil),
    ...received,
  });
  const assignment = useMutation({
    mutationFn: (a: { conversationId: string; agentId: string | null }) => parleyApi.assign(a.conversationId, a.agentId),
    ...received,
  });
  const { mutate: markRead } = read;
  const { mutateAsync: setStatus } = status;
  const { mutateAsync: assign } = assignment;
  return useMemo(() => ({ markRead, setStatus, assign }), [markRead, setStatus, assign]);
}
