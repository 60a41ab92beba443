import { BadRequestException } from '@nestjs/common';
import { decodeDirectoryCursor, encodeDirectoryCursor } from './customer-directory';

describe('customer directory cursor', () => {
  it('round-trips a name key with Cyrillic', () => {
    const key = { rank: 0, value: 'алена кузнецова', id: '5f0c7b9e-0000-4000-8000-000000000001' };
    expect(decodeDirectoryCursor(encodeDirectoryCursor('name', key), 'name')).toEqual(key);
  });

  it('round-trips a timestamp key', () => {
    const key = { rank: 1, value: '2026-11-24T10:00:00.123Z', id: 'b' };
    expect(decodeDirectoryCursor(encodeDirectoryCursor('lastContact', key), 'lastContact')).toEqual(key);
  });

  it('treats a missing cursor as the first page', () => {
    expect(decodeDirectoryCursor(undefined, 'updated')).toBeNull();
  });

  it('refuses a cursor of another sort with a 400', () => {
    const cursor = encodeDirectoryCursor('newest', { rank: 0, value: '2026-11-24T10:00:00.000Z', id: 'a' });
    expect(() => decodeDirectoryCursor(cursor, 'name')).toThrow(BadRequestException);
  });

  const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  it.each([
    ['not JSON', 'bm9wZQ', 'updated'],
    ['a number as the name', raw(['name', 0, 1, 'a']), 'name'],
    ['a word as the timestamp', raw(['newest', 0, 'yesterday', 'a']), 'newest'],
    ['an unknown sort', raw(['oldest', 0, '2026-11-24T10:00:00.000Z', 'a']), 'updated'],
  ] as const)('refuses a cursor holding %s with a 400', (_, cursor, sort) => {
    expect(() => decodeDirectoryCursor(cursor, sort)).toThrow(BadRequestException);
  });
});
