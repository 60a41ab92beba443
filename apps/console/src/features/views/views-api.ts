import type {
  BulkOperationDto, BulkRequest, ConversationDto, NewSavedView, Page, SavedViewChanges, SavedViewDto, TeamDto, ViewCounts,
} from '@parley/contracts';
import { http } from '../../api/http-client';

const id = encodeURIComponent;

export const viewsApi = {
  list: () => http.get<SavedViewDto[]>('/api/views'),
  counts: () => http.get<ViewCounts>('/api/views/counts'),
  create: (view: NewSavedView) => http.post<SavedViewDto>('/api/views', view),
  update: (viewId: string, changes: SavedViewChanges) => http.patch<SavedViewDto>(`/api/views/${id(viewId)}`, changes),
  remove: (viewId: string) => http.delete<void>(`/api/views/${id(viewId)}`),
  conversations: (viewId: string, cursor: string | null, limit: number) =>
    http.get<Page<ConversationDto>>(`/api/views/${id(viewId)}/conversations`, { cursor, limit }),
  teams: () => http.get<TeamDto[]>('/api/teams'),
  bulk: (request: BulkRequest) => http.post<BulkOperationDto>('/api/conversations/bulk', request),
  bulkOperation: (operationId: string) => http.get<BulkOperationDto>(`/api/bulk-operations/${id(operationId)}`),
};
