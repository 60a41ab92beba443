// Entities of surveys after resolution (issue 7), registered together in data-source.ts.
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { idColumn, jsonType, timestampType } from '../column-types';

/** Which survey an inbox or team sends; a team's settings win over its inbox's. */
@Entity('survey_settings')
@Index('uq_survey_settings_scope', ['scope', 'scopeId'], { unique: true })
export class SurveySettingEntity {
  @PrimaryColumn(idColumn())
  id: string;

  /** `inbox` or `team`. */
  @Column('varchar', { length: 10 })
  scope: 'inbox' | 'team';

  @Column(idColumn({ name: 'scope_id' }))
  scopeId: string;

  @Column('boolean')
  enabled: boolean;

  @Column('varchar', { length: 10 })
  type: string;

  @Column('integer', { name: 'delay_minutes' })
  delayMinutes: number;

  /** A customer is surveyed at most once in this many days. */
  @Column('integer', { name: 'throttle_days' })
  throttleDays: number;

  /** A free-text reply within this many hours of the score is the "why?" comment; later it is a message. */
  @Column('integer', { name: 'comment_window_hours', default: 24 })
  commentWindowHours: number;

  /** `{ru?: {question?, why?, thanks?, reask?, unsubscribed?}, en?: {…}}` over the defaults. */
  @Column({ type: jsonType() })
  texts: Record<string, Record<string, string>>;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}

/** One survey sent (or deliberately not sent: `skipped` with the reason) after one resolution. */
@Entity('surveys')
@Index('ix_surveys_customer_sent', ['customerId', 'sentAt'])
@Index('ix_surveys_conversation', ['conversationId'])
export class SurveyEntity {
  @PrimaryColumn(idColumn())
  id: string;

  @Column(idColumn({ name: 'conversation_id' }))
  conversationId: string;

  @Column(idColumn({ name: 'customer_id' }))
  customerId: string;

  @Column(idColumn({ name: 'inbox_id' }))
  inboxId: string;

  @Column(idColumn({ name: 'team_id', nullable: true }))
  teamId: string | null;

  @Column(idColumn({ name: 'agent_id', nullable: true }))
  agentId: string | null;

  @Column('varchar', { length: 20 })
  channel: string;

  @Column('varchar', { length: 10 })
  type: string;

  /** sent → awaiting_comment → completed; or left (no usable answer), unsubscribed, skipped. */
  @Column('varchar', { length: 20 })
  state: string;

  @Column('varchar', { name: 'skip_reason', length: 40, nullable: true })
  skipReason: string | null;

  @Column('varchar', { length: 5 })
  language: string;

  @Column('integer')
  reasks: number;

  @Column({ type: timestampType(), name: 'resolved_at' })
  resolvedAt: Date;

  @Column({ type: timestampType(), name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Column({ type: timestampType(), name: 'updated_at' })
  updatedAt: Date;
}

/** The customer's answer: the score, then the "why?" comment with its sentiment. */
@Entity('survey_responses')
@Index('ix_survey_responses_answered', ['answeredAt'])
export class SurveyResponseEntity {
  @PrimaryColumn(idColumn({ name: 'survey_id' }))
  surveyId: string;

  @Column(idColumn({ name: 'conversation_id' }))
  conversationId: string;

  @Column(idColumn({ name: 'customer_id' }))
  customerId: string;

  @Column(idColumn({ name: 'team_id', nullable: true }))
  teamId: string | null;

  @Column(idColumn({ name: 'agent_id', nullable: true }))
  agentId: string | null;

  @Column('varchar', { length: 20 })
  channel: string;

  @Column('varchar', { length: 10 })
  type: string;

  @Column('integer')
  score: number;

  @Column('text', { nullable: true })
  comment: string | null;

  @Column('varchar', { name: 'comment_sentiment', length: 10, nullable: true })
  commentSentiment: string | null;

  @Column('integer', { name: 'comment_sentiment_score', nullable: true })
  commentSentimentScore: number | null;

  @Column({ type: timestampType(), name: 'answered_at' })
  answeredAt: Date;

  @Column({ type: timestampType(), name: 'commented_at', nullable: true })
  commentedAt: Date | null;
}

/** A customer who asked for no more surveys (the unsubscribe word or link). */
@Entity('survey_opt_outs')
export class SurveyOptOutEntity {
  @PrimaryColumn(idColumn({ name: 'customer_id' }))
  customerId: string;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;
}

/** Detractor recovery: the team lead's follow-up task for a low score, and what came of it. */
@Entity('survey_recoveries')
@Index('ix_survey_recoveries_status', ['status', 'createdAt'])
export class SurveyRecoveryEntity {
  @PrimaryColumn(idColumn({ name: 'survey_id' }))
  surveyId: string;

  @Column(idColumn({ name: 'conversation_id' }))
  conversationId: string;

  @Column(idColumn({ name: 'customer_id' }))
  customerId: string;

  @Column(idColumn({ name: 'team_id', nullable: true }))
  teamId: string | null;

  /** The team lead (a supervisor or admin of the team); null when the team has none. */
  @Column(idColumn({ name: 'assignee_id', nullable: true }))
  assigneeId: string | null;

  @Column('varchar', { length: 10 })
  type: string;

  @Column('integer')
  score: number;

  /** open → done */
  @Column('varchar', { length: 10 })
  status: string;

  @Column('text', { nullable: true })
  outcome: string | null;

  @Column('varchar', { name: 'done_by', length: 200, nullable: true })
  doneBy: string | null;

  @Column({ type: timestampType(), name: 'created_at' })
  createdAt: Date;

  @Column({ type: timestampType(), name: 'done_at', nullable: true })
  doneAt: Date | null;
}

export const SURVEY_ENTITIES = [SurveySettingEntity, SurveyEntity, SurveyResponseEntity, SurveyOptOutEntity, SurveyRecoveryEntity];
