import type { DataSource } from 'typeorm';
import type { InboundMessage } from '@parley/channels-core';
import { ChannelIdentityEntity, columnType, ConversationEntity, CustomerEntity, hydrate, selectColumns } from '@parley/persistence';
import type { ConversationHooks, InboundClaimContext } from '../conversation-hooks';
import type { PgIngestPool } from './pg-bulk-ingest-writer';

/** A known sender of a batched message: identity, live customer, latest conversation in the message's inbox. */
export interface KnownSender {
  identity: ChannelIdentityEntity;
  customer: CustomerEntity;
  conversation: ConversationEntity | null;
}

/** The read side of group commit (the writes go through the IngestWriter). */
export interface IngestReads {
  /** For each message: its sender, or null when unknown or their customer was merged away (the full pipeline follows that). */
  knownSenders(items: InboundMessage[]): Promise<(KnownSender | null)[]>;
  /** For each message: whether a hook (a survey waiting for an answer) might claim it. */
  mayClaim(items: InboundClaimContext[]): Promise<boolean[]>;
}

export const INGEST_READS = Symbol('INGEST_READS');

/** TypeORM, both databases: one lookup per message. */
export class TypeormIngestReads implements IngestReads {
  constructor(private readonly db: DataSource, private readonly hooks: ConversationHooks) {}

  async knownSenders(items: InboundMessage[]): Promise<(KnownSender | null)[]> {
    return Promise.all(items.map(async (inbound) => {
      const identity = await this.db.manager.findOneBy(ChannelIdentityEntity, { channel: inbound.channel, externalId: inbound.sender.externalId });
      const customer = identity && await this.db.manager.findOneBy(CustomerEntity, { id: identity.customerId });
      if (!identity || !customer || customer.mergedIntoId) return null;
      const conversation = await this.db.manager.findOne(ConversationEntity, { where: { customerId: customer.id, inboxId: inbound.inboxId }, order: { createdAt: 'DESC' } });
      return { identity, customer, conversation };
    }));
  }

  mayClaim(items: InboundClaimContext[]): Promise<boolean[]> {
    return this.hooks.mayClaimMany(this.db.manager, items);
  }
}

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
