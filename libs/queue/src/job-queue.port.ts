/** The one queue abstraction: BullMQ on Redis, or the in-process adapter backed by the database. */
export interface JobOptions {
  /** Same id twice is one job: retries of the enqueuer never duplicate work. */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
  /** First retry delay; doubles on each attempt. */
  backoffMs?: number;
}

export interface Job<T = Record<string, unknown>> {
  id: string;
  name: string;
  data: T;
  /** 1 on the first run. */
  attempt: number;
  /** Queued by an admin replaying a dead letter (see `JobQueue.replay`). */
  replayed: boolean;
}

/** Job ids of replays: `replay-<dead letter id>`. */
export const REPLAY_JOB_PREFIX = 'replay-';

export interface NewJob {
  name: string;
  data: Record<string, unknown>;
  opts?: JobOptions;
}

export type JobHandler = (job: Job<any>) => Promise<void>;

export interface JobQueue {
  readonly kind: 'memory' | 'redis';
  add(queue: string, name: string, data: Record<string, unknown>, opts?: JobOptions): Promise<void>;
  /** Several jobs at once: one Redis round trip, or one multi-row insert; same per-job semantics as `add`. */
  addMany(queue: string, jobs: NewJob[]): Promise<void>;
  /** Registers the processor of a queue; only processes with the worker role call this. */
  process(queue: string, handler: JobHandler, opts?: { concurrency?: number }): void;
  /**
   * Adds a job `name` to `queue` every `everyMs`, once across all worker processes however many
   * run it (a job scheduler on Redis; one deduplicated job per period on the embedded queue).
   */
  repeat(queue: string, name: string, everyMs: number): Promise<void>;
  /** Takes a job that has not started yet off the queue; a no-op for a running, finished or unknown one. */
  remove(queue: string, jobId: string): Promise<void>;
  /** Jobs that failed for good (attempts used up, a permanent error, a worker dying on them), newest first. */
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  /** Queues a dead letter's job again, with its name and data and fresh attempts. */
  replay(deadLetterId: string): Promise<ReplayOutcome>;
  close(): Promise<void>;
}

export interface DeadLetter {
  id: string;
  queue: string;
  name: string;
  jobId: string;
  data: Record<string, unknown>;
  attempts: number;
  error: string;
  failedAt: Date;
  replayedAt: Date | null;
}

export type ReplayOutcome =
  | { status: 'replayed'; deadLetter: DeadLetter }
  | { status: 'already-replayed'; deadLetter: DeadLetter }
  | { status: 'unknown' };

export const JOB_QUEUE = Symbol('JOB_QUEUE');

/** Thrown by a handler when retrying cannot help (bad recipient, rejected credentials). */
export class PermanentJobError extends Error {
  readonly permanent = true;
}

export const isPermanent = (err: unknown): boolean => !!(err && typeof err === 'object' && (err as PermanentJobError).permanent);

/**
 * A permanent error is normally an outcome the handler has recorded (a message marked failed), so
 * the job just ends. One marked `deadLetter` (an inbound message refused after it was acknowledged)
 * has nowhere else to be seen: it is not retried, and it goes to the dead letters at once.
 */
export const wantsDeadLetter = (err: unknown): boolean => !!(err && typeof err === 'object' && (err as { deadLetter?: unknown }).deadLetter === true);

export function backoffDelay(backoffMs: number, attempt: number): number {
  return backoffMs * 2 ** Math.max(0, attempt - 1);
}

export const DEFAULT_JOB_OPTIONS = { attempts: 8, backoffMs: 1000 } as const;

/**
 * The queue did not take a job in time (Redis unreachable: BullMQ's connection would otherwise hold
 * the command until Redis is back). Callers that acknowledge on queueing answer 503 instead.
 */
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';
  readonly code = 'QUEUE_UNAVAILABLE';
}

/** How long an add may wait for Redis before it is reported as unavailable. */
export const QUEUE_ADD_DEADLINE_MS = 5000;

/** `work`, or a QueueUnavailableError once `ms` have passed without it settling. */
export function withinDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailableError(`The job queue did not take ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
