import { v7 } from 'uuid';

/** Time-ordered ids (UUIDv7): new rows land at the end of their indexes, and ties sort by creation. */
export const newId = (): string => v7();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isId = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
