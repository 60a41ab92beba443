import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';

/**
 * Open hours: `day` 0 = Sunday … 6 = Saturday; `end` ≤ `start` runs past midnight. The domain keeps
 * its own words; tools/lint/domain-contracts.spec.ts keeps them equal to the api's.
 */
export interface WeeklyInterval {
  day: number;
  start: string;
  end: string;
}

/** What the clock needs of a calendar: open hours in a zone, minus whole local holidays. */
export interface CalendarSpec {
  timeZone: string;
  hours: WeeklyInterval[];
  holidays: string[];
}

const HHMM = /^([01]\d|2[0-4]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;
const WEEK_MIN = 7 * 24 * 60;

const minutesOf = (hhmm: string): number => {
  const [, h, m] = HHMM.exec(hhmm)!;
  return Number(h) * 60 + Number(m);
};

export function isKnownTimeZone(zone: string): boolean {
  if (!zone || typeof zone !== 'string') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every reason the calendar cannot be used; empty when it is fine. */
export function calendarProblems(spec: CalendarSpec): string[] {
  const problems: string[] = [];
  if (!isKnownTimeZone(spec.timeZone)) problems.push(`unknown time zone "${spec.timeZone}"`);
  if (!Array.isArray(spec.hours) || spec.hours.length === 0) problems.push('the calendar has no open hours');
  const spans: [number, number][] = [];
  for (const h of spec.hours ?? []) {
    if (!Number.isInteger(h.day) || h.day < 0 || h.day > 6) {
      problems.push(`day must be 0 (Sunday) … 6 (Saturday), got ${h.day}`);
      continue;
    }
    if (!HHMM.test(h.start) || !HHMM.test(h.end) || minutesOf(h.start) >= 24 * 60) {
      problems.push(`hours must be HH:mm (start before 24:00), got ${h.start}–${h.end}`);
      continue;
    }
    const start = h.day * 24 * 60 + minutesOf(h.start);
    let length = minutesOf(h.end) - minutesOf(h.start);
    if (length <= 0) length += 24 * 60; // past midnight
    spans.push([start, start + length]);
  }
  // Overlap on the weekly circle: Saturday 22:00–02:00 reaches into Sunday.
  const unrolled = spans.flatMap(([s, e]) => (e > WEEK_MIN ? [[s, WEEK_MIN], [0, e - WEEK_MIN]] : [[s, e]])).sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < unrolled.length; i++) {
    if (unrolled[i][0] < unrolled[i - 1][1]) {
      problems.push('open hours overlap');
      break;
    }
  }
  for (const d of spec.holidays ?? []) {
    if (!DATE.test(d) || Number.isNaN(Date.parse(`${d}T00:00:00Z`))) problems.push(`holiday must be YYYY-MM-DD, got ${d}`);
  }
  return problems;
}

const nextDate = (ymd: string, days = 1): string => new Date(Date.parse(`${ymd}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const weekdayOf = (ymd: string): number => new Date(`${ymd}T00:00:00Z`).getUTCDay();

/**
 * The calendar's open intervals (UTC ms) that start on local days from `fromDay` for `days` days.
 * Wall times are turned into instants per day, so a DST change shortens or lengthens that day's
 * hours exactly as the clock on the wall does.
 */
export function openIntervals(spec: CalendarSpec, fromDay: string, days: number): [number, number][] {
  const holidays = new Set(spec.holidays);
  const out: [number, number][] = [];
  let day = fromDay;
  for (let i = 0; i < days; i++, day = nextDate(day)) {
    const weekday = weekdayOf(day);
    for (const h of spec.hours) {
      if (h.day !== weekday) continue;
      const overnight = minutesOf(h.end) <= minutesOf(h.start);
      const start = fromZonedTime(`${day}T${h.start}:00`, spec.timeZone).getTime();
      const endDay = overnight || h.end === '24:00' ? nextDate(day) : day;
      const endTime = h.end === '24:00' ? '00:00' : h.end;
      const end = fromZonedTime(`${endDay}T${endTime}:00`, spec.timeZone).getTime();
      if (overnight || h.end === '24:00') {
        const midnight = fromZonedTime(`${nextDate(day)}T00:00:00`, spec.timeZone).getTime();
        if (!holidays.has(day)) out.push([start, Math.min(midnight, end)]);
        if (end > midnight && !holidays.has(nextDate(day))) out.push([midnight, end]);
      } else if (!holidays.has(day)) {
        out.push([start, end]);
      }
    }
  }
  return out.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
}

const localDay = (at: number, zone: string): string => formatInTimeZone(at, zone, 'yyyy-MM-dd');

/** Searching further than this for open time means the calendar never opens (all holidays). */
const HORIZON_DAYS = 800;
const CHUNK_DAYS = 14;

/** The instant when `seconds` of open time have passed since `from`; a null calendar is always open. */
export function addBusinessSeconds(spec: CalendarSpec | null, from: Date, seconds: number): Date {
  if (!spec) return new Date(from.getTime() + seconds * 1000);
  let remaining = Math.max(0, seconds) * 1000;
  const t0 = from.getTime();
  // Start a day early: yesterday's overnight hours may still be open now.
  let day = nextDate(localDay(t0, spec.timeZone), -1);
  for (let scanned = 0; scanned < HORIZON_DAYS; scanned += CHUNK_DAYS, day = nextDate(day, CHUNK_DAYS)) {
    for (const [s, e] of openIntervals(spec, day, CHUNK_DAYS)) {
      if (e <= t0) continue;
      const start = Math.max(s, t0);
      const span = e - start;
      if (remaining <= span) return new Date(start + remaining);
      remaining -= span;
    }
  }
  throw new Error('The business calendar has no open time in the next two years');
}

/** Open time between two instants, in seconds (fractional). */
export function businessSecondsBetween(spec: CalendarSpec | null, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (!spec) return (b - a) / 1000;
  let total = 0;
  const days = Math.ceil((b - a) / DAY_MS) + 2;
  const first = nextDate(localDay(a, spec.timeZone), -1);
  for (let done = 0; done < days; done += CHUNK_DAYS) {
    for (const [s, e] of openIntervals(spec, nextDate(first, done), Math.min(CHUNK_DAYS, days - done))) {
      const lo = Math.max(s, a);
      const hi = Math.min(e, b);
      if (hi > lo) total += hi - lo;
    }
  }
  return total / 1000;
}

/** Is the calendar open at this instant? */
export function isOpenAt(spec: CalendarSpec | null, at: Date): boolean {
  if (!spec) return true;
  const t = at.getTime();
  return openIntervals(spec, nextDate(localDay(t, spec.timeZone), -1), 3).some(([s, e]) => s <= t && t < e);
}
