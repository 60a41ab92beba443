import { Injectable, type OnModuleDestroy, type Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConversationHooks } from '../conversation-hooks';
import { INGEST_READS, PgIngestReads, TypeormIngestReads, type IngestReads } from './ingest-reads';
import { INGEST_WRITER, TypeormIngestWriter, type IngestWriter } from './ingest-writer';
import { PgBulkIngestWriter, PgIngestPool } from './pg-bulk-ingest-writer';

/**
 * Which ingest writer and reads this process uses: on PostgreSQL the bulk ones on their own pool
 * (DATABASE_URL), closed with the app; on SQLite the TypeORM ones.
 */
@Injectable()
export class IngestStorage implements OnModuleDestroy {
  readonly writer: IngestWriter;
  readonly reads: IngestReads;
  private readonly pool: PgIngestPool | null;

  constructor(db: DataSource, hooks: ConversationHooks) {
    const url = db.options.type === 'postgres' ? db.options.url : undefined;
    this.pool = url ? new PgIngestPool(url) : null;
    this.writer = this.pool ? new PgBulkIngestWriter(db, this.pool) : new TypeormIngestWriter(db);
    this.reads = this.pool ? new PgIngestReads(db, this.pool, hooks) : new TypeormIngestReads(db, hooks);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.onModuleDestroy();
  }
}

export const INGEST_PROVIDERS: Provider[] = [
  IngestStorage,
  { provide: INGEST_WRITER, inject: [IngestStorage], useFactory: (s: IngestStorage) => s.writer },
  { provide: INGEST_READS, inject: [IngestStorage], useFactory: (s: IngestStorage) => s.reads },
];
