import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { InboundPlan } from '@parley/domain';
import { bulkInsert, bulkUpdate, ChannelIdentityEntity, ConversationEntity, CustomerEntity, MessageEntity, PromiseViaCallbackClient, queryPrepared, TimelineEventEntity } from '@parley/persistence';
import { oneStatement } from '../one-statement';
import { byColumns, rowsOf, type IngestWriter } from './ingest-writer';

/**
 * The ingest path's own PostgreSQL pool (DATABASE_URL): a few connections that only run its named
 * prepared statements, beside TypeORM's pool (no private TypeORM field is touched).
 */
export class PgIngestPool {
  readonly pool: Pool;

  constructor(url: string, max = Number(process.env.INGEST_POOL_SIZE ?? 4)) {
    this.pool = new Pool({ connectionString: url, max, Client: PromiseViaCallbackClient });
    // An idle connection dropped by the server is replaced on the next query; nothing to crash on.
    this.pool.on('error', () => undefined);
  }

  query<T = Record<string, unknown>>(statement: [string, unknown[]]): Promise<T[]> {
    return queryPrepared<T>(this.pool, statement);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * PostgreSQL bulk writer: the whole batch as one statement (data-modifying CTEs: one snapshot, one
 * commit, one round trip), one array parameter per column (`unnest`), so its text depends on which
 * kinds of rows and which update column lists the batch holds, never on its size; run as a named
 * prepared statement. Column types come from TypeORM's metadata (bulkInsert / bulkUpdate).
 */
export class PgBulkIngestWriter implements IngestWriter {
  constructor(private readonly db: DataSource, private readonly pg: PgIngestPool) {}

  async write(plans: InboundPlan[]): Promise<void> {
    if (plans.length === 0) return;
    const rows = rowsOf(plans);
    const parts: [string, unknown[]][] = [];
    if (rows.conversations.length) parts.push(bulkInsert(this.db, ConversationEntity, rows.conversations as ConversationEntity[]));
    parts.push(bulkInsert(this.db, MessageEntity, rows.messages as unknown as MessageEntity[]));
    parts.push(bulkInsert(this.db, TimelineEventEntity, rows.timeline as TimelineEventEntity[]));
    for (const group of byColumns(rows.conversationUpdates)) parts.push(bulkUpdate(this.db, ConversationEntity, group));
    for (const group of byColumns(rows.identityUpdates)) parts.push(bulkUpdate(this.db, ChannelIdentityEntity, group));
    for (const group of byColumns(rows.customerUpdates)) parts.push(bulkUpdate(this.db, CustomerEntity, group));
    await this.pg.query(oneStatement(parts));
  }
}
