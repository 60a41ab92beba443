import { BadRequestException } from '@nestjs/common';
import { decodeCursor, encodeCursor } from './cursor';

describe('keyset cursor', () => {
  it('round-trips a timestamp and id', () => {
    const at = new Date('2026-11-24T10:00:00.123Z');
    expect(decodeCursor(encodeCursor(at, 'abc'))).toEqual({ at, id: 'abc' });
  });

  it('treats a missing cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeNull();
  });

  it('rejects a tampered cursor with a 400', () => {
    expect(() => decodeCursor('bm9wZQ')).toThrow(BadRequestException);
  });
});
