import type { DataSource, EntityManager } from 'typeorm';
import type { InboundPlan } from '@parley/domain';
import { fillCustomerAttributes } from '@parley/customers';
import { ChannelIdentityEntity, ConversationEntity, CustomerEntity, MessageEntity, TimelineEventEntity, withTransaction } from '@parley/persistence';
import { rowsOf, type IngestWriter } from './ingest-writer';

/** TypeORM, both databases: the batch in one transaction (or inside the caller's). */
export class TypeormIngestWriter implements IngestWriter {
  constructor(private readonly db: DataSource) {}

  write(plans: InboundPlan[]): Promise<void> {
    return withTransaction(this.db, (em) => this.writeIn(em, plans));
  }

  async writeIn(em: EntityManager, plans: InboundPlan[]): Promise<void> {
    const rows = rowsOf(plans);
    if (rows.conversations.length) await em.insert(ConversationEntity, rows.conversations as ConversationEntity[]);
    await em.insert(MessageEntity, rows.messages as unknown as MessageEntity[]);
    await em.insert(TimelineEventEntity, rows.timeline as TimelineEventEntity[]);
    await this.updateIn(em, rows);
  }

  /** Row updates (conversations, identities, customers): a plan's, or an identity-only update's alone. */
  async updateIn(em: EntityManager, rows: Partial<Pick<ReturnType<typeof rowsOf>, 'conversationUpdates' | 'identityUpdates' | 'customerUpdates'>>): Promise<void> {
    const updates: [typeof ConversationEntity | typeof ChannelIdentityEntity | typeof CustomerEntity, { id: string; set: object; increment?: readonly string[]; fillIn?: readonly string[] }[]][] = [
      [ConversationEntity, rows.conversationUpdates ?? []],
      [ChannelIdentityEntity, rows.identityUpdates ?? []],
      [CustomerEntity, rows.customerUpdates ?? []],
    ];
    for (const [target, list] of updates) {
      for (const u of list) {
        const increments = Object.fromEntries((u.increment ?? []).map((property) => {
          const column = em.connection.getMetadata(target).findColumnWithPropertyName(property)!.databaseName;
          return [property, () => `"${column}" + 1`];
        }));
        const set = { ...u.set } as Record<string, unknown>;
        for (const property of u.fillIn ?? []) delete set[property];
        await em.update(target, { id: u.id }, { ...set, ...increments } as never);
        // Customer attributes are added in SQL (stored keys win): a concurrent writer's are not lost.
        const attributes = (u.set as { attributes?: Record<string, unknown> }).attributes;
        if (target === CustomerEntity && attributes && u.fillIn?.includes('attributes')) await fillCustomerAttributes(em, u.id, attributes);
      }
    }
  }
}
