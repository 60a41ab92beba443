import { BadRequestException } from '@nestjs/common';
import { decodeCursor, encodeCursor, keysetCondition } from './cursor';

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

describe('keysetCondition', () => {
  const key = { at: new Date('2026-11-24T10:00:00.123Z'), id: 'b' };

  it('pages newest first as one row comparison below the key', () => {
    expect(keysetCondition(['e.occurredAt', 'e.id'], key, 'DESC')).toEqual({
      where: '(e.occurredAt, e.id) < (:keysetAt, :keysetId)',
      parameters: { keysetAt: key.at, keysetId: 'b' },
    });
  });

  it('pages oldest first as one row comparison above the key', () => {
    expect(keysetCondition(['t.next_fire_at', 't.id'], key, 'ASC').where).toBe('(t.next_fire_at, t.id) > (:keysetAt, :keysetId)');
  });

  it('never writes the OR form that PostgreSQL can only filter with', () => {
    expect(keysetCondition(['c.lastMessageAt', 'c.id'], key, 'DESC').where).not.toMatch(/\bOR\b/i);
  });

  it('refuses anything but a column name, so no text reaches the SQL unchecked', () => {
    expect(() => keysetCondition(['e.occurredAt); DROP TABLE x; --', 'e.id'], key, 'DESC')).toThrow(/Not a column/);
  });
});
