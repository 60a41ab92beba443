import {
  formatHours, formatTarget, isTimeZone, minutesText, parseHolidays, parseMinutes, parseWhole, spansOverlap, weekdayNames, weekFromHours,
} from './teams-form-rules';

describe('teams and SLA form rules', () => {
  it('accepts only whole numbers within bounds', () => {
    expect(parseWhole(' 12 ', 1, 99)).toBe(12);
    expect(parseWhole('0', 1, 99)).toBeUndefined();
    expect(parseWhole('100', 1, 99)).toBeUndefined();
    expect(parseWhole('1.5', 1, 99)).toBeUndefined();
    expect(parseWhole('abc', 1, 99)).toBeUndefined();
    expect(parseWhole('', 0, 9)).toBeUndefined();
  });

  it('reads target minutes: empty is no target, nonsense is an error', () => {
    expect(parseMinutes('')).toBeNull();
    expect(parseMinutes('15')).toBe(15);
    expect(parseMinutes('1,5')).toBe(1.5);
    expect(parseMinutes('-5')).toBeUndefined();
    expect(parseMinutes('0')).toBeUndefined();
    expect(parseMinutes('soon')).toBeUndefined();
    expect(parseMinutes(String(400 * 24 * 60))).toBeUndefined();
  });

  it('knows time zones and real dates', () => {
    expect(isTimeZone('Europe/Moscow')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(parseHolidays('2027-01-01, 2026-12-31\n2026-12-31')).toEqual(['2026-12-31', '2027-01-01']);
    expect(parseHolidays('')).toEqual([]);
    expect(parseHolidays('2026-02-30')).toBeNull();
    expect(parseHolidays('31.12.2026')).toBeNull();
  });

  it('names weekdays from Sunday, capitalised in Russian too', () => {
    expect(weekdayNames('en', 'long')[1]).toBe('Monday');
    expect(weekdayNames('ru', 'long')[1]).toBe('Понедельник');
  });

  it('writes targets and weekly hours for people', () => {
    const units = { d: 'd', h: 'h', m: 'm', s: 's' };
    expect(formatTarget(900, units)).toBe('15m');
    expect(formatTarget(90, units)).toBe('1m 30s');
    expect(formatTarget(5400, units)).toBe('1h 30m');
    expect(formatTarget(86400, units)).toBe('1d');
    expect(formatTarget(null, units)).toBe('—');
    const days = weekdayNames('en', 'short');
    const week = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' }));
    expect(formatHours([...week, { day: 6, start: '10:00', end: '14:00' }], days)).toBe('Mon–Fri 09:00–18:00; Sat 10:00–14:00');
    expect(formatHours([{ day: 0, start: '22:00', end: '06:00' }, { day: 6, start: '22:00', end: '06:00' }], days)).toBe('Sat, Sun 22:00–06:00');
  });

  it('shows stored targets as the minutes typed, so an edit round-trips', () => {
    expect(minutesText(5400)).toBe('90');
    expect(minutesText(90)).toBe('1.5');
    expect(minutesText(null)).toBe('');
    expect(parseMinutes(minutesText(3600))! * 60).toBe(3600);
  });

  it('lays stored hours out by weekday, several spans a day in order', () => {
    const week = weekFromHours([{ day: 1, start: '14:00', end: '18:00' }, { day: 1, start: '09:00', end: '13:00' }, { day: 6, start: '22:00', end: '02:00' }]);
    expect(week[1]).toEqual([{ start: '09:00', end: '13:00' }, { start: '14:00', end: '18:00' }]);
    expect(week[6]).toEqual([{ start: '22:00', end: '02:00' }]);
    expect(week[0]).toEqual([]);
  });

  it('finds overlapping spans within a day, an overnight one included', () => {
    expect(spansOverlap([{ start: '09:00', end: '13:00' }, { start: '14:00', end: '18:00' }])).toBe(false);
    expect(spansOverlap([{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }])).toBe(true);
    expect(spansOverlap([{ start: '22:00', end: '02:00' }, { start: '23:00', end: '23:30' }])).toBe(true);
    expect(spansOverlap([{ start: '09:00', end: '13:00' }, { start: '13:00', end: '18:00' }])).toBe(false);
  });
});
