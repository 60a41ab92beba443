import type { Channel, CustomerDto, CustomerListQuery, CustomerSort } from '@parley/contracts';
import { mapPageItems, preferLatest, type Pages } from '../../../api/page-merge';

/** What the directory shows: a search and filters, or a saved customer view (segment) alone. */
export interface DirectoryListing {
  query: string;
  sort: CustomerSort;
  channel: Channel | '';
  tag: string;
  /** A saved customer view: its own filters and order replace the others. */
  segmentId: string;
}

export const DEFAULT_LISTING: DirectoryListing = { query: '', sort: 'name', channel: '', tag: '', segmentId: '' };

/** GET /api/customers, only what is set. The api takes 200 characters of query. */
export function directoryRequest(listing: DirectoryListing, cursor: string | null, limit: number): CustomerListQuery {
  const request: CustomerListQuery = { sort: listing.sort, limit };
  const query = listing.query.trim().slice(0, 200);
  if (query) request.query = query;
  if (listing.channel) request.channel = listing.channel;
  if (listing.tag) request.tag = listing.tag;
  if (cursor) request.cursor = cursor;
  return request;
}

/**
 * A customer.updated event in the directory's pages: the row takes the newer copy (its last contact
 * kept, the event does not carry it); a merged-away customer leaves the list. New customers and
 * moves in the order wait for the next read: the event cannot say where they sort.
 */
export function directoryCustomerChanged(data: Pages<CustomerDto>, customer: CustomerDto): Pages<CustomerDto> {
  if (customer.mergedIntoId) {
    if (!data.pages.some((p) => p.items.some((c) => c.id === customer.id))) return data;
    return { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((c) => c.id !== customer.id) })) };
  }
  return mapPageItems(data, (current) => {
    if (current.id !== customer.id) return current;
    const latest = preferLatest(current, customer);
    return latest === current ? current : { ...latest, lastContactAt: latest.lastContactAt ?? current.lastContactAt };
  });
}
