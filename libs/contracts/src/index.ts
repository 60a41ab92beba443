// Types shared by the api, the console and the widget: the REST DTOs and socket events of
// docs/CONTRACT.md. Type-only, so the browser bundles pay nothing for importing it.

export type Role = 'agent' | 'supervisor' | 'admin';
export const ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];

/** Every channel Parley speaks, in the order lists show them. */
export const CHANNELS = ['webchat', 'email', 'sms', 'whatsapp', 'telegram', 'viber', 'vk', 'messenger', 'instagram'] as const;
export type Channel = (typeof CHANNELS)[number];
export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved';
export type MessageDirection = 'inbound' | 'outbound';
export type AuthorType = 'customer' | 'agent' | 'system';
export type DeliveryStatus = 'pending' | 'queued' | 'sent' | 'delivered' | 'read' | 'undelivered' | 'failed';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ApiError {
  statusCode: number;
  message: string;
}

export interface UserDto {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** Present (true) on the user list when an admin has disabled the account. */
  disabled?: boolean;
  /** The console language the user chose; absent: none chosen, the browser's decides. */
  locale?: UserLocale | null;
}

export type UserLocale = 'en' | 'ru';
export const USER_LOCALES: readonly UserLocale[] = ['en', 'ru'];

export interface LoginResponse {
  accessToken: string;
  user: UserDto;
}

export interface InboxDto {
  id: string;
  name: string;
  channel: Channel;
  /** Channel settings; secrets come back masked ("••••abcd"). */
  config: Record<string, unknown>;
  /** Web chat inboxes only: the token the widget snippet embeds. */
  websiteToken?: string;
  createdAt: string;
}

export interface IdentityDto {
  id: string;
  channel: Channel;
  /** E.164 phone, Telegram user id, email address or widget visitor id. */
  externalId: string;
  displayName: string | null;
  /** The customer asked not to be messaged on this channel (SMS STOP…): sending is blocked. */
  optedOut: boolean;
  /** We can no longer reach them here (blocked the bot, hard bounce): sending is blocked. */
  unreachable: boolean;
  metadata: Record<string, unknown> | null;
  createdAt: string;
}

export interface CustomerDto {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  attributes: Record<string, unknown>;
  tags: string[];
  identities: IdentityDto[];
  /** Set when this customer was merged into another: follow the pointer. */
  mergedIntoId: string | null;
  createdAt: string;
  updatedAt: string;
  /** In list answers (GET /api/customers): when their latest conversation last had a message; null: never. */
  lastContactAt?: string | null;
}

export interface CustomerSummaryDto {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
}

export interface ConversationDto {
  id: string;
  customerId: string;
  customer: CustomerSummaryDto;
  inboxId: string;
  channel: Channel;
  status: ConversationStatus;
  assigneeId: string | null;
  teamId: string | null;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  snoozedUntil: string | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  lastMessageAt: string;
  lastMessagePreview: string | null;
  /** When the customer last wrote (WhatsApp's 24-hour window counts from here). */
  lastInboundAt: string | null;
  unreadCount: number;
  metadata: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
  /**
   * The conversation's labels, oldest first. Always present in REST answers; a live
   * `conversation.updated` sent for a new message may leave it out, meaning "unchanged".
   */
  labels?: ConversationLabelDto[];
}

export interface AttachmentDto {
  id?: string;
  url: string;
  contentType: string;
  fileName?: string;
  size?: number;
}

/** A quick-reply button on an agent's reply (`buttons` of the reply body; a Telegram inline keyboard). */
export interface ReplyButtonDto {
  text: string;
  /** Sent back when pressed (Telegram callback data); the text when neither this nor url is set. */
  data?: string;
  url?: string;
}

export interface MessageDto {
  id: string;
  conversationId: string;
  customerId: string;
  inboxId: string;
  channel: Channel;
  direction: MessageDirection;
  authorType: AuthorType;
  authorId: string | null;
  authorName: string | null;
  content: string;
  /** Internal note: never leaves Parley. */
  private: boolean;
  attachments: AttachmentDto[];
  deliveryStatus: DeliveryStatus;
  deliveryError: string | null;
  clientMessageId: string | null;
  /** Channel-specific details: email subject and sanitized HTML, SMS segments, Telegram edits… */
  metadata: Record<string, unknown> | null;
  createdAt: string;
}

export type TimelineEventType =
  | 'message'
  | 'note'
  | 'conversation_opened'
  | 'status_changed'
  | 'assigned'
  | 'crm_event'
  | 'customer_merged'
  | 'customer_unmerged'
  | 'transferred'
  | 'sla_breached'
  | 'xla_breached'
  | 'survey_sent'
  | 'survey_answered'
  | 'label_added'
  | 'label_removed'
  | 'priority_changed';

export interface TimelineEventDto {
  id: string;
  type: TimelineEventType;
  occurredAt: string;
  customerId: string;
  channel?: Channel | null;
  conversationId?: string | null;
  messageId?: string | null;
  direction?: MessageDirection | null;
  content?: string | null;
  title?: string | null;
  authorName?: string | null;
  data?: Record<string, unknown> | null;
}

/** Events on the `/agents` socket.io namespace (server → console). */
export const AGENT_EVENTS = {
  messageCreated: 'message.created',
  messageUpdated: 'message.updated',
  conversationCreated: 'conversation.created',
  conversationUpdated: 'conversation.updated',
  customerUpdated: 'customer.updated',
  timelineCreated: 'timeline.created',
  typing: 'typing',
  slaUpdated: 'sla.updated',
  slaEscalated: 'sla.escalated',
  presenceUpdated: 'presence.updated',
} as const;

/** console → server on `/agents`: the agent is typing in a conversation. */
export interface AgentTypingPayload {
  conversationId: string;
  isTyping: boolean;
}

/** server → console on `/agents`. */
export interface CustomerTypingEvent {
  conversationId: string;
  isTyping: boolean;
}

/** A message as the widget sees it. `direction` is from Parley's point of view: inbound = the visitor's. */
export interface WidgetMessage {
  id: string;
  clientMessageId: string | null;
  direction: MessageDirection;
  content: string;
  authorName: string | null;
  attachments?: AttachmentDto[];
  createdAt: string;
  /** A survey question still waiting for its score: the widget shows its rating buttons (also after a reload). */
  survey?: WidgetMessageSurvey;
}

/** server → widget, right after connect. */
export interface WidgetSession {
  visitorToken: string;
  customerId: string;
  conversationId: string | null;
  messages: WidgetMessage[];
  /** Whether the team answers now; also sent as `availability` when it changes. */
  availability?: WidgetAvailability;
  /** When an agent last opened `conversationId` after the visitor wrote (ISO), else null: "Seen" after a reload. */
  agentSeenAt?: string | null;
}

/** widget → server. Ack: WidgetSendAck. */
export interface WidgetSendPayload {
  content: string;
  clientMessageId: string;
}

export type WidgetSendAck = { ok: true; message: WidgetMessage } | { ok: false; error: string };

/** widget → server: optional pre-chat details. Ack: { ok: boolean, error? }. */
export interface WidgetIdentifyPayload {
  name?: string;
  email?: string;
  /** Any written form; stored in E.164 (the inbox's phoneRegion reads national numbers). */
  phone?: string;
}

export const WIDGET_EVENTS = {
  session: 'session',
  messageNew: 'message:new',
  messageSend: 'message:send',
  identify: 'identify',
  /** WidgetIdentityPayload, after `session`: a site-verified user; answers { ok, error? } and, when the visitor was linked, a new `session`. */
  identityVerify: 'identity:verify',
  typing: 'typing',
  error: 'error',
  survey: 'survey',
  /** server → widget: WidgetAvailability, when it changes. */
  availability: 'availability',
  /** widget → server: WidgetSeenPayload. */
  seen: 'seen',
  /** server → widget: WidgetAgentSeenEvent, an agent opened the conversation after the visitor wrote. */
  agentSeen: 'agent:seen',
} as const;

/** server → widget: a survey question the widget shows as a row of rating buttons under its message. */
export interface WidgetSurveyEvent {
  messageId: string;
  /** Button labels; a press sends the label as the visitor's message, which the survey reads as the score. */
  options: string[];
}

/** Both directions on `/widget`: { isTyping } from the visitor, { isTyping, name } from an agent. */
export interface WidgetTypingEvent {
  isTyping: boolean;
  name?: string | null;
}
export * from './routing-sla';
export * from './surveys';
export * from './delivery-status';
export * from './dead-letters';
export * from './customer-merge';
export * from './widget-details';
import type { WidgetAvailability, WidgetMessageSurvey } from './widget-details';
export * from './requests';
export * from './labels';
import type { ConversationLabelDto } from './labels';
export * from './sms-segments';
export * from './canned-responses';
export * from './views';
export * from './search';
export * from './customer-directory';
export * from './notifications';
export * from './macros';
