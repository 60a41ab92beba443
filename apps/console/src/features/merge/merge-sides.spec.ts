import type { CustomerDto, MergeSuggestionDto } from '@parley/contracts';
import {
  defaultSides,
  formatCountdown,
  involvesAny,
  otherCustomer,
  resultFootprint,
  suggestionSides,
  swapSides,
  undoSecondsLeft,
  upsertSuggestion,
} from './merge-sides';

const customer = (id: string, name: string, createdAt: string): CustomerDto => ({
  id,
  name,
  email: null,
  phone: null,
  attributes: {},
  tags: [],
  identities: [],
  mergedIntoId: null,
  createdAt,
  updatedAt: createdAt,
});

const maria = customer('c-old', 'Мария Иванова', '2026-11-01T09:00:00Z');
const visitor = customer('c-new', 'Мария', '2026-12-06T21:00:00Z');
const suggestion = (id: string, createdAt: string): MergeSuggestionDto => ({
  id,
  customer: maria,
  duplicate: visitor,
  evidence: [{ kind: 'same_email', values: ['maria@example.com'] }],
  createdAt,
});

describe('which record to keep', () => {
  it('keeps the older record whichever the agent picked first', () => {
    expect(defaultSides(visitor, maria)).toEqual({ targetId: 'c-old', sourceId: 'c-new' });
    expect(defaultSides(maria, visitor)).toEqual({ targetId: 'c-old', sourceId: 'c-new' });
  });

  it('keeps the suggestion’s older record and swaps on request', () => {
    const sides = suggestionSides(suggestion('s1', '2026-12-06T21:01:00Z'));
    expect(sides).toEqual({ targetId: 'c-old', sourceId: 'c-new' });
    expect(swapSides(sides)).toEqual({ targetId: 'c-new', sourceId: 'c-old' });
    expect(swapSides(swapSides(sides))).toEqual(sides);
  });

  it('names the other record of a suggestion', () => {
    const s = suggestion('s1', '2026-12-06T21:01:00Z');
    expect(otherCustomer(s, 'c-new').id).toBe('c-old');
    expect(otherCustomer(s, 'c-old').id).toBe('c-new');
  });
});

describe('suggestion lists', () => {
  it('puts the newest first and never lists one twice', () => {
    const older = suggestion('s1', '2026-12-06T20:00:00Z');
    const newer = suggestion('s2', '2026-12-06T21:00:00Z');
    expect(upsertSuggestion([older], newer).map((s) => s.id)).toEqual(['s2', 's1']);
    expect(upsertSuggestion([newer, older], older).map((s) => s.id)).toEqual(['s2', 's1']);
  });

  it('finds the suggestions a merge made stale', () => {
    const s = suggestion('s1', '2026-12-06T21:01:00Z');
    expect(involvesAny(s, ['c-new'])).toBe(true);
    expect(involvesAny(s, ['c-other'])).toBe(false);
  });
});

describe('undo window', () => {
  const now = Date.parse('2026-12-06T21:00:00Z');

  it('counts the seconds left while the grace period runs', () => {
    expect(undoSecondsLeft({ undoableUntil: '2026-12-06T21:05:00Z', undoneAt: null }, now)).toBe(300);
    expect(undoSecondsLeft({ undoableUntil: '2026-12-06T21:00:00.500Z', undoneAt: null }, now)).toBe(1);
  });

  it('offers no undo once expired, undone or never undoable', () => {
    expect(undoSecondsLeft({ undoableUntil: '2026-12-06T20:59:59Z', undoneAt: null }, now)).toBe(0);
    expect(undoSecondsLeft({ undoableUntil: '2026-12-06T21:05:00Z', undoneAt: '2026-12-06T20:59:00Z' }, now)).toBe(0);
    expect(undoSecondsLeft({ undoableUntil: null, undoneAt: null }, now)).toBe(0);
  });

  it('shows the time left as minutes and seconds', () => {
    expect(formatCountdown(300)).toBe('5:00');
    expect(formatCountdown(9)).toBe('0:09');
    expect(formatCountdown(-3)).toBe('0:00');
  });
});

describe('resultFootprint', () => {
  it('adds up both records and lists each channel once', () => {
    expect(
      resultFootprint({
        targetFootprint: { conversations: 1, timelineEvents: 4, channels: ['email'] },
        sourceFootprint: { conversations: 2, timelineEvents: 3, channels: ['webchat', 'email'] },
      }),
    ).toEqual({ conversations: 3, timelineEvents: 7, channels: ['email', 'webchat'] });
  });
});
