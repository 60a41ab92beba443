import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConversationHooks } from '../conversation-hooks';
import type { IngestRepository } from '../ports/ingest.repository';
import { TypeormIngestRepository } from '../typeorm-ingest.repository';
import type { IngestReads } from './ingest-reads';
import type { IngestWriter } from './ingest-writer';
import { PgBulkIngestWriter, PgIngestPool } from './pg-bulk-ingest-writer';
import { PgIngestReads } from './pg-ingest-reads';
import { TypeormIngestReads } from './typeorm-ingest-reads';
import { TypeormIngestWriter } from './typeorm-ingest-writer';

/**
 * Which ingest writer and reads this process uses: on PostgreSQL the bulk ones on their own pool
 * (DATABASE_URL), closed with the app; on SQLite the TypeORM ones. The one-by-one pipeline's
 * repository is TypeORM on both.
 */
@Injectable()
export class IngestStorage implements OnModuleDestroy {
  readonly writer: IngestWriter;
  readonly reads: IngestReads;
  readonly repository: IngestRepository;
  private readonly pool: PgIngestPool | null;

  constructor(db: DataSource, hooks: ConversationHooks) {
    const url = db.options.type === 'postgres' ? db.options.url : undefined;
    this.pool = url ? new PgIngestPool(url) : null;
    this.writer = this.pool ? new PgBulkIngestWriter(db, this.pool) : new TypeormIngestWriter(db);
    this.reads = this.pool ? new PgIngestReads(db, this.pool, hooks) : new TypeormIngestReads(db, hooks);
    this.repository = new TypeormIngestRepository(db);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.onModuleDestroy();
  }
}
