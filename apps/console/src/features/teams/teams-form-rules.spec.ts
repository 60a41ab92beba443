import { formatHours, formatTarget, isTimeZone, parseHolidays, parseMinutes, parseWhole, weekdayNames } from './teams-form-rules';

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
});
