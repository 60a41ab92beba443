import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AttachmentDto, AuthorType, Channel, DeliveryStatus, MessageDirection } from '@parley/contracts';
import { idColumn, jsonType, timestampType } from '../column-types';

// A provider's retry carries the same message id: the unique key makes the second insert a no-op.
// NULLs are distinct in both drivers, so outbound rows without a provider id don't collide.
@Entity('messages')
@Index('uq_messages_inbox_provider_id', ['inboxId', 'providerMessageId'], { unique: true })
@Index('ix_messages_conversation_created', ['conversationId', 'createdAt', 'id'])
@Index('ix_messages_delivery_pending', ['updatedAt'], { where: `delivery_status IN ('pending', 'queued')` })
@Index('ix_messages_customer', ['customerId'])
export class MessageEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column(idColumn({ name: 'conversation_id' }))
  conversationId: string;

  @Column(idColumn({ name: 'customer_id' }))
  customerId: string;

  @Column(idColumn({ name: 'inbox_id' }))
  inboxId: string;

  @Column('varchar', { length: 20 })
  channel: Channel;

  @Column('varchar', { length: 10 })
  direction: MessageDirection;

  @Column('varchar', { name: 'author_type', length: 10 })
  authorType: AuthorType;

  @Column('varchar', { name: 'author_id', length: 36, nullable: true })
  authorId: string | null;

  @Column('varchar', { name: 'author_name', length: 200, nullable: true })
  authorName: string | null;

  @Column('text')
  content: string;

  @Column('boolean', { name: 'is_private', default: false })
  private: boolean;

  @Column({ type: jsonType() })
  attachments: AttachmentDto[];

  @Column('varchar', { name: 'provider_message_id', length: 255, nullable: true })
  providerMessageId: string | null;

  @Column('varchar', { name: 'client_message_id', length: 64, nullable: true })
  clientMessageId: string | null;

  /** Channel-specific details (see the channel adapter that wrote them). */
  @Column({ type: jsonType(), nullable: true })
  metadata: Record<string, any> | null;

  @Column('varchar', { name: 'delivery_status', length: 20 })
  deliveryStatus: DeliveryStatus;

  @Column('varchar', { name: 'delivery_error', length: 500, nullable: true })
  deliveryError: string | null;

  @Column('integer', { name: 'delivery_attempts', default: 0 })
  deliveryAttempts: number;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}
