import { randomUUID } from 'node:crypto';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { JobEntity, withTransaction } from '@parley/persistence';
import { DeadLetterStore } from './dead-letters';
import { backoffDelay, DEFAULT_JOB_OPTIONS, DeadLetter, isPermanent, JobHandler, wantsDeadLetter, JobOptions, JobQueue, NewJob, REPLAY_JOB_PREFIX, ReplayOutcome } from './job-queue.port';

interface Processor {
  handler: JobHandler;
  concurrency: number;
  running: number;
}

/**
 * The embedded queue: jobs are rows in `jobs`, so a crash or restart loses nothing; one process
 * runs them. A job that was mid-run when the process died goes back to waiting on start, which
 * counts as one of its attempts: a job that takes the process down with it ends as a dead letter
 * instead of doing so at every start.
 */
export class MemoryJobQueue implements JobQueue {
  readonly kind = 'memory' as const;
  private readonly processors = new Map<string, Processor>();
  private timer: NodeJS.Timeout | null = null;
  private wake: NodeJS.Timeout | null = null;
  private wakeAt = Infinity;
  private pumping = false;
  private closed = false;
  private recovered: Promise<void> | null = null;
  private readonly repeaters: NodeJS.Timeout[] = [];

  constructor(private readonly db: DataSource, private readonly dead: DeadLetterStore) {}

  private get logger() {
    return this.dead.log;
  }

  add(queue: string, name: string, data: Record<string, unknown>, opts: JobOptions = {}): Promise<void> {
    return this.addMany(queue, [{ name, data, opts }]);
  }

  async addMany(queue: string, jobs: NewJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const now = Date.now();
    await this.db
      .createQueryBuilder()
      .insert()
      .into(JobEntity)
      .values(jobs.map(({ name, data, opts = {} }) => ({
        id: opts.jobId ?? randomUUID(),
        queue,
        name,
        data: data as Record<string, any>,
        status: 'waiting' as const,
        runAt: new Date(now + (opts.delayMs ?? 0)),
        attempts: 0,
        maxAttempts: opts.attempts ?? DEFAULT_JOB_OPTIONS.attempts,
        backoffMs: opts.backoffMs ?? DEFAULT_JOB_OPTIONS.backoffMs,
        lastError: null,
        createdAt: new Date(now),
      })))
      .orIgnore()
      // No read-back of the defaults: on SQLite that is one OR per row, too deep past ~1000 jobs.
      .updateEntity(false)
      .execute();
    this.schedule(Math.min(...jobs.map((j) => j.opts?.delayMs ?? 0)));
  }

  async remove(queue: string, jobId: string): Promise<void> {
    await this.db.getRepository(JobEntity).delete({ id: jobId, queue, status: 'waiting' });
  }

  process(queue: string, handler: JobHandler, opts: { concurrency?: number } = {}): void {
    this.processors.set(queue, { handler, concurrency: opts.concurrency ?? 8, running: 0 });
    if (!this.timer) {
      // The pump's own heartbeat, per process by nature (it is this process's queue): a safety net
      // behind the wake-up armed for the next due row.
      this.timer = setInterval(() => void this.pump(), 1000);
      this.timer.unref();
    }
    this.schedule(0);
  }

  async repeat(queue: string, name: string, everyMs: number): Promise<void> {
    // One process runs the embedded queue, so a timer here is the only one; the job id of the
    // period makes a second registration (or a slow round) add no second job for it.
    const round = () => this.add(queue, name, {}, { attempts: 1, jobId: `repeat.${queue}.${name}.${Math.floor(Date.now() / everyMs)}` })
      .catch((err) => this.logger.warn({ queue, job: name, error: String(err?.message ?? err) }, 'repeating job not added'));
    void round();
    const timer = setInterval(round, everyMs);
    timer.unref();
    this.repeaters.push(timer);
  }

  deadLetters(limit?: number): Promise<DeadLetter[]> {
    return this.dead.list(limit);
  }

  replay(deadLetterId: string): Promise<ReplayOutcome> {
    return this.dead.replay(deadLetterId, (queue, name, data, opts) => this.add(queue, name, data, opts));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.repeaters.forEach((t) => clearInterval(t));
    if (this.timer) clearInterval(this.timer);
    if (this.wake) clearTimeout(this.wake);
    for (let i = 0; i < 100 && [...this.processors.values()].some((p) => p.running > 0); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Wakes the pump when the earliest known job is due: timers fire to the millisecond, not at the next tick. */
  private schedule(delayMs: number): void {
    if (this.closed || this.processors.size === 0) return;
    const at = Date.now() + Math.max(0, delayMs);
    if (this.wake && this.wakeAt <= at) return;
    if (this.wake) clearTimeout(this.wake);
    this.wakeAt = at;
    this.wake = setTimeout(() => {
      this.wake = null;
      this.wakeAt = Infinity;
      void this.pump();
    }, Math.min(Math.max(0, delayMs), 2 ** 31 - 1));
    this.wake.unref();
  }

  /** After a pump: a wake-up for the next job still waiting (one indexed read). */
  private async armNext(free: string[]): Promise<void> {
    if (free.length === 0) return;
    const next = await this.db.getRepository(JobEntity).findOne({ select: { id: true, runAt: true }, where: { status: 'waiting', queue: In(free) }, order: { runAt: 'ASC' } });
    if (next) this.schedule(next.runAt.getTime() - Date.now());
  }

  private recover(): Promise<void> {
    this.recovered ??= (async () => {
      const interrupted = await this.db.getRepository(JobEntity).findBy({ status: 'active' });
      for (const job of interrupted) {
        const attempts = job.attempts + 1;
        if (attempts >= job.maxAttempts) {
          await this.bury(job, attempts, 'The process stopped while running its last attempt');
        } else {
          await this.db.getRepository(JobEntity).update({ id: job.id }, { status: 'waiting', attempts, lastError: 'The process stopped while running it' });
        }
      }
    })().catch((err) => {
      this.recovered = null;
      throw err;
    });
    return this.recovered;
  }

  /** Out of `jobs`, into the dead letters, in one transaction. */
  private bury(job: JobEntity, attempts: number, error: string): Promise<void> {
    return withTransaction(this.db, async (em) => {
      await this.dead.record({ queue: job.queue, name: job.name, jobId: job.id, data: job.data, attempts, maxAttempts: job.maxAttempts, backoffMs: job.backoffMs, error }, em);
      await em.delete(JobEntity, { id: job.id });
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping || this.closed) return;
    this.pumping = true;
    try {
      await this.recover();
      const repo = this.db.getRepository(JobEntity);
      for (;;) {
        const free = [...this.processors.entries()].filter(([, p]) => p.running < p.concurrency).map(([q]) => q);
        if (free.length === 0 || this.closed) break;
        const due = await repo.find({
          where: { status: 'waiting', queue: In(free), runAt: LessThanOrEqual(new Date()) },
          order: { runAt: 'ASC' },
          take: 50,
        });
        if (due.length === 0) break;
        const claimed: JobEntity[] = [];
        const room = new Map([...this.processors].map(([q, p]) => [q, p.concurrency - p.running]));
        for (const job of due) {
          if ((room.get(job.queue) ?? 0) <= 0) continue;
          room.set(job.queue, room.get(job.queue)! - 1);
          claimed.push(job);
        }
        if (claimed.length === 0) break;
        // One statement for the batch: a burst of due timers is not claimed one round trip at a time.
        await repo.update({ id: In(claimed.map((j) => j.id)) }, { status: 'active' });
        for (const job of claimed) {
          const p = this.processors.get(job.queue)!;
          p.running++;
          void this.run(job, p);
        }
      }
      await this.armNext([...this.processors.entries()].filter(([, p]) => p.running < p.concurrency).map(([q]) => q));
    } catch (err) {
      this.logger?.error({ err }, 'queue pump failed');
    } finally {
      this.pumping = false;
    }
  }

  private async run(job: JobEntity, p: Processor): Promise<void> {
    const repo = this.db.getRepository(JobEntity);
    const attempt = job.attempts + 1;
    try {
      await p.handler({ id: job.id, name: job.name, data: job.data, attempt, replayed: job.id.startsWith(REPLAY_JOB_PREFIX) });
      await this.settle(job, () => repo.delete({ id: job.id }).then(() => undefined));
    } catch (err) {
      const message = String(err?.message ?? err).slice(0, 500);
      const permanent = isPermanent(err);
      const giveUp = permanent || attempt >= job.maxAttempts;
      this.logger.warn({ queue: job.queue, job: job.name, jobId: job.id, attempt, giveUp, error: message }, 'job failed');
      const delay = backoffDelay(job.backoffMs, attempt);
      await this.settle(job, () =>
        // A permanent error is an outcome the handler has recorded (a message marked failed): no dead letter.
        permanent && !wantsDeadLetter(err)
          ? repo.delete({ id: job.id }).then(() => undefined)
          : giveUp
            ? this.bury(job, attempt, message)
            : repo.update({ id: job.id }, { status: 'waiting', attempts: attempt, lastError: message, runAt: new Date(Date.now() + delay) }).then(() => undefined),
      );
      if (!giveUp) setTimeout(() => this.schedule(0), delay).unref();
    } finally {
      p.running--;
      this.schedule(0);
    }
  }

  /**
   * A job's outcome written down, retried while the database is away: left as it is, the row
   * would stay `active` (never run again) until the next start.
   */
  private async settle(job: JobEntity, write: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (err) {
        if (this.closed || attempt >= 30) {
          this.logger.error({ queue: job.queue, job: job.name, jobId: job.id, error: String(err?.message ?? err) }, 'job outcome not recorded: it runs again at the next start');
          return;
        }
        await new Promise((r) => setTimeout(r, Math.min(5000, 200 * attempt)));
      }
    }
  }
}
