import { queryOptions } from '@tanstack/react-query';
import type { AttachmentDto, CannedContextDto, CannedImportResultDto, CannedResponseDto, CannedResponseInputDto, RenderedCannedResponseDto } from '@parley/contracts';
import { errorMessage, http, HttpError, uiLanguage } from '../../api/http-client';
import { sessionStore } from '../../api/session-store';
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

/** POST /api/attachments takes the file as the raw body (the JSON client cannot): a response's files. */
async function uploadAttachment(file: File): Promise<AttachmentDto> {
  const send = (token: string | null) =>
    fetch(`/api/attachments?fileName=${id(file.name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': file.type || 'application/octet-stream', 'Accept-Language': uiLanguage(), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: file,
    });
  let response = await send(sessionStore.getToken());
  if (response.status === 401) response = await send((await sessionStore.refresh())?.accessToken ?? null);
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new HttpError(response.status, errorMessage(body, response.statusText));
  return body as AttachmentDto;
}

/** What the user may use; re-read on `canned_response.changed` (app/live-cache.ts). */
export const cannedResponsesQuery = queryOptions({ queryKey: queryKeys.cannedResponses, queryFn: cannedApi.list, staleTime: 5 * 60_000 });

/** The customer's language, for offering their variant first. */
export const cannedContextQuery = (conversationId: string) =>
  queryOptions({ queryKey: queryKeys.cannedContext(conversationId), queryFn: () => cannedApi.context(conversationId), staleTime: 60_000 });
