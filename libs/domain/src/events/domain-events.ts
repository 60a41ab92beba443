/**
 * What happened to a conversation, as the pipeline (ingest, outbound, conversation changes)
 * publishes it after commit. Plain data: each event travels on the durable queue and is handed to
 * every capability listening for its type (see `DomainEventListener`).
 */
export type DomainEvent =
  | MessageReceived | ConversationOpened | MessageReplied | NoteAdded | ConversationStatusChanged | ConversationAssigned | SurveyAnswered | SlaFired;

export type DomainEventType = DomainEvent['type'];

/** A customer's message was stored in a conversation it continues, resumes or opened. */
export interface MessageReceived {
  type: 'message.received';
  conversationId: string;
  messageId: string;
  /** The message opened the conversation (a `conversation.opened` is published with it). */
  opened: boolean;
  /** The conversation was not open before (pending, snoozed, resolved); absent when not known (jobs of older versions). */
  resumed?: boolean;
}

/** A conversation was opened by a customer's message. */
export interface ConversationOpened {
  type: 'conversation.opened';
  conversationId: string;
  messageId: string;
}

/** An agent's reply was stored (as `pending`: its delivery is the delivery queue's). */
export interface MessageReplied {
  type: 'message.replied';
  conversationId: string;
  messageId: string;
}

export interface ConversationStatusChanged {
  type: 'conversation.status_changed';
  conversationId: string;
  from: string;
  to: string;
}

/** The conversation's agent or team changed (by hand or by routing). */
export interface ConversationAssigned {
  type: 'conversation.assigned';
  conversationId: string;
  previousAssigneeId: string | null;
  previousTeamId: string | null;
  /** The user who changed it; absent when routing did, or on jobs of older versions. */
  actorId?: string;
  /** ISO 8601, when it changed; tells two identical changes apart (absent on jobs of older versions). */
  at?: string;
}

/** An agent wrote a private note (notifications reads its mentions). */
export interface NoteAdded {
  type: 'note.added';
  conversationId: string;
  messageId: string;
  authorId: string;
}

/** An SLA timer reached its warning point or its deadline (published by the SLA scheduler's firing). */
export interface SlaFired {
  type: 'sla.fired';
  conversationId: string;
  timerId: string;
  metric: string;
  phase: 'warning' | 'breach';
}

/** A customer scored a survey about the conversation (XLA counts it towards the team's CSAT). */
export interface SurveyAnswered {
  type: 'survey.answered';
  conversationId: string;
  surveyId: string;
  /** The customer was satisfied (e.g. 4–5 of 5). */
  satisfied: boolean;
  score: number;
  /** ISO 8601: the event travels as JSON. */
  answeredAt: string;
}

export type DomainEventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

export function eventsOfType<T extends DomainEventType>(events: readonly DomainEvent[], type: T): DomainEventOf<T>[] {
  return events.filter((e): e is DomainEventOf<T> => e.type === type);
}
