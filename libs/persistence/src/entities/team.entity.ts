import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RoutingStrategy } from '@parley/contracts';
import { idColumn, timestampType } from '../column-types';

@Entity('teams')
export class TeamEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column('varchar', { length: 200 })
  name: string;

  @Column('varchar', { length: 20, default: 'round_robin' })
  strategy: RoutingStrategy;

  @Column('boolean', { default: true })
  sticky: boolean;

  @Column(idColumn({ name: 'overflow_team_id', nullable: true }))
  overflowTeamId: string | null;

  @Column('integer', { name: 'overflow_after_minutes', nullable: true })
  overflowAfterMinutes: number | null;

  @Column(idColumn({ name: 'sla_policy_id', nullable: true }))
  slaPolicyId: string | null;

  /** The user answerable for the team (detractor follow-ups); need not be a member. */
  @Column(idColumn({ name: 'lead_id', nullable: true }))
  leadId: string | null;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;
}
