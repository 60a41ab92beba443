import { queryOptions } from '@tanstack/react-query';
import type { CannedContextDto, CannedImportResultDto, CannedResponseDto, CannedResponseInputDto, RenderedCannedResponseDto } from '@parley/contracts';
import { uploadAttachment } from '../../api/attachments-api';
import { http } from '../../api/http-client';
import { queryKeys } from '../../app/query-keys';

const id = encodeURIComponent;

export const cannedApi = {
  list: () => http.get<CannedResponseDto[]>('/api/canned-responses'),
  create: (input: CannedResponseInputDto) => http.post<CannedResponseDto>('/api/canned-responses', input),
  update: (responseId: string, patch: Partial<CannedResponseInputDto>) => http.patch<CannedResponseDto>(`/api/canned-responses/${id(responseId)}`, patch),
  remove: (responseId: string) => http.delete<void>(`/api/canned-responses/${id(responseId)}`),
  render: (responseId: string, conversationId: string, language?: string) =>
    http.post<RenderedCannedResponseDto>(`/api/canned-responses/${id(responseId)}/render`, { conversationId, ...(language ? { language } : {}) }),
  context: (conversationId: string) => http.get<CannedContextDto>(`/api/canned-responses/context/${id(conversationId)}`),
  exportCsv: () => http.get<string>('/api/canned-responses/export.csv'),
  importCsv: (csv: string) => http.post<CannedImportResultDto>('/api/canned-responses/import', { csv }),
  upload: uploadAttachment,
};

/** What the user may use; re-read on `canned_response.changed` (app/live-cache.ts). */
export const cannedResponsesQuery = queryOptions({ queryKey: queryKeys.cannedResponses, queryFn: cannedApi.list, staleTime: 5 * 60_000 });

/** The customer's language, for offering their variant first. */
export const cannedContextQuery = (conversationId: string) =>
  queryOptions({ queryKey: queryKeys.cannedContext(conversationId), queryFn: () => cannedApi.context(conversationId), staleTime: 60_000 });
