import type { ConversationSlaDto } from '@parley/contracts';

export type SlaTone = 'ok' | 'warning' | 'breached' | 'paused' | 'none';

/** Green until the warning share, amber until the deadline, red after it (or once breached). */
export function slaTone(sla: ConversationSlaDto | undefined, nowMs: number): SlaTone {
  if (!sla || !sla.timers.length) return 'none';
  if (sla.breached) return 'breached';
  if (!sla.nextDueAt) return sla.timers.some((t) => t.state === 'paused') ? 'paused' : 'none';
  if (nowMs >= Date.parse(sla.nextDueAt)) return 'breached';
  if (sla.nextWarnAt && nowMs >= Date.parse(sla.nextWarnAt)) return 'warning';
  return 'ok';
}

/** Unit suffixes of a duration (with their leading space, if any); the console passes `sla.units.*`. */
export interface DurationUnits {
  d: string;
  h: string;
  m: string;
  s: string;
}

const EN_UNITS: DurationUnits = { d: 'd', h: 'h', m: 'm', s: 's' };

/** "2h 05m", "4m 09s", "45s", "-1m 30s" (overdue); in Russian "2 ч 05 мин". */
export function formatRemaining(ms: number, units: DurationUnits = EN_UNITS): string {
  let s = Math.floor(Math.abs(ms) / 1000);
  const sign = ms < 0 && s > 0 ? '-' : '';
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (d > 0) return `${sign}${d}${units.d} ${pad(h)}${units.h}`;
  if (h > 0) return `${sign}${h}${units.h} ${pad(m)}${units.m}`;
  if (m > 0) return `${sign}${m}${units.m} ${pad(s)}${units.s}`;
  return `${sign}${s}${units.s}`;
}

/** Parses "1 09:00-18:00" lines (day 0 = Sunday) into weekly hours; null on a malformed line. */
export function parseHours(text: string): { day: number; start: string; end: string }[] | null {
  const out: { day: number; start: string; end: string }[] = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const m = /^([0-6])\s+(\d{2}:\d{2})\s*-\s*(\d{2}:\d{2})$/.exec(line);
    if (!m) return null;
    out.push({ day: Number(m[1]), start: m[2], end: m[3] });
  }
  return out;
}

/**
 * A deadline in words for the SLA pill: how long is left, or how long it is overdue, to the minute
 * ("12 min", "2 h 05 min"; seconds only in the last minute), so the text says what the colour says.
 */
export function describeDue(ms: number, units: DurationUnits): { overdue: boolean; time: string } {
  const overdue = ms < 0;
  const total = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = d > 0 ? `${d}${units.d} ${pad(h)}${units.h}` : h > 0 ? `${h}${units.h} ${pad(m)}${units.m}` : m > 0 ? `${m}${units.m}` : `${total}${units.s}`;
  return { overdue, time };
}
