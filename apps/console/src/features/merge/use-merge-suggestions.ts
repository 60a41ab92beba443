import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MergeSuggestionDto } from '@parley/contracts';
import { suggestionDismissed } from '../../app/live-cache';
import { queryKeys } from '../../app/query-keys';
import { mergeApi } from './merge-api';
import { upsertSuggestion } from './merge-sides';

/** Open suggestions, newest first: all of them, or those naming `customerId`. Live from the socket (app/live-cache.ts). */
export function useMergeSuggestions(customerId: string | null, limit = 50) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.mergeSuggestions(customerId, limit),
    queryFn: async () => (await mergeApi.suggestions(customerId, limit)).reduce<MergeSuggestionDto[]>((acc, s) => upsertSuggestion(acc, s), []),
  });
  const dismissal = useMutation({
    mutationFn: (suggestionId: string) => mergeApi.dismiss(suggestionId),
    onSuccess: (_, suggestionId) => suggestionDismissed(queryClient, suggestionId),
  });
  return {
    items: query.data ?? null,
    error: query.error?.message ?? null,
    dismiss: async (suggestionId: string) => {
      await dismissal.mutateAsync(suggestionId);
    },
  };
}
