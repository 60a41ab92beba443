import type { CustomerDto, CustomerMergeDto, MergePreviewDto, MergeResultDto, MergeSuggestionDto, Page } from '@parley/contracts';
import { http } from '../../api/http-client';

const id = encodeURIComponent;

/** The merge endpoints of libs/contracts/src/customer-merge.ts. */
export const mergeApi = {
  suggestions: (customerId?: string | null, limit = 50) =>
    http.get<MergeSuggestionDto[]>('/api/customers/merge-suggestions', { customerId, limit }),
  dismiss: (suggestionId: string) => http.post<void>(`/api/customers/merge-suggestions/${id(suggestionId)}/dismiss`),
  preview: (targetId: string, sourceId: string) =>
    http.get<MergePreviewDto>(`/api/customers/${id(targetId)}/merge-preview`, { sourceCustomerId: sourceId }),
  merge: (targetId: string, sourceId: string) =>
    http.post<MergeResultDto>(`/api/customers/${id(targetId)}/merge`, { sourceCustomerId: sourceId }),
  history: (customerId: string) => http.get<CustomerMergeDto[]>(`/api/customers/${id(customerId)}/merges`),
  undo: (mergeId: string) => http.post<CustomerDto>(`/api/customers/merges/${id(mergeId)}/undo`),
  search: (query: string) => http.get<Page<CustomerDto>>('/api/customers', { query, limit: 10 }),
  customer: (customerId: string) => http.get<CustomerDto>(`/api/customers/${id(customerId)}`),
};
