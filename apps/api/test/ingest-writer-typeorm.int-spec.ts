import type { DataSource } from 'typeorm';
import { TypeormIngestWriter } from '@parley/conversations';
import { ingestWriterContract } from '../../../libs/conversations/src/ingest/ingest-writer.contract';
import { openWriterDatabase, writerHarness } from './ingest-writer-db';

/** The TypeORM writer on the suite's database: SQLite without DATABASE_URL, PostgreSQL with it. */
describe(`IngestWriter contract: TypeORM on ${process.env.DATABASE_URL?.startsWith('postgres') ? 'PostgreSQL' : 'SQLite'}`, () => {
  let db: DataSource;
  afterAll(() => db?.destroy());
  ingestWriterContract(async () => {
    db = await openWriterDatabase();
    return writerHarness(db, new TypeormIngestWriter(db));
  });
});
