import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CollaboratorReason, NotificationType } from '@parley/contracts';
import { idColumn, jsonType, timestampType } from '../column-types';

/** One notification of one agent; the centre pages them newest first on (created_at, id). */
@Entity('notifications')
@Index('ix_notifications_user_created', ['userId', 'createdAt', 'id'])
export class NotificationEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column(idColumn({ name: 'user_id' }))
  userId: string;

  @Column('varchar', { length: 20 })
  type: NotificationType;

  @Column(idColumn({ name: 'conversation_id', nullable: true }))
  conversationId: string | null;

  @Column(idColumn({ name: 'customer_id', nullable: true }))
  customerId: string | null;

  @Column(idColumn({ name: 'actor_id', nullable: true }))
  actorId: string | null;

  /** `{ title, actorName, … }`: what the centre shows, as it was when it happened. */
  @Column({ type: jsonType() })
  data: Record<string, unknown>;

  @Column({ type: timestampType(), name: 'read_at', nullable: true })
  readAt: Date | null;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;
}

/** An agent following a conversation without being its assignee (mentioned, or by their own choice). */
@Entity('conversation_collaborators')
@Index('ix_conversation_collaborators_user', ['userId', 'conversationId'])
export class ConversationCollaboratorEntity {
  @PrimaryColumn(idColumn({ name: 'conversation_id' }))
  conversationId: string;

  @PrimaryColumn(idColumn({ name: 'user_id' }))
  userId: string;

  @Column(idColumn({ name: 'added_by', nullable: true }))
  addedBy: string | null;

  @Column('varchar', { length: 10 })
  reason: CollaboratorReason;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;
}

/** An agent's notification choices; no row: every event, the chime, browser notifications on. */
@Entity('notification_settings')
export class NotificationSettingsEntity {
  @PrimaryColumn(idColumn({ name: 'user_id' }))
  userId: string;

  @Column({ type: jsonType() })
  events: Partial<Record<NotificationType, boolean>>;

  @Column('varchar', { length: 20 })
  sound: string;

  @Column('boolean')
  browser: boolean;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}

export const NOTIFICATION_ENTITIES = [NotificationEntity, ConversationCollaboratorEntity, NotificationSettingsEntity];
