import type { CustomerDto, CustomerTagDto, Page } from '@parley/contracts';
import { http, type Query } from '../../../api/http-client';
import type { directoryRequest } from './directory-listing';

/** A saved customer view, as far as the directory needs it (GET /api/views, where the views work is merged). */
export interface CustomerSegment {
  id: string;
  kind: string;
  name: string;
}

const id = encodeURIComponent;

export const directoryApi = {
  customers: (request: ReturnType<typeof directoryRequest>, signal?: AbortSignal) =>
    http.get<Page<CustomerDto>>('/api/customers', request as Query, signal),
  tags: () => http.get<CustomerTagDto[]>('/api/customers/tags'),
  segments: async () => (await http.get<CustomerSegment[]>('/api/views')).filter((v) => v.kind === 'customers'),
  segmentCustomers: (segmentId: string, cursor: string | null, limit: number, signal?: AbortSignal) =>
    http.get<Page<CustomerDto>>(`/api/views/${id(segmentId)}/customers`, { cursor, limit }, signal),
};
