import type { InboxEntity, MessageEntity, TimelineEventEntity } from '@parley/persistence';
import type { MediaRepository, MediaUnitOfWork } from '../ports/media.repository';

const copy = <T extends object>(row: T | undefined): T | null => (row ? { ...row } : null);

/**
 * The media fetch job's storage in memory. A transaction that throws leaves the rows as they were,
 * as a rolled back database transaction would; reads hand out copies, as a database does.
 */
export class InMemoryMediaRepository implements MediaRepository {
  inboxes = new Map<string, InboxEntity>();
  messages: MessageEntity[] = [];
  timeline: TimelineEventEntity[] = [];

  async transaction<T>(work: (tx: MediaUnitOfWork) => Promise<T>): Promise<T> {
    const saved = { messages: this.messages.map((m) => ({ ...m })), timeline: this.timeline.map((e) => ({ ...e })) };
    try {
      return await work({
        message: async (id) => copy(this.messages.find((m) => m.id === id)),
        updateMessage: async (id, changes) => void this.messages.filter((m) => m.id === id).forEach((m) => Object.assign(m, changes)),
        timelineEventOf: async (messageId) => copy(this.timeline.find((e) => e.messageId === messageId)),
        updateTimelineEvent: async (id, changes) => void this.timeline.filter((e) => e.id === id).forEach((e) => Object.assign(e, changes)),
      });
    } catch (err) {
      Object.assign(this, saved);
      throw err;
    }
  }

  async messageByProviderId(inboxId: string, providerMessageId: string): Promise<MessageEntity | null> {
    return copy(this.messages.find((m) => m.inboxId === inboxId && m.providerMessageId === providerMessageId));
  }

  async inbox(id: string): Promise<InboxEntity | null> {
    return copy(this.inboxes.get(id));
  }
}
