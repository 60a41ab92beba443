import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { SlaMetric, SlaTimerState } from '@parley/contracts';
import { idColumn, timestampType } from '../column-types';

/**
 * A durable deadline. `next_fire_at` is the next moment something must happen (the warning, then
 * the breach); the scheduler scans that index, and `version` makes each firing claimable once.
 */
@Entity('sla_timers')
@Index('uq_sla_timers_conversation_metric', ['conversationId', 'metric'], { unique: true })
@Index('ix_sla_timers_next_fire', ['nextFireAt', 'id'])
export class SlaTimerEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column(idColumn({ name: 'conversation_id' }))
  conversationId: string;

  @Column('varchar', { length: 20 })
  metric: SlaMetric;

  @Column('varchar', { length: 12 })
  state: SlaTimerState;

  @Column(idColumn({ name: 'policy_id', nullable: true }))
  policyId: string | null;

  @Column('integer', { name: 'target_seconds' })
  targetSeconds: number;

  /** Business seconds used before the running segment began (the pauses in between don't count). */
  @Column('integer', { name: 'consumed_seconds', default: 0 })
  consumedSeconds: number;

  @Column({ type: timestampType(), name: 'segment_started_at', nullable: true })
  segmentStartedAt: Date | null;

  @Column({ type: timestampType(), name: 'started_at' })
  startedAt: Date;

  @Column({ type: timestampType(), name: 'due_at', nullable: true })
  dueAt: Date | null;

  @Column({ type: timestampType(), name: 'warn_at', nullable: true })
  warnAt: Date | null;

  @Column({ type: timestampType(), name: 'next_fire_at', nullable: true })
  nextFireAt: Date | null;

  @Column('boolean', { default: false })
  warned: boolean;

  @Column({ type: timestampType(), name: 'breached_at', nullable: true })
  breachedAt: Date | null;

  @Column({ type: timestampType(), name: 'met_at', nullable: true })
  metAt: Date | null;

  @Column('integer', { default: 0 })
  version: number;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}
