// Mentions, collaborators and notifications (issue 17, items 3 and 4).

/** What an agent can be notified of. */
export type NotificationType = 'assigned' | 'message' | 'mention' | 'sla_warning' | 'sla_breach' | 'detractor';

export const NOTIFICATION_TYPES: readonly NotificationType[] = ['assigned', 'message', 'mention', 'sla_warning', 'sla_breach', 'detractor'];

/** GET /api/notifications (newest first), and the payload of `notification.created`. */
export interface NotificationDto {
  id: string;
  type: NotificationType;
  conversationId: string | null;
  customerId: string | null;
  /** Who caused it (the agent who mentioned or assigned); null for the customer or the system. */
  actorId: string | null;
  actorName: string | null;
  /** A short line to show: the customer's name, the note's first words, the SLA metric. */
  title: string;
  data: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

/** GET/PUT /api/notifications/settings. */
export interface NotificationSettingsDto {
  /** The events the agent wants; absent ones default to on. */
  events: Record<NotificationType, boolean>;
  sound: 'none' | 'chime';
  browser: boolean;
}

/** PUT /api/notifications/settings: any part; absent parts stay. */
export interface NotificationSettingsInput {
  events?: Partial<Record<NotificationType, boolean>>;
  sound?: NotificationSettingsDto['sound'];
  browser?: boolean;
}

/** GET /api/notifications/unread-count */
export interface UnreadCountDto {
  count: number;
}

/** `notification.read` on `/agents` (to the reader only): `ids` read, or every one up to `allBefore`. */
export interface NotificationReadEvent {
  ids: string[];
  allBefore: string | null;
  unread: number;
}

export type CollaboratorReason = 'mention' | 'manual';

/** GET /api/conversations/:id/collaborators */
export interface CollaboratorDto {
  userId: string;
  name: string;
  reason: CollaboratorReason;
  addedBy: string | null;
  createdAt: string;
}

/** Events on `/agents`, sent to one user's consoles only. */
export const NOTIFICATION_EVENTS = {
  created: 'notification.created',
  read: 'notification.read',
} as const;
