import type { SearchRequest, SearchResponse } from '@parley/contracts';
import { http, type Query } from '../../api/http-client';

/** A label as the search filter needs it (GET /api/labels, where the labels work is merged). */
export interface LabelOption {
  id: string;
  nameEn: string;
  nameRu: string;
}

export const searchApi = {
  search: (request: SearchRequest, signal?: AbortSignal) => http.get<SearchResponse>('/api/search', request as unknown as Query, signal),
  labels: () => http.get<LabelOption[]>('/api/labels'),
};
