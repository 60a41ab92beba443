import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idColumn, timestampType } from '../column-types';

@Entity('xla_policies')
export class XlaPolicyEntity {
  @PrimaryColumn(idColumn())
  id: string;

  /** null: the default policy. */
  @Column(idColumn({ name: 'team_id', nullable: true }))
  teamId: string | null;

  @Column('integer', { name: 'negative_reply_minutes', nullable: true })
  negativeReplyMinutes: number | null;

  @Column('integer', { name: 'max_transfers', nullable: true })
  maxTransfers: number | null;

  @Column('integer', { name: 'repeat_contact_days', nullable: true })
  repeatContactDays: number | null;

  @Column('integer', { name: 'csat_target_percent', nullable: true })
  csatTargetPercent: number | null;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}
