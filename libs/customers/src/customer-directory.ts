import { BadRequestException } from '@nestjs/common';
import { CUSTOMER_SORTS, type CustomerSort } from '@parley/contracts';

/**
 * Where a customer stands in a directory sort: `rank` first (named before unnamed, contacted before
 * never contacted), then `value` (an ISO timestamp or a folded name), then the id. The repository
 * compares the three as one row, `(rank, value, id) < (:rank, :value, :id)`, so paging never skips
 * or repeats a customer whose sort value others share.
 */
export interface DirectoryKey {
  rank: number;
  value: string;
  id: string;
}

/** Opaque to clients; it carries its sort so that a page of one order is never continued in another. */
export function encodeDirectoryCursor(sort: CustomerSort, key: DirectoryKey): string {
  return Buffer.from(JSON.stringify([sort, key.rank, key.value, key.id])).toString('base64url');
}

export function decodeDirectoryCursor(cursor: string | undefined, sort: CustomerSort): DirectoryKey | null {
  if (!cursor) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadRequestException('Invalid cursor');
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw new BadRequestException('Invalid cursor');
  const [cursorSort, rank, value, id] = parsed as unknown[];
  if (!CUSTOMER_SORTS.includes(cursorSort as CustomerSort) || typeof rank !== 'number' || typeof value !== 'string' || typeof id !== 'string' || !id) {
    throw new BadRequestException('Invalid cursor');
  }
  if (cursorSort !== sort) throw new BadRequestException(`The cursor continues sort "${cursorSort}", not "${sort}"`);
  if (cursorSort !== 'name' && Number.isNaN(Date.parse(value))) throw new BadRequestException('Invalid cursor');
  return { rank, value, id };
}
