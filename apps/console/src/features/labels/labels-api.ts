import { queryOptions } from '@tanstack/react-query';
import type { ConversationDto, LabelDto, LabelInputDto } from '@parley/contracts';
import { http } from '../../api/http-client';
import { queryKeys } from '../../app/query-keys';

const id = encodeURIComponent;

export const labelsApi = {
  list: () => http.get<LabelDto[]>('/api/labels'),
  create: (label: LabelInputDto) => http.post<LabelDto>('/api/labels', label),
  update: (labelId: string, patch: Partial<LabelInputDto>) => http.patch<LabelDto>(`/api/labels/${id(labelId)}`, patch),
  remove: (labelId: string) => http.delete<void>(`/api/labels/${id(labelId)}`),
  addToConversation: (conversationId: string, labelId: string) =>
    http.post<ConversationDto>(`/api/conversations/${id(conversationId)}/labels`, { labelId }),
  removeFromConversation: (conversationId: string, labelId: string) =>
    http.delete<ConversationDto>(`/api/conversations/${id(conversationId)}/labels/${id(labelId)}`),
};

/** Every label; kept live by `label.saved` / `label.deleted` (app/live-cache.ts). */
export const labelsQuery = queryOptions({ queryKey: queryKeys.labels, queryFn: labelsApi.list, staleTime: 5 * 60_000 });
