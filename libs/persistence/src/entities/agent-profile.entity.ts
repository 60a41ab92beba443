import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AgentStatus } from '@parley/contracts';
import { idColumn, jsonType, timestampType } from '../column-types';

/**
 * Routing's view of a user. The row is also the lock every assignment to this agent takes, so two
 * processes can never both fill the agent's last free slot.
 */
@Entity('agent_profiles')
export class AgentProfileEntity {
  @PrimaryColumn(idColumn({ name: 'user_id' }))
  userId: string;

  @Column('varchar', { length: 10 })
  status: AgentStatus;

  @Column('boolean', { name: 'auto_away', default: false })
  autoAway: boolean;

  @Column('integer')
  capacity: number;

  /** Cached weighted load for ranking; the authoritative count is recomputed under the row lock. */
  @Column('integer', { default: 0 })
  load: number;

  @Column({ type: jsonType() })
  skills: string[];

  @Column({ type: timestampType(), name: 'last_assigned_at', nullable: true })
  lastAssignedAt: Date | null;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}
