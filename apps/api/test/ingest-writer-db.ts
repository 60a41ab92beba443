import type { DataSource } from 'typeorm';
import { ChannelIdentityEntity, ConversationEntity, CustomerEntity, dataSourceOptions, InboxEntity, MessageEntity, openDatabase, TimelineEventEntity, UserEntity } from '@parley/persistence';
import type { IngestWriter } from '@parley/conversations';
import type { IngestWriterHarness } from '../../../libs/conversations/src/ingest/ingest-writer.contract';
import { freshDatabaseUrl } from './harness';

/** A fresh migrated database of the suite's kind (SQLite, or PostgreSQL when DATABASE_URL names one). */
export async function openWriterDatabase(): Promise<DataSource> {
  return openDatabase(dataSourceOptions(await freshDatabaseUrl()));
}

export function writerHarness(db: DataSource, writer: IngestWriter): IngestWriterHarness {
  return {
    writer,
    seed: async ({ inboxes, users, customers, identities, conversations }) => {
      const at = new Date();
      for (const id of inboxes) {
        if (!(await db.getRepository(InboxEntity).existsBy({ id }))) {
          await db.getRepository(InboxEntity).insert({ id, name: `Ящик ${id.slice(-4)}`, channel: 'telegram', config: {}, websiteToken: null, createdAt: at, updatedAt: at } as unknown as InboxEntity);
        }
      }
      for (const id of users) {
        if (!(await db.getRepository(UserEntity).existsBy({ id }))) {
          await db.getRepository(UserEntity).insert({ id, name: 'Агент', email: `agent-${id}@parley.test`, passwordHash: '-', role: 'agent', createdAt: at } as unknown as UserEntity);
        }
      }
      await db.getRepository(CustomerEntity).insert(customers);
      await db.getRepository(ChannelIdentityEntity).insert(identities);
      await db.getRepository(ConversationEntity).insert(conversations);
    },
    messages: (conversationId) => db.getRepository(MessageEntity).find({ where: { conversationId }, order: { createdAt: 'ASC', id: 'ASC' } }),
    timeline: (customerId) => db.getRepository(TimelineEventEntity).find({ where: { customerId }, order: { occurredAt: 'ASC', id: 'ASC' } }),
    conversation: (id) => db.getRepository(ConversationEntity).findOneBy({ id }),
    customer: (id) => db.getRepository(CustomerEntity).findOneBy({ id }),
    identity: (id) => db.getRepository(ChannelIdentityEntity).findOneBy({ id }),
  };
}
