import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { XlaKind } from '@parley/contracts';
import { idColumn, timestampType } from '../column-types';

/** One experience outcome (a breach, a met target, a CSAT response) for reporting per team. */
@Entity('xla_events')
@Index('ix_xla_events_team_kind', ['teamId', 'kind', 'occurredAt'])
@Index('ix_xla_events_conversation', ['conversationId'])
export class XlaEventEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column(idColumn({ name: 'conversation_id' }))
  conversationId: string;

  @Column(idColumn({ name: 'team_id', nullable: true }))
  teamId: string | null;

  @Column('varchar', { length: 20 })
  kind: XlaKind;

  @Column('integer', { nullable: true })
  value: number | null;

  @Column('boolean')
  breached: boolean;

  @Column({ type: timestampType(), name: 'occurred_at' })
  occurredAt: Date;
}
