import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Sentiment } from '@parley/contracts';
import { idColumn, timestampType } from '../column-types';

/** Routing and experience state of one conversation, beside the conversation row. */
@Entity('conversation_routing')
@Index('ix_conversation_routing_queue', ['queuedAt'])
export class ConversationRoutingEntity {
  @PrimaryColumn(idColumn({ name: 'conversation_id' }))
  conversationId: string;

  @Column('varchar', { length: 10, nullable: true })
  language: string | null;

  /** Sentiment of the customer's latest message. */
  @Column('varchar', { length: 10, nullable: true })
  sentiment: Sentiment | null;

  @Column('integer', { name: 'sentiment_score', default: 0 })
  sentimentScore: number;

  /** Queue order boost: VIP customer, negative sentiment. */
  @Column('integer', { default: 0 })
  boost: number;

  @Column('integer', { default: 0 })
  transfers: number;

  /** When it started waiting unassigned in its current team (overflow counts from here). */
  @Column({ type: timestampType(), name: 'queued_at', nullable: true })
  queuedAt: Date | null;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}
