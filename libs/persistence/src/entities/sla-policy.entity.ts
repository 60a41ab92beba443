import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EscalationAction, Priority, SlaTargets } from '@parley/contracts';
import { idColumn, jsonType, timestampType } from '../column-types';

@Entity('sla_policies')
export class SlaPolicyEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column('varchar', { length: 200 })
  name: string;

  @Column(idColumn({ name: 'calendar_id', nullable: true }))
  calendarId: string | null;

  @Column({ type: jsonType() })
  targets: Record<Priority, SlaTargets>;

  @Column('integer', { name: 'warn_at_percent', default: 80 })
  warnAtPercent: number;

  @Column({ type: jsonType() })
  escalation: { warning: EscalationAction[]; breach: EscalationAction[] };

  @Column('boolean', { name: 'is_default', default: false })
  isDefault: boolean;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}
