export type SnoozePreset = 'oneHour' | 'tomorrow' | 'nextWeek';
export const SNOOZE_PRESETS: readonly SnoozePreset[] = ['oneHour', 'tomorrow', 'nextWeek'];

/** Mornings start at 09:00 local time, as in most helpdesks. */
const MORNING_HOUR = 9;

export function snoozeUntil(preset: SnoozePreset, now: Date = new Date()): Date {
  switch (preset) {
    case 'oneHour':
      return new Date(now.getTime() + 60 * 60 * 1000);
    case 'tomorrow':
      return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, MORNING_HOUR);
    case 'nextWeek': {
      // Next Monday; on a Monday, the Monday after.
      const daysToMonday = ((8 - now.getDay()) % 7) || 7;
      return new Date(now.getFullYear(), now.getMonth(), now.getDate() + daysToMonday, MORNING_HOUR);
    }
  }
}
