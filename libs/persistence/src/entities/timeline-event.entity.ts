import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Channel, MessageDirection, TimelineEventType } from '@parley/contracts';
import { idColumn, jsonType, timestampType } from '../column-types';

/** One ordered stream per customer; a timeline page is a keyset scan of this index. */
@Entity('timeline_events')
@Index('ix_timeline_customer_occurred', ['customerId', 'occurredAt', 'id'])
@Index('ix_timeline_message', ['messageId'])
export class TimelineEventEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column(idColumn({ name: 'customer_id' }))
  customerId: string;

  @Column('varchar', { length: 30 })
  type: TimelineEventType;

  @Column({ type: timestampType(), name: 'occurred_at' })
  occurredAt: Date;

  @Column('varchar', { length: 20, nullable: true })
  channel: Channel | null;

  @Column(idColumn({ name: 'conversation_id', nullable: true }))
  conversationId: string | null;

  @Column(idColumn({ name: 'message_id', nullable: true }))
  messageId: string | null;

  @Column('varchar', { length: 10, nullable: true })
  direction: MessageDirection | null;

  @Column('text', { nullable: true })
  content: string | null;

  @Column('varchar', { length: 300, nullable: true })
  title: string | null;

  @Column('varchar', { name: 'author_name', length: 200, nullable: true })
  authorName: string | null;

  @Column({ type: jsonType(), nullable: true })
  data: Record<string, any> | null;
}
