import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Sentiment } from '@parley/contracts';
import { idColumn, timestampType } from '../column-types';

@Entity('message_sentiments')
@Index('ix_message_sentiments_conversation', ['conversationId'])
export class MessageSentimentEntity {
  @PrimaryColumn(idColumn({ name: 'message_id' }))
  messageId: string;

  @Column(idColumn({ name: 'conversation_id' }))
  conversationId: string;

  @Column('varchar', { length: 10 })
  language: string;

  @Column('integer')
  score: number;

  @Column('varchar', { length: 10 })
  label: Sentiment;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;
}
