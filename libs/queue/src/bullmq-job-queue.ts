import type { Writable } from 'node:stream';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import type { RedisOptions } from 'ioredis';
import { backoffDelay, DEFAULT_JOB_OPTIONS, isPermanent, JobHandler, JobOptions, JobQueue, NewJob } from './job-queue.port';

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
  private readonly connection: RedisOptions;
  private closed = false;

  constructor(url: string, private readonly prefix = process.env.PARLEY_QUEUE_PREFIX ?? 'parley') {
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
    await this.queue(queue).add(name, data, this.jobOptions(opts));
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
    const socket = ((await q.client) as { stream?: Writable }).stream;
    socket?.cork();
    const added = Promise.all(jobs.map((job) => q.add(job.name, job.data, this.jobOptions(job.opts ?? {}))));
    // Scheduled from within a microtask, the tick runs once the adds' own microtasks (BullMQ awaits
    // the ready client before writing) have all written their commands.
    process.nextTick(() => socket?.uncork());
    await added;
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
          await handler({ id: job.id!, name: job.name, data: job.data, attempt: job.attemptsMade + 1 });
        } catch (err) {
          // BullMQ stops retrying only for UnrecoverableError.
          if (isPermanent(err)) throw new UnrecoverableError(err.message);
          throw err;
        }
      },
      { connection: this.connection, prefix: this.prefix, concurrency: opts.concurrency ?? 16 },
    );
    worker.on('error', () => undefined);
    this.workers.push(worker);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    this.closed = true;
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}

export { backoffDelay };
