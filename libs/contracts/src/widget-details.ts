// Widget availability, read receipts and the email composer's extras (issue 14, item 7).

/**
 * Whether the inbox's team can answer now. `online`: someone is online within business hours;
 * `away`: outside business hours (`nextOpenAt` in the calendar's `timezone`); `offline`: in hours,
 * but no agent is online.
 */
export interface WidgetAvailability {
  state: 'online' | 'away' | 'offline';
  /** ISO instant the business hours open again (away only). */
  nextOpenAt?: string;
  /** IANA zone of the business calendar, to show the opening time as the team's wall clock. */
  timezone?: string;
  /** The SLA first-response target when one applies, else a default; from now, in minutes. */
  expectedReplyMinutes?: number;
}

/** widget → server: the visitor has seen the agent's messages up to and including this one. */
export interface WidgetSeenPayload {
  messageId: string;
}

/**
 * server → widget (`agent:seen`): an agent opened the conversation after the visitor wrote; the visitor's
 * messages sent up to `seenAt` show "Seen". Also in `session` as `agentSeenAt`.
 */
export interface WidgetAgentSeenEvent {
  conversationId: string;
  /** ISO instant the agent opened the conversation. */
  seenAt: string;
}

/** The open survey question a widget message carries: its rating buttons (labels). */
export interface WidgetMessageSurvey {
  options: string[];
}

/** Extra fields of an agent's reply (POST /api/conversations/:id/messages) besides content. */
export interface ReplyExtrasDto {
  buttons?: { text: string; data?: string; url?: string }[];
  /** Email only: the subject of this reply (default "Re: <conversation subject>"). */
  subject?: string;
  /** Email only: comma-separated or listed addresses to copy. */
  cc?: string[];
  /** Ids from POST /api/attachments (a canned response's files). */
  attachmentIds?: string[];
}
