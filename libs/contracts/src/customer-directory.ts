import type { Channel } from './index';

// GET /api/customers as the customer directory reads it (docs/CONTRACT.md, "Customer directory").

/** `updated` (the default): last changed first; `name`: А→Я/A→Z, unnamed last; `lastContact`: latest message first; `newest`: latest created first. */
export type CustomerSort = 'updated' | 'name' | 'lastContact' | 'newest';
export const CUSTOMER_SORTS: readonly CustomerSort[] = ['updated', 'name', 'lastContact', 'newest'];

/** GET /api/customers */
export interface CustomerListQuery {
  /** Name, email, phone (any written form) or identity, in any case and script. */
  query?: string;
  sort?: CustomerSort;
  /** Customers with an identity on this channel. */
  channel?: Channel;
  /** Customers carrying this tag (exact). */
  tag?: string;
  /** From the previous page; carries its sort. */
  cursor?: string;
  limit?: number;
}

/** GET /api/customers/tags: every tag live customers carry, with how many carry it. */
export interface CustomerTagDto {
  tag: string;
  customers: number;
}
