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
