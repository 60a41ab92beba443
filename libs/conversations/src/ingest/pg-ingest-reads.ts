import type { DataSource } from 'typeorm';
import type { InboundMessage } from '@parley/channels-core';
import { ChannelIdentityEntity, columnType, ConversationEntity, CustomerEntity, hydrate, selectColumns } from '@parley/persistence';
import type { ConversationHooks, InboundClaimContext } from '../conversation-hooks';
import type { IngestReads, KnownSender } from './ingest-reads';
import type { PgIngestPool } from './pg-bulk-ingest-writer';

/** PostgreSQL: every sender of a batch in one prepared statement on the ingest pool. */
export class PgIngestReads implements IngestReads {
  private sql: string | null = null;

  constructor(private readonly db: DataSource, private readonly pg: PgIngestPool, private readonly hooks: ConversationHooks) {}

  async knownSenders(items: InboundMessage[]): Promise<(KnownSender | null)[]> {
    const db = this.db;
    this.sql ??= `SELECT x.ord, ${selectColumns(db, ChannelIdentityEntity, 'i', 'i_')}, ${selectColumns(db, CustomerEntity, 'c', 'c_')}, ` +
      `${selectColumns(db, ConversationEntity, 'v', 'v_')} ` +
      `FROM unnest($1::${columnType(db, ChannelIdentityEntity, 'channel')}[], $2::${columnType(db, ChannelIdentityEntity, 'externalId')}[], ` +
      `$3::${columnType(db, ConversationEntity, 'inboxId')}[]) WITH ORDINALITY AS x(channel, external_id, inbox_id, ord) ` +
      'JOIN "channel_identities" i ON i."channel" = x.channel AND i."external_id" = x.external_id ' +
      'JOIN "customers" c ON c."id" = i."customer_id" AND c."merged_into_id" IS NULL ' +
      'LEFT JOIN LATERAL (SELECT * FROM "conversations" v WHERE v."customer_id" = c."id" AND v."inbox_id" = x.inbox_id ORDER BY v."created_at" DESC LIMIT 1) v ON true';
    const rows = await this.pg.query([this.sql, [items.map((m) => m.channel), items.map((m) => m.sender.externalId), items.map((m) => m.inboxId)]]);
    const out: (KnownSender | null)[] = items.map(() => null);
    for (const row of rows) {
      out[Number(row.ord) - 1] = {
        identity: hydrate(db, ChannelIdentityEntity, row, 'i_')!,
        customer: hydrate(db, CustomerEntity, row, 'c_')!,
        conversation: hydrate(db, ConversationEntity, row, 'v_'),
      };
    }
    return out;
  }

  mayClaim(items: InboundClaimContext[]): Promise<boolean[]> {
    return this.hooks.mayClaimMany(this.db.manager, items);
  }
}
