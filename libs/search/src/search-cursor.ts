import { BadRequestException } from '@nestjs/common';
import { SEARCH_SORTS, SEARCH_TYPES, type SearchSort, type SearchType } from '@parley/contracts';
import { isId } from '@parley/domain';
import type { SearchKey } from './ports/search-index.port';

/** An opaque cursor: the type and order it pages, and the key of the last hit shown. */
export interface SearchCursor {
  type: SearchType;
  sort: SearchSort;
  key: SearchKey;
}

export function encodeSearchCursor(c: SearchCursor): string {
  return Buffer.from(JSON.stringify([c.type, c.sort, c.key.rank, c.key.at.toISOString(), c.key.id])).toString('base64url');
}

export function decodeSearchCursor(cursor: string): SearchCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  if (!Array.isArray(value) || value.length !== 5) throw new BadRequestException('Invalid cursor');
  const [type, sort, rank, iso, id] = value;
  const at = new Date(typeof iso === 'string' ? iso : NaN);
  if (!SEARCH_TYPES.includes(type) || !SEARCH_SORTS.includes(sort) || typeof rank !== 'number' || !Number.isFinite(rank) || Number.isNaN(at.getTime()) || typeof id !== 'string' || !isId(id)) {
    throw new BadRequestException('Invalid cursor');
  }
  return { type, sort, key: { rank, at, id } };
}
