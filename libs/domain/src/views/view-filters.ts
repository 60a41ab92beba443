import type { ConversationStatus } from '../conversation-rules';
import type { Priority } from '../routing/routing-strategy';
import type { Sentiment } from '../sentiment/sentiment-analyzer';

/** The channels a view can narrow to (the same words as the api's Channel). */
export type ViewChannel = 'webchat' | 'sms' | 'whatsapp' | 'telegram' | 'email' | 'viber' | 'vk' | 'messenger' | 'instagram';
export const VIEW_CHANNELS: readonly ViewChannel[] = ['webchat', 'sms', 'whatsapp', 'telegram', 'email', 'viber', 'vk', 'messenger', 'instagram'];

export const PRIORITIES_FOR_VIEWS: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];
export const SENTIMENTS_FOR_VIEWS: readonly Sentiment[] = ['negative', 'neutral', 'positive'];

/**
 * Where a conversation's SLA timers stand: `breached` when any timer is breached, `running` when one
 * still counts (running or paused) and none is breached, `met` when it has timers and all are met,
 * `none` when no policy armed a timer.
 */
export type SlaState = 'running' | 'breached' | 'met' | 'none';
export const SLA_STATES: readonly SlaState[] = ['running', 'breached', 'met', 'none'];

export type ViewKind = 'conversations' | 'customers';
export const VIEW_KINDS: readonly ViewKind[] = ['conversations', 'customers'];

/** An inclusive range of integer scores; either end may be open. */
export interface ScoreRange {
  min?: number;
  max?: number;
}

/** The stand-in a saved view stores for "whoever opens the view". */
export const ASSIGNEE_ME = 'me';

/** A named combination of conditions over conversations; every condition present must hold. */
export interface ConversationFilter {
  status?: ConversationStatus;
  /** Conversations carrying any of these labels. */
  labelIds?: string[];
  teamId?: string;
  channel?: ViewChannel;
  inboxId?: string;
  priority?: Priority;
  slaState?: SlaState;
  /** The sentiment of the customer's latest message. */
  sentiment?: Sentiment;
  /** A CSAT answer (1–5) given after this conversation. */
  csat?: ScoreRange;
  unassigned?: boolean;
  /** A user id, or `me`. */
  assigneeId?: string;
  /** The customer wrote last, and has been waiting for an answer longer than this. */
  waitingLongerThanMinutes?: number;
}

/** A named combination of conditions over customers: the segments campaigns and reports build on. */
export interface CustomerFilter {
  /** Compared folded (case, ё/е) like customer search. */
  tag?: string;
  attribute?: { key: string; value: string };
  /** Has an identity on this channel. */
  channel?: ViewChannel;
  /** The customer's latest conversation activity (ISO 8601). */
  lastContactBefore?: string;
  lastContactAfter?: string;
  /** The score of the customer's latest survey answer. */
  lastScore?: ScoreRange;
}

export type FilterOf<K extends ViewKind> = K extends 'conversations' ? ConversationFilter : CustomerFilter;

/** Either the typed value, or every reason it was refused (each one a 400 message). */
export type Validated<T> = { ok: true; filter: T } | { ok: false; errors: string[] };
