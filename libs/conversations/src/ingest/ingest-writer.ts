import type { EntityManager } from 'typeorm';
import type { DataSource } from 'typeorm';
import { updatedColumns, type InboundPlan } from '@parley/domain';
import { fillCustomerAttributes } from '@parley/customers';
import { ChannelIdentityEntity, ConversationEntity, CustomerEntity, MessageEntity, TimelineEventEntity, withTransaction } from '@parley/persistence';

/**
 * The one ingest writer port: stores inbound plans (domain/inbound's planInbound) as they stand —
 * the conversations they open, their messages and timeline events, and what they change on
 * conversations, identities and customers. A batch is written whole or not at all; a message
 * already stored (unique inbox + provider message id) fails the batch with the database's unique
 * violation (`isUniqueViolation`). Once `write` resolves the rows are committed.
 *
 * The plans of one batch update distinct conversations, identities and customers (the batch
 * planner sees to it); two updates of one row belong to two batches.
 */
export interface IngestWriter {
  write(plans: InboundPlan[]): Promise<void>;
}

export const INGEST_WRITER = Symbol('INGEST_WRITER');

/** The rows of a batch in write order: opened conversations first, then messages and events, then updates. */
export function rowsOf(plans: InboundPlan[]) {
  return {
    conversations: plans.flatMap((p) => (p.conversationInsert ? [p.conversationInsert] : [])),
    messages: plans.map((p) => p.message),
    timeline: plans.flatMap((p) => p.timeline),
    conversationUpdates: plans.flatMap((p) => (p.conversationUpdate ? [p.conversationUpdate] : [])),
    identityUpdates: plans.flatMap((p) => (p.identityUpdate ? [p.identityUpdate] : [])),
    customerUpdates: plans.flatMap((p) => (p.customerUpdate ? [p.customerUpdate] : [])),
  };
}

/** Updates grouped by the columns they set (one statement per group). */
export function byColumns<U extends { set: object; increment?: readonly string[]; fillIn?: readonly string[]; id: string }>(updates: U[]): U[][] {
  const groups = new Map<string, U[]>();
  for (const u of updates) {
    const key = updatedColumns(u).join(',');
    groups.set(key, [...(groups.get(key) ?? []), u]);
  }
  return [...groups.values()];
}

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
    const updates: [typeof ConversationEntity | typeof ChannelIdentityEntity | typeof CustomerEntity, { id: string; set: object; increment?: readonly string[]; fillIn?: readonly string[] }[]][] = [
      [ConversationEntity, rows.conversationUpdates],
      [ChannelIdentityEntity, rows.identityUpdates],
      [CustomerEntity, rows.customerUpdates],
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
