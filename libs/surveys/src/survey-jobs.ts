/** The surveys queue: the delayed `send` after a resolution and the `answered` follow-up after an answer's commit. */
export const SURVEYS_QUEUE = 'surveys';

/** The conversation-hook name under which a survey answer is claimed. */
export const SURVEYS_HOOK = 'surveys';

/** Survey states in which a customer's next message may be their answer. */
export const WAITING_FOR_ANSWER = ['sent', 'awaiting_comment'];

export type AnswerAction = 'scored' | 'reask' | 'commented' | 'unsubscribed';

/** Data of the `answered` job; `via: 'page'` when the hosted survey page took the answer. */
export interface AnsweredJob {
  surveyId: string;
  action: AnswerAction;
  messageId: string | null;
  via?: 'page';
}
