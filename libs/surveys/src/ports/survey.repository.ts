import type { Channel } from '@parley/contracts';
import type { NewTimelineEvent } from '@parley/customers';
import type {
  ChannelIdentityEntity, ConversationEntity, CustomerEntity, SurveyEntity, SurveyRecoveryEntity, SurveyResponseEntity, TimelineEventEntity,
} from '@parley/persistence';

/** An answer's transaction: the survey read again, then its answer rows written together. */
export interface SurveyAnswerUnitOfWork {
  survey(id: string): Promise<SurveyEntity | null>;
  /** The response row with the score; the survey then awaits the "why?". */
  recordScore(survey: SurveyEntity, score: number, now: Date): Promise<void>;
  /** The comment (cut to 4000 characters) and its sentiment on the response; the survey is completed. */
  recordComment(surveyId: string, text: string, sentiment: { label: string; score: number }, now: Date): Promise<void>;
  /** The customer gets no more surveys (a second opt-out changes nothing). */
  optOut(customerId: string, now: Date): Promise<void>;
  updateSurvey(id: string, changes: Partial<SurveyEntity>): Promise<void>;
}

/** What the survey use cases (dispatch, the answers' follow-up, recovery, the timeline) read and write. */
export interface SurveyRepository {
  transaction<T>(work: (tx: SurveyAnswerUnitOfWork) => Promise<T>): Promise<T>;
  conversation(id: string): Promise<ConversationEntity | null>;
  customer(id: string): Promise<CustomerEntity | null>;
  survey(id: string): Promise<SurveyEntity | null>;
  /** Whether this resolution of the conversation already had its survey (sent or skipped). */
  surveyedAfter(conversationId: string, resolvedAt: Date): Promise<boolean>;
  insertSurvey(survey: SurveyEntity): Promise<void>;
  updateSurvey(id: string, changes: Partial<SurveyEntity>): Promise<void>;
  optedOut(customerId: string): Promise<boolean>;
  latestIdentity(customerId: string, channel: Channel): Promise<ChannelIdentityEntity | null>;
  /** Whether the customer was sent a survey since then (throttling). */
  surveyedSince(customerId: string, since: Date): Promise<boolean>;
  /** The last words the customer wrote in the conversation (a caption-less photo says nothing). */
  lastCustomerWords(conversationId: string): Promise<string | null>;
  response(surveyId: string): Promise<SurveyResponseEntity | null>;
  /** Whether this message's answer is on the timeline already (the answered job ran before). */
  answerOnTimeline(conversationId: string, messageId: string): Promise<boolean>;
  appendTimeline(event: NewTimelineEvent): Promise<TimelineEventEntity>;
  recoveryExists(surveyId: string): Promise<boolean>;
  insertRecovery(recovery: SurveyRecoveryEntity): Promise<void>;
  updateRecovery(surveyId: string, changes: Partial<SurveyRecoveryEntity>): Promise<void>;
  recoveries(filter: { status?: string; surveyId?: string }, limit: number): Promise<SurveyRecoveryEntity[]>;
  /** The team's named lead if that user exists, else the first supervisor or admin among its members, by name. */
  teamLead(teamId: string): Promise<string | null>;
  /** Whether the customer started another conversation after `after`. */
  cameBack(customerId: string, after: Date): Promise<boolean>;
}

export const SURVEY_REPOSITORY = Symbol('SURVEY_REPOSITORY');
