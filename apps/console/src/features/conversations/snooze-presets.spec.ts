import { snoozeUntil } from './snooze-presets';

describe('snoozeUntil', () => {
  const wednesdayEvening = new Date(2024, 4, 15, 18, 20);

  it('snoozes for one hour', () => {
    expect(snoozeUntil('oneHour', wednesdayEvening)).toEqual(new Date(2024, 4, 15, 19, 20));
  });

  it('wakes tomorrow morning, across a month end', () => {
    expect(snoozeUntil('tomorrow', wednesdayEvening)).toEqual(new Date(2024, 4, 16, 9, 0));
    expect(snoozeUntil('tomorrow', new Date(2024, 4, 31, 10))).toEqual(new Date(2024, 5, 1, 9, 0));
  });

  it('wakes next Monday morning', () => {
    expect(snoozeUntil('nextWeek', wednesdayEvening)).toEqual(new Date(2024, 4, 20, 9, 0));
    expect(snoozeUntil('nextWeek', new Date(2024, 4, 19, 12))).toEqual(new Date(2024, 4, 20, 9, 0));
    expect(snoozeUntil('nextWeek', new Date(2024, 4, 20, 8))).toEqual(new Date(2024, 4, 27, 9, 0));
  });
});
