import { useMemo } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LabelDto } from '@parley/contracts';
import { conversationReceived, labelDeleted, labelSaved } from '../../app/live-cache';
import { labelsApi, labelsQuery } from './labels-api';

const NONE: LabelDto[] = [];

/** Every label (for the picker, the list filter and the admin card). */
export function useLabels(): { labels: LabelDto[]; error: string | null; loading: boolean } {
  const query = useQuery(labelsQuery);
  return { labels: query.data ?? NONE, error: query.error?.message ?? null, loading: query.isPending };
}

/** An agent adds or removes a conversation's label; the api's answer goes into the cache (list and view agree). */
export function useConversationLabelActions() {
  const queryClient = useQueryClient();
  const onSuccess = (c: Parameters<typeof conversationReceived>[1]) => conversationReceived(queryClient, c);
  const add = useMutation({ mutationFn: (a: { conversationId: string; labelId: string }) => labelsApi.addToConversation(a.conversationId, a.labelId), onSuccess });
  const remove = useMutation({
    mutationFn: (a: { conversationId: string; labelId: string }) => labelsApi.removeFromConversation(a.conversationId, a.labelId),
    onSuccess,
  });
  const { mutateAsync: addLabel } = add;
  const { mutateAsync: removeLabel } = remove;
  return useMemo(() => ({ addLabel, removeLabel }), [addLabel, removeLabel]);
}

/** The admin's changes, written into the cache at once (the socket echo finds them there). */
export function useLabelAdmin() {
  const queryClient = useQueryClient();
  return useMemo(
    () => ({
      create: async (input: Parameters<typeof labelsApi.create>[0]) => labelSaved(queryClient, await labelsApi.create(input)),
      update: async (labelId: string, patch: Parameters<typeof labelsApi.update>[1]) => labelSaved(queryClient, await labelsApi.update(labelId, patch)),
      remove: async (labelId: string) => {
        await labelsApi.remove(labelId);
        labelDeleted(queryClient, labelId);
      },
    }),
    [queryClient],
  );
}
