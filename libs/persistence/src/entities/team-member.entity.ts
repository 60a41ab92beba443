import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, timestampType } from '../column-types';

@Entity('team_members')
@Index('ix_team_members_agent', ['agentId'])
export class TeamMemberEntity {
  @PrimaryColumn(idColumn({ name: 'team_id' }))
  teamId: string;

  @PrimaryColumn(idColumn({ name: 'agent_id' }))
  agentId: string;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;
}
