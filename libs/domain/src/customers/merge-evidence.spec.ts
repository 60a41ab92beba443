import { combineEvidence, mergeEvidence, orderedPair } from './merge-evidence';
import { mergedFields, mergeUndoMinutes, undoableUntil } from './merge-rules';

const maria = { name: 'Мария Иванова', email: 'Maria@Example.com', phone: '8 916 123-45-67', channels: ['webchat'] };

describe('mergeEvidence', () => {
  it('finds the same email and the same phone written differently', () => {
    const other = { name: null, email: 'maria@example.com', phone: '+7 (916) 123-45-67', channels: ['sms'] };
    expect(mergeEvidence(maria, other, 'RU')).toEqual([
      { kind: 'same_email', values: ['Maria@Example.com', 'maria@example.com'] },
      { kind: 'same_phone', values: ['8 916 123-45-67', '+7 (916) 123-45-67'] },
    ]);
  });

  it('counts the same full name only across channels', () => {
    const telegram = { name: 'МАРИЯ ИВАНОВА', email: null, phone: null, channels: ['telegram'] };
    const webchat = { ...telegram, channels: ['webchat'] };
    expect(mergeEvidence(maria, telegram)).toEqual([{ kind: 'same_name', values: ['Мария Иванова', 'МАРИЯ ИВАНОВА'] }]);
    expect(mergeEvidence(maria, webchat)).toEqual([]);
  });

  it('finds nothing between different people', () => {
    expect(mergeEvidence(maria, { name: 'Пётр Сидоров', email: 'petr@example.com', phone: '+79031112233', channels: ['sms'] })).toEqual([]);
  });
});

describe('combineEvidence and orderedPair', () => {
  it('adds new kinds only and stores a pair one way round', () => {
    const email = { kind: 'same_email' as const, values: ['a', 'a'] };
    const prechat = { kind: 'prechat_email' as const, values: ['a', 'a'] };
    expect(combineEvidence([email], [email, prechat])).toEqual([email, prechat]);
    expect(orderedPair('b', 'a')).toEqual(['a', 'b']);
    expect(orderedPair('a', 'b')).toEqual(['a', 'b']);
  });
});

describe('merge rules', () => {
  it('keeps the target values and fills blanks from the source', () => {
    const result = mergedFields(
      { name: 'Мария Иванова', email: null, phone: '+79161234567', tags: ['vip'], attributes: { plan: 'gold' } },
      { name: 'Маша', email: 'maria@example.com', phone: null, tags: ['vip', 'опт'], attributes: { plan: 'free', city: 'Москва' } },
    );
    expect(result).toEqual({ name: 'Мария Иванова', email: 'maria@example.com', phone: '+79161234567', tags: ['vip', 'опт'], attributes: { plan: 'gold', city: 'Москва' } });
  });

  it('allows undo within the grace period only', () => {
    const mergedAt = new Date('2026-12-06T10:00:00Z');
    expect(undoableUntil(mergedAt, null, 60, new Date('2026-12-06T10:59:00Z'))).toEqual(new Date('2026-12-06T11:00:00Z'));
    expect(undoableUntil(mergedAt, null, 60, new Date('2026-12-06T11:00:01Z'))).toBeNull();
    expect(undoableUntil(mergedAt, new Date('2026-12-06T10:01:00Z'), 60, new Date('2026-12-06T10:02:00Z'))).toBeNull();
    expect(mergeUndoMinutes(undefined)).toBe(60);
    expect(mergeUndoMinutes('5')).toBe(5);
    expect(mergeUndoMinutes('abc')).toBe(60);
  });
});
