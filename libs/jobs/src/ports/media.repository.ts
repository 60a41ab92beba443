import type { InboxEntity, MessageEntity, TimelineEventEntity } from '@parley/persistence';

/** One transaction of a media fetch: the message and its timeline event take the attachments together. */
export interface MediaUnitOfWork {
  message(id: string): Promise<MessageEntity | null>;
  updateMessage(id: string, changes: Partial<MessageEntity>): Promise<void>;
  timelineEventOf(messageId: string): Promise<TimelineEventEntity | null>;
  updateTimelineEvent(id: string, changes: Partial<TimelineEventEntity>): Promise<void>;
}

/** What the media fetch job reads and writes. */
export interface MediaRepository {
  transaction<T>(work: (tx: MediaUnitOfWork) => Promise<T>): Promise<T>;
  messageByProviderId(inboxId: string, providerMessageId: string): Promise<MessageEntity | null>;
  inbox(id: string): Promise<InboxEntity | null>;
}

export const MEDIA_REPOSITORY = Symbol('MEDIA_REPOSITORY');
