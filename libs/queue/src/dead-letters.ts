import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { DeadLetterEntity } from '@parley/persistence';
import { REPLAY_JOB_PREFIX, type DeadLetter, type JobOptions, type ReplayOutcome } from './job-queue.port';

export interface QueueLog {
  warn(o: object, m: string): void;
  error(o: object, m: string): void;
}

/** A job as it failed for good. */
export interface FailedJob {
  queue: string;
  name: string;
  jobId: string;
  data: Record<string, unknown>;
  attempts: number;
  /** Its retry policy, kept for a replay. */
  maxAttempts: number;
  backoffMs: number;
  error: string;
}

const MAX_LISTED = 200;

/** The dead-letter list both queues keep in the database, and the log line that goes with each entry. */
export class DeadLetterStore {
  constructor(private readonly db: DataSource, readonly log: QueueLog) {}

  /** Logged without the payload (customer text, addresses): queue, job, attempts and the reason say enough. */
  async record(job: FailedJob, em: EntityManager = this.db.manager): Promise<void> {
    const error = job.error.slice(0, 500);
    this.log.error({ queue: job.queue, job: job.name, jobId: job.jobId, attempts: job.attempts, error }, 'job failed for good: moved to the dead letters');
    await em.insert(DeadLetterEntity, {
      id: randomUUID(),
      queue: job.queue.slice(0, 60),
      name: job.name.slice(0, 60),
      jobId: job.jobId.slice(0, 120),
      data: job.data as Record<string, any>,
      attempts: job.attempts,
      maxAttempts: job.maxAttempts,
      backoffMs: job.backoffMs,
      error,
      failedAt: new Date(),
      replayedAt: null,
    });
  }

  async list(limit = 50): Promise<DeadLetter[]> {
    const rows = await this.db.getRepository(DeadLetterEntity).find({ order: { failedAt: 'DESC', id: 'DESC' }, take: Math.min(Math.max(1, limit), MAX_LISTED) });
    return rows.map(toDeadLetter);
  }

  /**
   * Queues the dead letter's job again through `add`, with its retry policy and under a new job id (the failed one may still
   * be held by its queue, which would take the same id as a duplicate). Claimed first, so two
   * admins pressing Replay queue it once.
   */
  async replay(id: string, add: (queue: string, name: string, data: Record<string, unknown>, opts: JobOptions) => Promise<void>): Promise<ReplayOutcome> {
    const repo = this.db.getRepository(DeadLetterEntity);
    const replayedAt = new Date();
    const claimed = await repo.update({ id, replayedAt: IsNull() }, { replayedAt });
    const row = await repo.findOneBy({ id });
    if (!row) return { status: 'unknown' };
    if (!claimed.affected) return { status: 'already-replayed', deadLetter: toDeadLetter(row) };
    try {
      await add(row.queue, row.name, row.data, { jobId: `${REPLAY_JOB_PREFIX}${row.id}`, attempts: row.maxAttempts, backoffMs: row.backoffMs });
    } catch (err) {
      await repo.update({ id }, { replayedAt: null });
      throw err;
    }
    return { status: 'replayed', deadLetter: toDeadLetter(row) };
  }
}

function toDeadLetter(row: DeadLetterEntity): DeadLetter {
  return {
    id: row.id,
    queue: row.queue,
    name: row.name,
    jobId: row.jobId,
    data: row.data,
    attempts: row.attempts,
    error: row.error,
    failedAt: row.failedAt,
    replayedAt: row.replayedAt,
  };
}
