import type { CalendarSpec } from './business-calendar';
import { fireClock, meetClock, pauseClock, resumeClock, retargetClock, startClock, type ClockContext } from './sla-clock';

const at = (iso: string) => new Date(iso);
const allDay: ClockContext = { calendar: null, warnAtPercent: 80 };
const office: ClockContext = {
  calendar: { timeZone: 'UTC', hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' })), holidays: [] } as CalendarSpec,
  warnAtPercent: 50,
};

describe('SLA clock', () => {
  it('warns at the configured share and breaches at the target, once each', () => {
    const s = startClock(at('2026-03-02T10:00:00Z'), 600, allDay);
    expect(s.warnAt!.toISOString()).toBe('2026-03-02T10:08:00.000Z');
    expect(s.nextFireAt).toEqual(s.warnAt);
    const warned = fireClock(s, at('2026-03-02T10:08:00Z'));
    expect(warned).toMatchObject({ warned: true, breached: false });
    expect(warned.state.nextFireAt!.toISOString()).toBe('2026-03-02T10:10:00.000Z');
    const breached = fireClock(warned.state, at('2026-03-02T10:10:00Z'));
    expect(breached).toMatchObject({ warned: false, breached: true });
    expect(breached.state).toMatchObject({ state: 'breached', nextFireAt: null });
    expect(breached.state.breachedAt!.toISOString()).toBe('2026-03-02T10:10:00.000Z');
    expect(fireClock(breached.state, at('2026-03-02T11:00:00Z'))).toMatchObject({ warned: false, breached: false });
  });

  it('crosses warning and deadline in one firing when it fires late (after a restart)', () => {
    const s = startClock(at('2026-03-02T10:00:00Z'), 600, allDay);
    expect(fireClock(s, at('2026-03-02T12:00:00Z'))).toMatchObject({ warned: true, breached: true });
  });

  it('stops while pending on the customer and resumes with the time left', () => {
    const s = startClock(at('2026-03-02T10:00:00Z'), 3600, allDay);
    const paused = pauseClock(s, at('2026-03-02T10:20:00Z'), allDay);
    expect(paused).toMatchObject({ state: 'paused', consumedSeconds: 1200, dueAt: null, nextFireAt: null });
    expect(fireClock(paused, at('2026-03-02T12:00:00Z')).breached).toBe(false);
    const resumed = resumeClock(paused, at('2026-03-02T15:00:00Z'), allDay);
    expect(resumed.state).toBe('running');
    expect(resumed.dueAt!.toISOString()).toBe('2026-03-02T15:40:00.000Z');
  });

  it('pauses and resumes in business time', () => {
    const s = startClock(at('2026-03-06T16:00:00Z'), 4 * 3600, office); // Friday 16:00 UTC
    const paused = pauseClock(s, at('2026-03-09T10:00:00Z'), office); // Monday 10:00: 2 hours used
    expect(paused.consumedSeconds).toBe(7200);
    const resumed = resumeClock(paused, at('2026-03-09T16:00:00Z'), office);
    expect(resumed.dueAt!.toISOString()).toBe('2026-03-10T10:00:00.000Z');
  });

  it('moves the deadline when the target changes and keeps the time already used', () => {
    const s = startClock(at('2026-03-02T10:00:00Z'), 3600, allDay);
    const urgent = retargetClock(s, 1800, at('2026-03-02T10:10:00Z'), allDay, allDay);
    expect(urgent.dueAt!.toISOString()).toBe('2026-03-02T10:30:00.000Z');
    expect(urgent.consumedSeconds).toBe(600);
  });

  it('is met once and keeps a breach on record when met late', () => {
    const s = startClock(at('2026-03-02T10:00:00Z'), 60, allDay);
    const met = meetClock(s, at('2026-03-02T10:00:30Z'), allDay);
    expect(met).toMatchObject({ state: 'met', nextFireAt: null });
    const late = meetClock(fireClock(s, at('2026-03-02T10:05:00Z')).state, at('2026-03-02T10:06:00Z'), allDay);
    expect(late.state).toBe('breached');
    expect(late.metAt!.toISOString()).toBe('2026-03-02T10:06:00.000Z');
  });
});
