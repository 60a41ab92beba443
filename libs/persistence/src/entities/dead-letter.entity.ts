import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, jsonType, timestampType } from '../column-types';

/**
 * A queue job that failed for good (attempts used up, a permanent error, a worker that kept dying
 * on it): kept, with its reason, for an admin to see and replay. One table for both queues.
 */
@Entity('dead_letters')
@Index('ix_dead_letters_failed', ['failedAt', 'id'])
export class DeadLetterEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column('varchar', { length: 60 })
  queue: string;

  @Column('varchar', { length: 60 })
  name: string;

  /** The failed job's id in its queue (a message id, a webhook's hash…). */
  @Column('varchar', { name: 'job_id', length: 120 })
  jobId: string;

  /** What a replay queues again. */
  @Column({ type: jsonType() })
  data: Record<string, any>;

  @Column('integer')
  attempts: number;

  /** The job's own retry policy, which a replay keeps. */
  @Column('integer', { name: 'max_attempts' })
  maxAttempts: number;

  @Column('integer', { name: 'backoff_ms' })
  backoffMs: number;

  @Column('varchar', { length: 500 })
  error: string;

  @Column({ type: timestampType(), name: 'failed_at' })
  failedAt: Date;

  @Column({ type: timestampType(), name: 'replayed_at', nullable: true })
  replayedAt: Date | null;
}
