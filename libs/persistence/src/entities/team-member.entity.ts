import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { timestampType } from '../column-types';

@Entity('team_members')
@Index('ix_team_members_agent', ['agentId'])
export class TeamMemberEntity {
  @PrimaryColumn('varchar', { name: 'team_id', length: 36 })
  teamId: string;

  @PrimaryColumn('varchar', { name: 'agent_id', length: 36 })
  agentId: string;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;
}
