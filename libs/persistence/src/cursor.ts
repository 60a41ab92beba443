import { BadRequestException } from '@nestjs/common';

/** Keyset cursor: the (timestamp, id) of the last row of a page, opaque to clients. */
export interface Keyset {
  at: Date;
  id: string;
}

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Keyset | null {
  if (!cursor) return null;
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const at = new Date(iso);
  if (!id || Number.isNaN(at.getTime())) throw new BadRequestException('Invalid cursor');
  return { at, id };
}

/** A query-builder condition and its parameters: `qb.andWhere(c.where, c.parameters)`. */
export interface KeysetCondition {
  where: string;
  parameters: { keysetAt: Date; keysetId: string };
}

const COLUMN = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

/**
 * Rows strictly past `key` in a page ordered by (timestamp, id), both `DESC` or both `ASC`. Written
 * as one row comparison, `(at, id) < (:at, :id)`: PostgreSQL turns it into an index condition on an
 * index ending in (at, id) and starts the scan at the key, where the equivalent
 * `at < :at OR (at = :at AND id < :id)` is a filter applied to every row scanned before it, so the
 * page cost grew with its depth. SQLite has compared row values since 3.15.
 */
export function keysetCondition(columns: readonly [at: string, id: string], key: Keyset, order: 'ASC' | 'DESC'): KeysetCondition {
  const bad = columns.find((c) => !COLUMN.test(c));
  if (bad) throw new Error(`Not a column for a keyset: ${bad}`);
  return {
    where: `(${columns[0]}, ${columns[1]}) ${order === 'DESC' ? '<' : '>'} (:keysetAt, :keysetId)`,
    parameters: { keysetAt: key.at, keysetId: key.id },
  };
}
