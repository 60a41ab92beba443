import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idColumn, jsonType, timestampType } from '../column-types';

@Entity('routing_rules')
export class RoutingRuleEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column('integer')
  position: number;

  @Column(idColumn({ name: 'team_id' }))
  teamId: string;

  @Column(idColumn({ name: 'inbox_id', nullable: true }))
  inboxId: string | null;

  @Column('varchar', { length: 10, nullable: true })
  language: string | null;

  @Column({ type: jsonType() })
  keywords: string[];

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;
}
