import { createHash } from 'node:crypto';
import type { NotificationDto, NotificationSettingsDto, NotificationType } from '@parley/contracts';
import { NOTIFICATION_TYPES } from '@parley/contracts';
import type { NotificationKind } from '@parley/domain';
import type { NotificationEntity, NotificationSettingsEntity } from '@parley/persistence';

// Contracts and domain spell the union once each; this fails to compile when they part.
const sameKinds: [NotificationType, NotificationKind] extends [NotificationKind, NotificationType] ? true : never = true;
void sameKinds;

export const toNotificationDto = (n: NotificationEntity): NotificationDto => ({
  id: n.id,
  type: n.type,
  conversationId: n.conversationId,
  customerId: n.customerId,
  actorId: n.actorId,
  actorName: typeof n.data.actorName === 'string' ? n.data.actorName : null,
  title: typeof n.data.title === 'string' ? n.data.title : '',
  data: n.data,
  readAt: n.readAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
});

export const DEFAULT_SOUND = 'chime';

export function toSettingsDto(row: NotificationSettingsEntity | null): NotificationSettingsDto {
  const events = Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, row?.events[t] !== false])) as Record<NotificationType, boolean>;
  return { events, sound: row?.sound === 'none' ? 'none' : DEFAULT_SOUND, browser: row?.browser ?? true };
}

/**
 * The id of one user's notification of one happening, the same every time it is derived: a
 * listener that runs twice stores it once. Shaped as a UUID (version nibble 8, "custom") for the uuid column.
 */
export function notificationId(happening: string, userId: string): string {
  const h = createHash('sha256').update(`${happening}\n${userId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
