import type { WeeklyInterval } from '@parley/contracts';

/** Day numbers (0 = Sunday) in the order the forms list them: Monday first. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const;

/** A whole number within bounds; undefined when empty or anything else. */
export function parseWhole(text: string, min: number, max: number): number | undefined {
  const s = text.trim();
  if (!/^-?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= min && n <= max ? n : undefined;
}

/** Target minutes typed in a cell: null when left empty (no target), undefined when not a positive number up to a year. */
export function parseMinutes(text: string): number | null | undefined {
  const s = text.trim().replace(',', '.');
  if (s === '') return null;
  if (!/^\d+(\.\d+)?$/.test(s)) return undefined;
  const n = Number(s);
  return n > 0 && n * 60 >= 1 && n <= 366 * 24 * 60 ? n : undefined;
}

export function isTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "2026-12-31, 2027-01-01" (commas, spaces or lines) → dates; null when one is not a real YYYY-MM-DD day. */
export function parseHolidays(text: string): string[] | null {
  const out: string[] = [];
  for (const s of text.split(/[\s,;]+/).filter(Boolean)) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return null;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return null;
    if (!out.includes(s)) out.push(s);
  }
  return out.sort();
}

/** Weekday names indexed by day number (0 = Sunday), capitalised: "Monday", "Понедельник", "Пн". */
export function weekdayNames(locale: string, width: 'short' | 'long'): string[] {
  const fmt = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' });
  // 7 January 2024 was a Sunday.
  return Array.from({ length: 7 }, (_, day) => {
    const name = fmt.format(new Date(Date.UTC(2024, 0, 7 + day)));
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  });
}

export interface TargetUnits {
  d: string;
  h: string;
  m: string;
  s: string;
}

/** A target for people: 900 → "15m", 90 → "1m 30s", 5400 → "1h 30m", 86400 → "1d"; null → "—". */
export function formatTarget(seconds: number | null, units: TargetUnits): string {
  if (seconds === null || seconds === undefined) return '—';
  const total = Math.max(1, Math.round(seconds));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  // Seconds only matter for short targets.
  const s = total < 3600 ? total % 60 : 0;
  const parts = [d && `${d}${units.d}`, h && `${h}${units.h}`, m && `${m}${units.m}`, s && `${s}${units.s}`].filter(Boolean);
  return parts.join(' ');
}

/** Weekly hours in one line: "Mon–Fri 09:00–18:00; Sat 10:00–14:00". */
export function formatHours(hours: WeeklyInterval[], dayNames: string[]): string {
  const groups = new Map<string, number[]>();
  for (const h of hours) {
    const key = `${h.start}–${h.end}`;
    groups.set(key, [...(groups.get(key) ?? []), h.day]);
  }
  const order = (day: number) => WEEK_ORDER.indexOf(day as (typeof WEEK_ORDER)[number]);
  return [...groups.entries()]
    .sort((a, b) => Math.min(...a[1].map(order)) - Math.min(...b[1].map(order)))
    .map(([span, days]) => {
      const idx = [...new Set(days.map(order))].sort((a, b) => a - b);
      const runs: string[] = [];
      for (let i = 0; i < idx.length; ) {
        let j = i;
        while (j + 1 < idx.length && idx[j + 1] === idx[j] + 1) j++;
        const from = dayNames[WEEK_ORDER[idx[i]]];
        const to = dayNames[WEEK_ORDER[idx[j]]];
        runs.push(j - i >= 2 ? `${from}–${to}` : j > i ? `${from}, ${to}` : from);
        i = j + 1;
      }
      return `${runs.join(', ')} ${span}`;
    })
    .join('; ');
}

/** A stored target in the minutes a cell shows: 5400 → "90", 90 → "1.5", null → "". */
export function minutesText(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '';
  return String(Math.round((seconds / 60) * 100) / 100);
}

export interface Span {
  start: string;
  end: string;
}

/** One row per weekday (index = day number, 0 = Sunday) with its open spans, from stored hours. */
export function weekFromHours(hours: WeeklyInterval[]): Span[][] {
  const week: Span[][] = Array.from({ length: 7 }, () => []);
  for (const h of hours) week[h.day]?.push({ start: h.start, end: h.end });
  for (const spans of week) spans.sort((a, b) => a.start.localeCompare(b.start));
  return week;
}

const minutesOfDay = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Do two spans of one day overlap? Spans running past midnight count to the end of the day here;
 * the server checks the whole week, across midnight too.
 */
export function spansOverlap(spans: Span[]): boolean {
  const ranges = spans
    .map((s) => {
      const start = minutesOfDay(s.start);
      const end = minutesOfDay(s.end);
      return [start, end > start ? end : 24 * 60] as const;
    })
    .sort((a, b) => a[0] - b[0]);
  return ranges.some((r, i) => i > 0 && r[0] < ranges[i - 1][1]);
}
