// Surveys after resolution (issue 7): settings and responses as the console reads them.
export type SurveyType = 'csat' | 'nps' | 'ces';

export interface SurveyTextsDto {
  question?: string;
  why?: string;
  thanks?: string;
  reask?: string;
  unsubscribed?: string;
}

export interface SurveySettingsDto {
  id: string;
  scope: 'inbox' | 'team';
  scopeId: string;
  enabled: boolean;
  type: SurveyType;
  delayMinutes: number;
  throttleDays: number;
  /** A free-text reply within this many hours of the score is the "why?" comment; later it is a normal message. */
  commentWindowHours: number;
  texts: { ru?: SurveyTextsDto; en?: SurveyTextsDto };
}

export type SurveySettingsInput = Omit<SurveySettingsDto, 'id' | 'commentWindowHours'> & { commentWindowHours?: number };

/** What a customer reads when a setting leaves a text empty, per survey type and language. */
export type SurveyDefaultTextsDto = Record<SurveyType, { ru: Required<SurveyTextsDto>; en: Required<SurveyTextsDto> }>;

export type SurveyState = 'sent' | 'awaiting_comment' | 'completed' | 'left' | 'unsubscribed' | 'skipped';

export interface SurveyDto {
  id: string;
  conversationId: string;
  customerId: string;
  inboxId: string;
  teamId: string | null;
  agentId: string | null;
  channel: string;
  type: SurveyType;
  state: SurveyState;
  skipReason: string | null;
  language: string;
  sentAt: string | null;
  response: {
    score: number;
    comment: string | null;
    commentSentiment: string | null;
    answeredAt: string;
  } | null;
}

/** Live event on `/agents` for supervisors: a detractor's score needs a call back. */
export const SURVEY_AGENT_EVENTS = { detractor: 'survey.detractor' } as const;

export interface SurveyRecoveryDto {
  surveyId: string;
  conversationId: string;
  customerId: string;
  customerName: string | null;
  teamId: string | null;
  assigneeId: string | null;
  type: SurveyType;
  score: number;
  comment: string | null;
  status: 'open' | 'done';
  outcome: string | null;
  doneBy: string | null;
  createdAt: string;
  doneAt: string | null;
  /** The customer wrote again (a new conversation) after the low score. */
  cameBack: boolean;
}
