import { addBusinessSeconds, businessSecondsBetween, type CalendarSpec } from './business-calendar';

/**
 * The pure clock of one SLA timer. Business seconds are consumed only while the timer runs and
 * the calendar is open; a pause banks what was used, a resume starts a new running segment.
 */
export interface ClockState {
  state: 'running' | 'paused' | 'met' | 'breached';
  targetSeconds: number;
  consumedSeconds: number;
  segmentStartedAt: Date | null;
  dueAt: Date | null;
  warnAt: Date | null;
  nextFireAt: Date | null;
  warned: boolean;
  breachedAt: Date | null;
  metAt: Date | null;
}

export interface ClockContext {
  calendar: CalendarSpec | null;
  /** Warning at this share of the target; null: no warning. */
  warnAtPercent: number | null;
}

export function startClock(at: Date, targetSeconds: number, ctx: ClockContext): ClockState {
  return schedule({
    state: 'running',
    targetSeconds,
    consumedSeconds: 0,
    segmentStartedAt: at,
    dueAt: null,
    warnAt: null,
    nextFireAt: null,
    warned: false,
    breachedAt: null,
    metAt: null,
  }, ctx);
}

/** Seconds consumed up to `now`, including the running segment. */
export function consumedAt(s: ClockState, now: Date, ctx: ClockContext): number {
  if (!s.segmentStartedAt) return s.consumedSeconds;
  return s.consumedSeconds + businessSecondsBetween(ctx.calendar, s.segmentStartedAt, now);
}

export function pauseClock(s: ClockState, now: Date, ctx: ClockContext): ClockState {
  if (!s.segmentStartedAt || (s.state !== 'running' && s.state !== 'breached')) return s;
  const consumed = Math.round(consumedAt(s, now, ctx));
  return { ...s, state: s.state === 'breached' ? 'breached' : 'paused', consumedSeconds: consumed, segmentStartedAt: null, dueAt: null, warnAt: null, nextFireAt: null };
}

export function resumeClock(s: ClockState, now: Date, ctx: ClockContext): ClockState {
  if (s.segmentStartedAt || s.metAt) return s;
  if (s.state !== 'paused' && s.state !== 'breached') return s;
  return schedule({ ...s, state: s.state === 'breached' ? 'breached' : 'running', segmentStartedAt: now }, ctx);
}

/** New target (priority or policy changed) or new calendar: the used time stays, the deadline moves. */
export function retargetClock(s: ClockState, targetSeconds: number, now: Date, before: ClockContext, after: ClockContext): ClockState {
  if (s.metAt) return s;
  if (!s.segmentStartedAt) return { ...s, targetSeconds };
  const consumed = Math.round(consumedAt(s, now, before));
  return schedule({ ...s, targetSeconds, consumedSeconds: consumed, segmentStartedAt: now }, after);
}

export function meetClock(s: ClockState, at: Date, ctx: ClockContext): ClockState {
  if (s.metAt) return s;
  const paused = pauseClock(s, at, ctx);
  return { ...paused, state: s.state === 'breached' ? 'breached' : 'met', metAt: at, nextFireAt: null, dueAt: s.dueAt, warnAt: s.warnAt };
}

export interface FireOutcome {
  state: ClockState;
  warned: boolean;
  breached: boolean;
}

/** The scheduler reached `now`: crosses the warning and/or the deadline once each. */
export function fireClock(s: ClockState, now: Date): FireOutcome {
  if (s.state !== 'running' || !s.segmentStartedAt) return { state: s, warned: false, breached: false };
  let next = s;
  let warned = false;
  let breached = false;
  if (!s.warned && s.warnAt && s.warnAt.getTime() <= now.getTime()) {
    next = { ...next, warned: true };
    warned = true;
  }
  if (s.dueAt && s.dueAt.getTime() <= now.getTime()) {
    next = { ...next, state: 'breached', breachedAt: s.dueAt, warned: true };
    breached = true;
  }
  return { state: { ...next, nextFireAt: nextFire(next) }, warned, breached };
}

function nextFire(s: ClockState): Date | null {
  if (s.state !== 'running' || !s.segmentStartedAt) return null;
  if (!s.warned && s.warnAt) return s.warnAt;
  return s.dueAt;
}

function schedule(s: ClockState, ctx: ClockContext): ClockState {
  if (!s.segmentStartedAt) return { ...s, dueAt: null, warnAt: null, nextFireAt: null };
  const remaining = Math.max(0, s.targetSeconds - s.consumedSeconds);
  const dueAt = addBusinessSeconds(ctx.calendar, s.segmentStartedAt, remaining);
  let warnAt: Date | null = null;
  if (ctx.warnAtPercent != null && !s.warned) {
    const warnRemaining = Math.max(0, (s.targetSeconds * ctx.warnAtPercent) / 100 - s.consumedSeconds);
    warnAt = addBusinessSeconds(ctx.calendar, s.segmentStartedAt, warnRemaining);
  }
  const next = { ...s, dueAt, warnAt };
  return { ...next, nextFireAt: nextFire(next) };
}

/**
 * The Scheduler topic of every \`sla_timers\` row (SLA deadlines and routing's overflow deadline): its
 * key is the row's id, and the firing checks the row's version, so a timer moved or stopped is a no-op.
 */
export const SLA_TIMER_TOPIC = 'sla';
