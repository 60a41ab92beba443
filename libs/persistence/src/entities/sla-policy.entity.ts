import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EscalationAction, Priority, SlaTargets } from '@parley/contracts';
import { timestampType } from '../column-types';

@Entity('sla_policies')
export class SlaPolicyEntity {
  @PrimaryColumn('varchar', { length: 36 })
  id: string;

  @Column('varchar', { length: 200 })
  name: string;

  @Column('varchar', { name: 'calendar_id', length: 36, nullable: true })
  calendarId: string | null;

  @Column('simple-json')
  targets: Record<Priority, SlaTargets>;

  @Column('integer', { name: 'warn_at_percent', default: 80 })
  warnAtPercent: number;

  @Column('simple-json')
  escalation: { warning: EscalationAction[]; breach: EscalationAction[] };

  @Column('boolean', { name: 'is_default', default: false })
  isDefault: boolean;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}
