import type { NotificationEntity, NotificationSettingsEntity } from '@parley/persistence';

/** Keyset position: rows strictly before (at, id), newest first. */
export interface NotificationCursor {
  at: Date;
  id: string;
}

/** One agent's notifications and notification choices. */
export interface NotificationRepository {
  /** Stores the rows; a row whose id exists stays as it is (a listener running twice). Returns the rows stored now. */
  insertNew(rows: NotificationEntity[]): Promise<NotificationEntity[]>;
  /** The user's newest first on (created_at, id). */
  list(userId: string, cursor: NotificationCursor | null, limit: number): Promise<NotificationEntity[]>;
  unreadCount(userId: string): Promise<number>;
  /** Null when the id is not one of this user's notifications. */
  find(userId: string, id: string): Promise<NotificationEntity | null>;
  /** Marks the user's unread rows among `ids` read; returns the ids that changed. */
  markRead(userId: string, ids: string[], at: Date): Promise<string[]>;
  /** Marks every unread row of the user created up to `upTo` read. */
  markAllRead(userId: string, upTo: Date, at: Date): Promise<void>;
  /** Deletes each user's rows beyond their newest `keep` (on (created_at, id)); returns how many went. */
  prune(keep: number): Promise<number>;
  settings(userIds: string[]): Promise<NotificationSettingsEntity[]>;
  saveSettings(row: NotificationSettingsEntity): Promise<void>;
}

export const NOTIFICATION_REPOSITORY = Symbol('NOTIFICATION_REPOSITORY');
