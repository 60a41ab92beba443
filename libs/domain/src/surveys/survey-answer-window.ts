/** A score days after the question is a new message, not a survey answer. */
export const SCORE_WINDOW_MS = 3 * 86_400_000;
export const DEFAULT_COMMENT_WINDOW_HOURS = 24;
/** A week: past that, a "why?" answer cannot be told from a new request. */
export const MAX_COMMENT_WINDOW_HOURS = 168;

export interface SurveyTiming {
  state: string;
  sentAt: Date | null;
  /** When the score arrived; null before it. */
  answeredAt: Date | null;
  commentWindowHours: number;
}

/**
 * What an inbound message at `now` may be for this survey: its score, its "why?" comment, or
 * nothing any more (`expired`: the survey stops waiting and the message is a normal message).
 * `null` when the survey is not waiting for anything.
 */
export function expectedAnswer(s: SurveyTiming, now: Date): 'score' | 'comment' | 'expired' | null {
  if (s.state === 'sent') {
    if (!s.sentAt) return null;
    return now.getTime() - s.sentAt.getTime() > SCORE_WINDOW_MS ? 'expired' : 'score';
  }
  if (s.state === 'awaiting_comment') {
    if (!s.answeredAt) return 'expired';
    return now.getTime() - s.answeredAt.getTime() > s.commentWindowHours * 3_600_000 ? 'expired' : 'comment';
  }
  return null;
}
