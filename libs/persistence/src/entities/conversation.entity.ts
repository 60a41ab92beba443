import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Channel, ConversationStatus } from '@parley/contracts';
import { idColumn, jsonType, timestampType } from '../column-types';

// The inbox list is always "newest activity first" within a status, optionally narrowed by inbox
// or assignee, so each index ends in (last_message_at, id) for keyset pagination.
@Entity('conversations')
@Index('ix_conversations_status_activity', ['status', 'lastMessageAt', 'id'])
@Index('ix_conversations_inbox_status_activity', ['inboxId', 'status', 'lastMessageAt', 'id'])
@Index('ix_conversations_assignee_status_activity', ['assigneeId', 'status', 'lastMessageAt', 'id'])
@Index('ix_conversations_customer_inbox', ['customerId', 'inboxId', 'createdAt'])
@Index('ix_conversations_activity', ['lastMessageAt', 'id'])
@Index('ix_conversations_customer_activity', ['customerId', 'lastMessageAt', 'id'])
@Index('ix_conversations_team_status_activity', ['teamId', 'status', 'lastMessageAt', 'id'])
export class ConversationEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column(idColumn({ name: 'customer_id' }))
  customerId: string;

  @Column(idColumn({ name: 'inbox_id' }))
  inboxId: string;

  @Column('varchar', { length: 20 })
  channel: Channel;

  @Column('varchar', { length: 20 })
  status: ConversationStatus;

  @Column(idColumn({ name: 'assignee_id', nullable: true }))
  assigneeId: string | null;

  @Column(idColumn({ name: 'team_id', nullable: true }))
  teamId: string | null;

  @Column('varchar', { length: 10, default: 'normal' })
  priority: 'low' | 'normal' | 'high' | 'urgent';

  @Column({ type: timestampType(), name: 'snoozed_until', nullable: true })
  snoozedUntil: Date | null;

  @Column({ type: timestampType(), name: 'first_response_at', nullable: true })
  firstResponseAt: Date | null;

  @Column({ type: timestampType(), name: 'resolved_at', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: timestampType(), name: 'last_message_at' })
  lastMessageAt: Date;

  @Column({ type: timestampType(), name: 'last_inbound_at', nullable: true })
  lastInboundAt: Date | null;

  @Column('varchar', { name: 'last_message_preview', length: 200, nullable: true })
  lastMessagePreview: string | null;

  /** Channel-specific details (see the channel adapter that wrote them). */
  @Column({ type: jsonType(), nullable: true })
  metadata: Record<string, any> | null;

  @Column('integer', { name: 'unread_count', default: 0 })
  unreadCount: number;

  /** When an agent last opened the conversation after the customer wrote: web chat shows the visitor "Seen". */
  @Column({ type: timestampType(), name: 'agent_last_seen_at', nullable: true })
  agentLastSeenAt?: Date | null;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}
