import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { InboxEntity, MessageEntity, TimelineEventEntity, withTransaction } from '@parley/persistence';
import type { MediaRepository, MediaUnitOfWork } from './ports/media.repository';

/** The media fetch job's storage on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeormMediaRepository implements MediaRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (tx: MediaUnitOfWork) => Promise<T>): Promise<T> {
    return withTransaction(this.db, (em) => work(this.unitOf(em)));
  }

  private unitOf(em: EntityManager): MediaUnitOfWork {
    return {
      message: (id) => em.getRepository(MessageEntity).findOneBy({ id }),
      updateMessage: async (id, changes) => void (await em.update(MessageEntity, { id }, changes as never)),
      timelineEventOf: (messageId) => em.getRepository(TimelineEventEntity).findOneBy({ messageId }),
      updateTimelineEvent: async (id, changes) => void (await em.update(TimelineEventEntity, { id }, changes as never)),
    };
  }

  messageByProviderId(inboxId: string, providerMessageId: string): Promise<MessageEntity | null> {
    return this.db.getRepository(MessageEntity).findOneBy({ inboxId, providerMessageId });
  }

  inbox(id: string): Promise<InboxEntity | null> {
    return this.db.getRepository(InboxEntity).findOneBy({ id });
  }
}
