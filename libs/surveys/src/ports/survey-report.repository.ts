import type { SurveyEntity, SurveyResponseEntity } from '@parley/persistence';

/** A sent survey with what the report sums up about it. */
export interface SentSurveyFacts {
  survey: SurveyEntity;
  score: number | null;
  /** Its conversation's opening and first reply; null when the conversation is gone. */
  conversation: { createdAt: Date; firstResponseAt: Date | null } | null;
  transfers: number;
}

export type ReportNameKind = 'team' | 'agent' | 'inbox';

/** What the survey list and the supervisors' report read. */
export interface SurveyReportRepository {
  /** Surveys matching the filter, most recently changed first, each with its response if answered. */
  recent(filter: { conversationId?: string; customerId?: string }, limit: number): Promise<{ survey: SurveyEntity; response: SurveyResponseEntity | null }[]>;
  /** Surveys sent (not skipped) between `from` and `to` inclusive, at most 50 000, with their figures. */
  sent(from: Date, to: Date): Promise<SentSurveyFacts[]>;
  /** Display names by id of the teams, agents or inboxes among `ids`. */
  names(kind: ReportNameKind, ids: string[]): Promise<Record<string, string>>;
}

export const SURVEY_REPORT_REPOSITORY = Symbol('SURVEY_REPORT_REPOSITORY');
