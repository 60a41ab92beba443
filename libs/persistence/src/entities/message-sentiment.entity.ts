import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Sentiment } from '@parley/contracts';
import { timestampType } from '../column-types';

@Entity('message_sentiments')
@Index('ix_message_sentiments_conversation', ['conversationId'])
export class MessageSentimentEntity {
  @PrimaryColumn('varchar', { name: 'message_id', length: 36 })
  messageId: string;

  @Column('varchar', { name: 'conversation_id', length: 36 })
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
