import { randomUUID } from 'node:crypto';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { JobEntity } from '@parley/persistence';
import { backoffDelay, DEFAULT_JOB_OPTIONS, isPermanent, JobHandler, JobOptions, JobQueue, NewJob } from './job-queue.port';

interface Processor {
  handler: JobHandler;
  concurrency: number;
  running: number;
}

/**
 * The embedded queue: jobs are rows in `jobs`, so a crash or restart loses nothing; one process
 * runs them. A job that was mid-run when the process died goes back to waiting on start.
 */
export class MemoryJobQueue implements JobQueue {
  readonly kind = 'memory' as const;
  private readonly processors = new Map<string, Processor>();
  private timer: NodeJS.Timeout | null = null;
  private wake: NodeJS.Timeout | null = null;
  private pumping = false;
  private closed = false;
  private recovered: Promise<void> | null = null;

  constructor(private readonly db: DataSource, private readonly logger?: { warn(o: object, m: string): void; error(o: object, m: string): void }) {}

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
      .execute();
    this.schedule(Math.min(...jobs.map((j) => j.opts?.delayMs ?? 0)));
  }

  process(queue: string, handler: JobHandler, opts: { concurrency?: number } = {}): void {
    this.processors.set(queue, { handler, concurrency: opts.concurrency ?? 8, running: 0 });
    if (!this.timer) {
      this.timer = setInterval(() => void this.pump(), 1000);
      this.timer.unref();
    }
    this.schedule(0);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.wake) clearTimeout(this.wake);
    for (let i = 0; i < 100 && [...this.processors.values()].some((p) => p.running > 0); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private schedule(delayMs: number): void {
    if (this.closed || this.processors.size === 0) return;
    if (delayMs > 1000) return; // the interval picks it up
    if (this.wake) return;
    this.wake = setTimeout(() => {
      this.wake = null;
      void this.pump();
    }, delayMs);
  }

  private recover(): Promise<void> {
    this.recovered ??= this.db.getRepository(JobEntity).update({ status: 'active' }, { status: 'waiting' }).then(() => undefined);
    return this.recovered;
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
        let started = 0;
        for (const job of due) {
          const p = this.processors.get(job.queue)!;
          if (p.running >= p.concurrency) continue;
          await repo.update({ id: job.id }, { status: 'active' });
          p.running++;
          started++;
          void this.run(job, p);
        }
        if (started === 0) break;
      }
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
      await p.handler({ id: job.id, name: job.name, data: job.data, attempt });
      await repo.delete({ id: job.id });
    } catch (err) {
      const message = String(err?.message ?? err).slice(0, 500);
      const giveUp = isPermanent(err) || attempt >= job.maxAttempts;
      this.logger?.warn({ queue: job.queue, job: job.name, jobId: job.id, attempt, giveUp, error: message }, 'job failed');
      const delay = backoffDelay(job.backoffMs, attempt);
      await repo.update(
        { id: job.id },
        giveUp
          ? { status: 'failed', attempts: attempt, lastError: message }
          : { status: 'waiting', attempts: attempt, lastError: message, runAt: new Date(Date.now() + delay) },
      ).catch(() => undefined);
      if (!giveUp) setTimeout(() => this.schedule(0), delay).unref();
    } finally {
      p.running--;
      this.schedule(0);
    }
  }
}
