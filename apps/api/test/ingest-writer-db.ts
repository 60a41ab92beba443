import type { DataSource } from 'typeorm';
import { ChannelIdentityEntity, ConversationEntity, CustomerEntity, dataSourceOptions, MessageEntity, openDatabase, TimelineEventEntity } from '@parley/persistence';
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
    seed: async ({ customers, identities, conversations }) => {
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
