import type { Writable } from 'node:stream';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import { closeWithin } from './bounded-close';
import { DeadLetterStore } from './dead-letters';
import { backoffDelay, DEFAULT_JOB_OPTIONS, QUEUE_ADD_DEADLINE_MS, withinDeadline, DeadLetter, isPermanent, JobHandler, wantsDeadLetter, JobOptions, JobQueue, NewJob, REPLAY_JOB_PREFIX, ReplayOutcome } from './job-queue.port';

/** How long close() lets a connection that is still starting finish (see close()). */
const STARTING_GRACE_MS = 2000;

/**
 * How fast a killed worker's jobs go to another (issue 13: within 10 s; BullMQ's defaults took
 * about a minute). A running job's lock lasts `lockDuration` and is renewed every half of it;
 * a dead worker stops renewing, so within `lockDuration` + `stalledInterval` another worker's
 * stalled-job check finds the job and puts it back in the queue. The price of short locks: an
 * event loop blocked longer than `lockDuration` looks dead too, and its job runs twice; the
 * handlers are idempotent (ingest by provider id, delivery by its send mark), and
 * `maxStalledCount` allows for that before a job that kills every worker that takes it is failed.
 */
export const WORKER_LOCKS = { lockDuration: 4000, stalledInterval: 2000, maxStalledCount: 3 } as const;

export function redisConnectionOptions(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/** BullMQ on Redis: jobs survive restarts in Redis and any number of worker processes share them. */
export class BullmqJobQueue implements JobQueue {
  readonly kind = 'redis' as const;
  private readonly queues = new Map<string, Queue>();
  private readonly workers: Worker[] = [];
  private readonly recording = new Set<Promise<void>>();
  private readonly connection: RedisOptions;
  private closed = false;

  constructor(url: string, private readonly dead: DeadLetterStore, private readonly prefix = process.env.PARLEY_QUEUE_PREFIX ?? 'parley') {
    this.connection = redisConnectionOptions(url);
  }

  private queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: this.connection, prefix: this.prefix });
      // Redis hiccups surface as rejected add() calls; the event itself must not crash the process.
      q.on('error', () => undefined);
      this.queues.set(name, q);
    }
    return q;
  }

  async add(queue: string, name: string, data: Record<string, unknown>, opts: JobOptions = {}): Promise<void> {
    // A job finishing during shutdown must not open a fresh Redis connection that nothing closes.
    if (this.closed) throw new Error(`The job queue is shut down; ${queue}/${name} was not added`);
    await withinDeadline(this.queue(queue).add(name, data, this.jobOptions(opts)), QUEUE_ADD_DEADLINE_MS, `${queue}/${name}`);
  }

  async addMany(queue: string, jobs: NewJob[]): Promise<void> {
    if (this.closed) throw new Error(`The job queue is shut down; ${jobs.length} ${queue} jobs were not added`);
    if (jobs.length === 0) return;
    // One add per job rather than addBulk: addBulk builds an ioredis pipeline each time, which
    // copies all of BullMQ's 52 script commands onto itself (~10 KB) and chains a promise per job.
    // At thousands of webhooks a second that was the api's main source of garbage promoted to the
    // old generation, and of its GC pauses (BENCHMARKS.md). Separate adds are no less atomic: a
    // pipeline is not a transaction either. The connection is corked meanwhile, so the group's
    // commands leave in one write (one system call, one wake-up for Redis) rather than one each.
    const q = this.queue(queue);
    // BullMQ's client is the ioredis connection (a cluster client has no single socket: no cork).
    const socket = ((await withinDeadline(q.client, QUEUE_ADD_DEADLINE_MS, `${jobs.length} ${queue} jobs`)) as { stream?: Writable }).stream;
    socket?.cork();
    const added = Promise.all(jobs.map((job) => q.add(job.name, job.data, this.jobOptions(job.opts ?? {}))));
    // Scheduled from within a microtask, the tick runs once the adds' own microtasks (BullMQ awaits
    // the ready client before writing) have all written their commands.
    process.nextTick(() => socket?.uncork());
    await withinDeadline(added, QUEUE_ADD_DEADLINE_MS, `${jobs.length} ${queue} jobs`);
  }

  private jobOptions(opts: JobOptions) {
    return {
      jobId: opts.jobId,
      delay: opts.delayMs,
      attempts: opts.attempts ?? DEFAULT_JOB_OPTIONS.attempts,
      backoff: { type: 'exponential', delay: opts.backoffMs ?? DEFAULT_JOB_OPTIONS.backoffMs },
      removeOnComplete: true,
      removeOnFail: 1000,
    };
  }

  process(queue: string, handler: JobHandler, opts: { concurrency?: number } = {}): void {
    const worker = new Worker(
      queue,
      async (job) => {
        try {
          await handler({ id: job.id!, name: job.name, data: job.data, attempt: job.attemptsMade + 1, replayed: job.id!.startsWith(REPLAY_JOB_PREFIX) });
        } catch (err) {
          // BullMQ stops retrying only for UnrecoverableError; marked, so 'failed' knows it was ours.
          if (isPermanent(err)) throw Object.assign(new UnrecoverableError(err.message), { permanent: true, deadLetter: wantsDeadLetter(err) });
          throw err;
        }
      },
      { connection: this.connection, prefix: this.prefix, concurrency: opts.concurrency ?? 16, ...WORKER_LOCKS },
    );
    worker.on('error', () => undefined);
    worker.on('failed', (job, err) => {
      if (!job) return;
      const error = String(err?.message ?? err).slice(0, 500);
      // finishedOn is set only when BullMQ moved the job to failed rather than back for a retry:
      // attempts used up, or a worker that kept dying on it ("job stalled more than allowable limit").
      const giveUp = !!job.finishedOn;
      this.dead.log.warn({ queue, job: job.name, jobId: job.id, attempt: job.attemptsMade, giveUp, error }, 'job failed');
      // A permanent error is an outcome the handler has recorded (a message marked failed): no dead letter.
      if (!giveUp || (isPermanent(err) && !wantsDeadLetter(err))) return;
      const recording = this.dead
        .record({ queue, name: job.name, jobId: job.id ?? '', data: job.data, attempts: job.attemptsMade, ...retryPolicyOf(job.opts), error })
        .catch((e) => this.dead.log.error({ queue, job: job.name, jobId: job.id, error: String(e?.message ?? e) }, 'dead letter not recorded; the job stays in the failed list in Redis'))
        .finally(() => this.recording.delete(recording));
      this.recording.add(recording);
    });
    this.workers.push(worker);
  }

  async repeat(queue: string, name: string, everyMs: number): Promise<void> {
    if (this.closed) return;
    // A job scheduler is one entry in Redis: every worker upserting it leaves one schedule.
    const upsert = this.queue(queue).upsertJobScheduler(name, { every: everyMs }, { name, data: {}, opts: { attempts: 1, removeOnComplete: true, removeOnFail: 100 } }).then(() => undefined);
    // Settled before the queues close (an app that fails at boot closes at once): BullMQ's job
    // scheduler has a connection of its own whose 'error' nothing of ours can listen to.
    const pending = upsert.catch(() => undefined).finally(() => this.recording.delete(pending));
    this.recording.add(pending);
    await upsert;
  }

  async remove(queue: string, jobId: string): Promise<void> {
    if (this.closed) return;
    // A job that is running (locked) is not removed: BullMQ answers 0, and its handler decides.
    await withinDeadline(this.queue(queue).remove(jobId), QUEUE_ADD_DEADLINE_MS, `removing ${queue}/${jobId}`);
  }

  deadLetters(limit?: number): Promise<DeadLetter[]> {
    return this.dead.list(limit);
  }

  replay(deadLetterId: string): Promise<ReplayOutcome> {
    return this.dead.replay(deadLetterId, (queue, name, data, opts) => this.add(queue, name, data, opts));
  }

  async close(): Promise<void> {
    const letGo = (what: string) => () => process.stderr.write(`parley: ${what} did not close within the shutdown grace period; its connections were dropped\n`);
    // A queue or worker closed while its connection is still starting (an app refused at boot) has
    // BullMQ report the aborted start as an unhandled 'error': its close removes every listener
    // before the start's rejection is emitted. Let the connections finish starting first (bounded:
    // a Redis that is down never does, and then there is nothing in flight to abort either).
    await Promise.all([...this.workers, ...this.queues.values()].map((x) => withinDeadline(x.waitUntilReady(), STARTING_GRACE_MS, 'a connection starting').catch(() => undefined)));
    await Promise.all(this.workers.map((w) => closeWithin(w, undefined, letGo(`the ${w.name} worker`))));
    // Before the database closes: dead letters of the last failures are written.
    await Promise.all([...this.recording]);
    this.closed = true;
    await Promise.all([...this.queues.values()].map((q) => closeWithin(q, undefined, letGo(`the ${q.name} queue`))));
  }
}

export { backoffDelay };

/** BullMQ's job options back in our terms. */
function retryPolicyOf(opts: { attempts?: number; backoff?: number | { delay?: number } }): { maxAttempts: number; backoffMs: number } {
  const backoff = typeof opts.backoff === 'number' ? opts.backoff : opts.backoff?.delay;
  return { maxAttempts: opts.attempts ?? DEFAULT_JOB_OPTIONS.attempts, backoffMs: backoff ?? DEFAULT_JOB_OPTIONS.backoffMs };
}
