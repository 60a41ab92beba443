import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { jsonType, timestampType } from '../column-types';

/** Pending work of the in-process queue: kept in the database so a restart loses nothing. */
@Entity('jobs')
@Index('ix_jobs_due', ['status', 'runAt'])
export class JobEntity {
  /** Caller-chosen id when given (e.g. the message id), which makes add() idempotent. */
  @PrimaryColumn('varchar', { length: 120 })
  id: string;

  @Column('varchar', { length: 60 })
  queue: string;

  @Column('varchar', { length: 60 })
  name: string;

  @Column({ type: jsonType() })
  data: Record<string, any>;

  @Column('varchar', { length: 12 })
  status: 'waiting' | 'active' | 'failed';

  @Column({ type: timestampType(), name: 'run_at' })
  runAt: Date;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('integer', { name: 'max_attempts' })
  maxAttempts: number;

  @Column('integer', { name: 'backoff_ms' })
  backoffMs: number;

  @Column('varchar', { name: 'last_error', length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;
}
