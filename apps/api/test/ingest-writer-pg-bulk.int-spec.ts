import type { DataSource } from 'typeorm';
import { IngestStorage, PgBulkIngestWriter, PgIngestPool, TypeormIngestWriter, type ConversationHooks } from '@parley/conversations';
import { ingestWriterContract } from '../../../libs/conversations/src/ingest/ingest-writer.contract';
import { openWriterDatabase, writerHarness } from './ingest-writer-db';

// The entities' column types follow DATABASE_URL when they load: PostgreSQL runs need it set.
const onPostgres = process.env.DATABASE_URL?.startsWith('postgres') === true;

describe('IngestWriter contract: PostgreSQL bulk (own pool, prepared unnest statements)', () => {
  let db: DataSource;
  let pool: PgIngestPool | undefined;
  afterAll(async () => {
    await pool?.onModuleDestroy();
    await db?.destroy();
  });

  if (!onPostgres) {
    it('is not chosen on SQLite: the TypeORM writer stores there', async () => {
      db = await openWriterDatabase();
      const storage = new IngestStorage(db, {} as ConversationHooks);
      expect(storage.writer).toBeInstanceOf(TypeormIngestWriter);
    });
    return;
  }

  ingestWriterContract(async () => {
    db = await openWriterDatabase();
    pool = new PgIngestPool((db.options as { url: string }).url);
    return writerHarness(db, new PgBulkIngestWriter(db, pool));
  });

  it('is the one the app chooses on PostgreSQL', async () => {
    const storage = new IngestStorage(db, {} as ConversationHooks);
    expect(storage.writer).toBeInstanceOf(PgBulkIngestWriter);
    await storage.onModuleDestroy();
  });
});
