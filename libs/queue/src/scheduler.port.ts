import type { JobQueue } from './job-queue.port';

/**
 * The one way to run something later: a timer (one firing at a moment, e.g. an SLA deadline) or a
 * duty that repeats (a sweep, a drain), once across all worker processes however many run.
 *
 * A timer is named by its topic, key and moment: scheduling the same (key, at) twice is one timer,
 * and moving a timer is scheduling the new moment and cancelling the old one. A handler must be
 * idempotent and check its own row (SlaService.fire does, with its version check): a cancel can
 * lose the race with a firing, and a job whose worker died runs again.
 */
export interface Scheduler {
  readonly kind: JobQueue['kind'];
  /** Runs `topic`'s handler with `key` at `at` (at once when `at` has passed). Survives restarts. */
  schedule(topic: string, key: string, at: Date): Promise<void>;
  /** Several timers at once (one Redis write, one multi-row insert). */
  scheduleMany(topic: string, timers: ScheduledTimer[]): Promise<void>;
  /** Takes back the timer of `key` at `at`; a no-op when it has fired or never was. */
  cancel(topic: string, key: string, at: Date): Promise<void>;
  /** `cancel(previous)` then `schedule(at)`: a timer moved. Either side may be null (armed, disarmed). */
  reschedule(topic: string, key: string, at: Date | null, previous: Date | null): Promise<void>;
  /** The handler of a topic's timers; only processes with the worker role register handlers. */
  handle(topic: string, handler: TimerHandler): void;
  /**
   * Runs `handler` every `everyMs`, in one of the worker processes at a time (a job scheduler on
   * Redis; one deduplicated job per period on the embedded queue). A failed round is logged and
   * not retried: the next round comes anyway.
   */
  every(topic: string, everyMs: number, handler: () => Promise<unknown>): Promise<void>;
}

export interface ScheduledTimer {
  key: string;
  at: Date;
}

export type TimerHandler = (timer: ScheduledTimer) => Promise<void>;

export const SCHEDULER = Symbol('SCHEDULER');

/** The queue all timers and repeating duties travel on (BullMQ queue, or rows of `jobs`). */
export const SCHEDULER_QUEUE = 'scheduler';

/** Job id of a timer: the same timer scheduled twice is one job (BullMQ ids may not contain `:`). */
export const timerJobId = (topic: string, key: string, at: Date): string => `${topic}.${key}.${at.getTime()}`;
