import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestampType } from '../column-types';

@Entity('routing_rules')
export class RoutingRuleEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @Column('integer')
  position: number;

  @Column('varchar', { name: 'team_id', length: 36 })
  teamId: string;

  @Column('varchar', { name: 'inbox_id', length: 36, nullable: true })
  inboxId: string | null;

  @Column('varchar', { length: 10, nullable: true })
  language: string | null;

  @Column('simple-json')
  keywords: string[];

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;
}
