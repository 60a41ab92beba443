import type { WidgetAvailability } from '@parley/contracts';
import type { MessageKey, Translate } from './i18n';

/** Up to this, "a few minutes" is the honest promise. */
const FEW_MINUTES = 15;
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The header line: what the visitor can expect from the team right now. */
export function availabilityText(availability: WidgetAvailability, t: Translate, now = new Date()): string {
  const minutes = availability.expectedReplyMinutes;
  if (availability.state === 'online') {
    return minutes !== undefined && minutes > FEW_MINUTES ? t('onlineWithin', { time: duration(minutes, t) }) : t('subtitle');
  }
  if (availability.state === 'offline') return t('agentsOffline');
  const opens = availability.nextOpenAt ? new Date(availability.nextOpenAt) : null;
  if (opens && !Number.isNaN(opens.getTime())) {
    const zone = knownZone(availability.timezone) ?? 'UTC';
    return t('awayBack', { when: whenText(opens, zone, now, t), timezone: zone });
  }
  return t('awayReply', { time: duration(minutes ?? 60, t) });
}

/** "today at 09:00", "tomorrow at 09:00", "on Monday at 09:00": the team's wall clock, 24-hour. */
function whenText(at: Date, zone: string, now: Date, t: Translate): string {
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  if (day(at) === day(now)) return t('whenToday', { time });
  if (day(at) === day(new Date(now.getTime() + 86_400_000))) return t('whenTomorrow', { time });
  const weekday = WEEKDAYS[new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short' }).format(at)] ?? 0;
  return t(`whenDay${weekday}` as MessageKey, { time });
}

function duration(minutes: number, t: Translate): string {
  return minutes < 60 ? t('minutes', { count: Math.max(1, Math.round(minutes)) }) : t('hours', { count: Math.ceil(minutes / 60) });
}

function knownZone(zone: string | undefined): string | null {
  if (!zone) return null;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}
