import { useQuery } from '@tanstack/react-query';
import type { ConversationDto } from '@parley/contracts';
import { parleyApi } from '../../api/parley-api';
import { queryKeys } from '../../app/query-keys';

/** The conversation open in the middle pane; socket events keep it current (app/live-cache.ts). */
export function useActiveConversation(conversationId: string | null): { conversation: ConversationDto | null; error: string | null } {
  const query = useQuery({
    queryKey: queryKeys.conversation(conversationId ?? ''),
    queryFn: () => parleyApi.getConversation(conversationId as string),
    enabled: conversationId !== null,
  });
  return { conversation: (conversationId && query.data) || null, error: query.error?.message ?? null };
}
