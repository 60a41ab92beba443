import { calendarDaysAgo, dayKey, formatDayLabel, formatListTime } from './format-date';

const now = new Date(2024, 4, 15, 15, 30); // Wed 15 May 2024, local time

describe('calendarDaysAgo', () => {
  it('counts calendar days, not 24 hour spans', () => {
    expect(calendarDaysAgo(new Date(2024, 4, 14, 23, 59), now)).toBe(1);
    expect(calendarDaysAgo(new Date(2024, 4, 15, 0, 1), now)).toBe(0);
  });
});

describe('formatListTime', () => {
  it('shows the clock time for today', () => {
    const iso = new Date(2024, 4, 15, 9, 5).toISOString();
    expect(formatListTime(iso, 'en', now)).toMatch(/09:05|9:05/);
  });

  it('shows a weekday within the last week, in the active language', () => {
    const iso = new Date(2024, 4, 13, 9, 5).toISOString();
    expect(formatListTime(iso, 'en', now)).toBe('Mon');
    expect(formatListTime(iso, 'ru', now)).toBe('пн');
  });

  it('shows a date for older conversations', () => {
    const iso = new Date(2024, 1, 3, 9, 5).toISOString();
    expect(formatListTime(iso, 'en', now)).toBe('Feb 3');
  });

  it('returns an empty string for a broken timestamp', () => {
    expect(formatListTime('nope', 'en', now)).toBe('');
  });
});

describe('formatDayLabel', () => {
  it('says today and yesterday in the active language', () => {
    expect(formatDayLabel(new Date(2024, 4, 15, 8).toISOString(), 'en', now)).toBe('Today');
    expect(formatDayLabel(new Date(2024, 4, 14, 8).toISOString(), 'ru', now)).toBe('Вчера');
  });

  it('groups by local day', () => {
    expect(dayKey(new Date(2024, 4, 15, 0, 1).toISOString())).toBe(dayKey(new Date(2024, 4, 15, 23, 59).toISOString()));
  });
});
