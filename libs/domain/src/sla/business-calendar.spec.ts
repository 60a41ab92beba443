import { addBusinessSeconds, businessSecondsBetween, calendarProblems, isOpenAt, type CalendarSpec } from './business-calendar';

const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));
const H = 3600;

describe('business calendar', () => {
  const moscow: CalendarSpec = { timeZone: 'Europe/Moscow', hours: weekdays('09:00', '18:00'), holidays: [] };

  it('counts only open hours on weekdays and skips the weekend', () => {
    // Friday 2026-03-06 17:00 Moscow (14:00Z): one hour left on Friday, then Monday 09:00.
    const due = addBusinessSeconds(moscow, new Date('2026-03-06T14:00:00Z'), 2 * H);
    expect(due.toISOString()).toBe('2026-03-09T07:00:00.000Z'); // Monday 10:00 Moscow
    expect(businessSecondsBetween(moscow, new Date('2026-03-06T14:00:00Z'), due)).toBe(2 * H);
  });

  it('starts counting at opening time when the clock starts at night', () => {
    const due = addBusinessSeconds(moscow, new Date('2026-03-03T20:00:00Z'), 30 * 60); // Tuesday 23:00 Moscow
    expect(due.toISOString()).toBe('2026-03-04T06:30:00.000Z'); // Wednesday 09:30 Moscow
  });

  it('skips holidays as whole local days', () => {
    const withHoliday = { ...moscow, holidays: ['2026-03-09'] };
    const due = addBusinessSeconds(withHoliday, new Date('2026-03-06T14:00:00Z'), 2 * H);
    expect(due.toISOString()).toBe('2026-03-10T07:00:00.000Z'); // Tuesday 10:00
  });

  it('runs overnight hours past midnight into the next day', () => {
    const night: CalendarSpec = { timeZone: 'Europe/Moscow', hours: [{ day: 5, start: '22:00', end: '06:00' }], holidays: [] };
    // Friday 2026-03-06 23:00 Moscow: 7 hours open until Saturday 06:00.
    const start = new Date('2026-03-06T20:00:00Z');
    expect(addBusinessSeconds(night, start, 5 * H).toISOString()).toBe('2026-03-07T01:00:00.000Z'); // Sat 04:00 Moscow
    expect(isOpenAt(night, new Date('2026-03-07T02:00:00Z'))).toBe(true); // Sat 05:00
    expect(isOpenAt(night, new Date('2026-03-07T04:00:00Z'))).toBe(false); // Sat 07:00
    // Next Friday night after 7 hours are used up.
    expect(addBusinessSeconds(night, start, 8 * H).toISOString()).toBe('2026-03-13T20:00:00.000Z');
  });

  it('closes the part of an overnight shift that falls on a holiday', () => {
    const night: CalendarSpec = { timeZone: 'Europe/Moscow', hours: [{ day: 5, start: '22:00', end: '06:00' }], holidays: ['2026-03-07'] };
    expect(businessSecondsBetween(night, new Date('2026-03-06T18:00:00Z'), new Date('2026-03-07T06:00:00Z'))).toBe(2 * H);
  });

  it('follows the wall clock across a DST change (Europe/Berlin, spring forward 2026-03-29)', () => {
    const berlin: CalendarSpec = { timeZone: 'Europe/Berlin', hours: [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, start: '00:00', end: '24:00' })), holidays: [] };
    // Saturday 12:00 CET → Sunday 12:00 CEST is 23 real hours, all of them open.
    const sat = new Date('2026-03-28T11:00:00Z');
    const sun = new Date('2026-03-29T10:00:00Z');
    expect(businessSecondsBetween(berlin, sat, sun)).toBe(23 * H);
    const office: CalendarSpec = { timeZone: 'Europe/Berlin', hours: weekdays('09:00', '17:00'), holidays: [] };
    // Friday 16:00 CET + 2h → Monday 10:00 CEST, which is 08:00Z (it was 08:00Z = 09:00 CET a week earlier).
    expect(addBusinessSeconds(office, new Date('2026-03-27T15:00:00Z'), 2 * H).toISOString()).toBe('2026-03-30T08:00:00.000Z');
  });

  it('follows the wall clock across a DST change (America/New_York, fall back 2026-11-01)', () => {
    const ny: CalendarSpec = { timeZone: 'America/New_York', hours: [{ day: 0, start: '00:00', end: '24:00' }], holidays: [] };
    // Sunday 2026-11-01 is 25 hours long in New York.
    expect(businessSecondsBetween(ny, new Date('2026-11-01T04:00:00Z'), new Date('2026-11-02T12:00:00Z'))).toBe(25 * H);
  });

  it('rejects impossible calendars', () => {
    expect(calendarProblems({ timeZone: 'Mars/Olympus', hours: weekdays('09:00', '18:00'), holidays: [] })).toContain('unknown time zone "Mars/Olympus"');
    expect(calendarProblems({ timeZone: 'UTC', hours: [], holidays: [] })).toContain('the calendar has no open hours');
    expect(calendarProblems({ timeZone: 'UTC', hours: [{ day: 1, start: '09:00', end: '13:00' }, { day: 1, start: '12:00', end: '18:00' }], holidays: [] })).toContain('open hours overlap');
    // Saturday night into Sunday morning overlaps Sunday's early shift across the week boundary.
    expect(calendarProblems({ timeZone: 'UTC', hours: [{ day: 6, start: '22:00', end: '04:00' }, { day: 0, start: '03:00', end: '05:00' }], holidays: [] })).toContain('open hours overlap');
    expect(calendarProblems({ timeZone: 'UTC', hours: [{ day: 7, start: '09:00', end: '10:00' }], holidays: ['2026-13-45x'] }).length).toBe(2);
    expect(calendarProblems({ timeZone: 'Europe/Berlin', hours: weekdays('09:00', '18:00'), holidays: ['2026-12-25'] })).toEqual([]);
  });

  it('refuses a calendar that never opens', () => {
    const never: CalendarSpec = { timeZone: 'UTC', hours: [{ day: 1, start: '09:00', end: '10:00' }], holidays: [] };
    const allMondays = Array.from({ length: 200 }, (_, i) => new Date(Date.UTC(2026, 0, 5 + i * 7)).toISOString().slice(0, 10));
    expect(() => addBusinessSeconds({ ...never, holidays: allMondays }, new Date('2026-01-01T00:00:00Z'), 60)).toThrow(/no open time/);
  });
});
