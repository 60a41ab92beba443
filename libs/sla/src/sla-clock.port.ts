/** The time SLA code reads; tests and benchmarks can substitute their own. */
export interface SlaClock {
  now(): Date;
}

export const SLA_CLOCK = Symbol('SLA_CLOCK');

export const systemClock: SlaClock = { now: () => new Date() };
