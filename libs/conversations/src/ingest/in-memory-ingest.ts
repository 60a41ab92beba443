import type { InboundMessage } from '@parley/channels-core';
import { updatedColumns, type InboundPlan, type RowUpdate, type SenderPlan } from '@parley/domain';
import { ChannelIdentityEntity, ConversationEntity, CustomerEntity, MessageEntity, TimelineEventEntity } from '@parley/persistence';
import type { InboundClaimContext } from '../conversation-hooks';
import type { IngestReads, KnownSender } from './ingest-reads';
import { rowsOf, type IngestWriter } from './ingest-writer';

/**
 * In-memory tables behind both ingest ports, for unit specs of the Ingest use cases without a
 * database. It keeps the writers' contract (ingest-writer.contract.ts runs against it): a batch is
 * all or nothing, a stored (inbox, provider message id) fails it as PostgreSQL's 23505 would.
 */
export class InMemoryIngestStore implements IngestWriter, IngestReads {
  customers = new Map<string, CustomerEntity>();
  identities = new Map<string, ChannelIdentityEntity>();
  conversations = new Map<string, ConversationEntity>();
  messages: MessageEntity[] = [];
  timeline: TimelineEventEntity[] = [];
  /** Messages a hook might claim (by provider message id). */
  claimable = new Set<string>();
  /** Batches written (each a list of message ids), to see how messages were grouped. */
  batches: string[][] = [];

  async write(plans: InboundPlan[]): Promise<void> {
    const rows = rowsOf(plans);
    const keys = new Set(this.messages.map((m) => `${m.inboxId}\n${m.providerMessageId}`));
    for (const m of rows.messages) {
      const key = `${m.inboxId}\n${m.providerMessageId}`;
      if (keys.has(key)) throw Object.assign(new Error(`duplicate key value violates unique constraint: ${key}`), { code: '23505' });
      keys.add(key);
    }
    for (const c of rows.conversations) this.conversations.set(c.id, Object.assign(new ConversationEntity(), c));
    this.messages.push(...rows.messages.map((m) => Object.assign(new MessageEntity(), m)));
    this.timeline.push(...rows.timeline.map((e) => Object.assign(new TimelineEventEntity(), e)));
    rows.conversationUpdates.forEach((u) => apply(this.conversations, u));
    rows.identityUpdates.forEach((u) => apply(this.identities, u));
    rows.customerUpdates.forEach((u) => apply(this.customers, u));
    this.batches.push(rows.messages.map((m) => m.id));
  }

  /** An identity-only update's rows. */
  updateSender(plan: SenderPlan): void {
    if (plan.identityUpdate) apply(this.identities, plan.identityUpdate);
    if (plan.customerUpdate) apply(this.customers, plan.customerUpdate);
  }

  async knownSenders(items: InboundMessage[]): Promise<(KnownSender | null)[]> {
    return items.map((inbound) => {
      const identity = [...this.identities.values()].find((i) => i.channel === inbound.channel && i.externalId === inbound.sender.externalId);
      const customer = identity && this.customers.get(identity.customerId);
      if (!identity || !customer || customer.mergedIntoId) return null;
      const latest = [...this.conversations.values()]
        .filter((c) => c.customerId === customer.id && c.inboxId === inbound.inboxId)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
      // Copies, as a database read hands out.
      return { identity: { ...identity }, customer: { ...customer }, conversation: latest ? { ...latest } : null };
    });
  }

  async mayClaim(items: InboundClaimContext[]): Promise<boolean[]> {
    return items.map((c) => this.claimable.has(c.inbound.providerMessageId));
  }
}

function apply<T extends { id: string }>(table: Map<string, T>, update: RowUpdate<object>): void {
  const row = table.get(update.id) as Record<string, unknown> | undefined;
  if (!row) return;
  Object.assign(row, update.set);
  for (const column of updatedColumns(update).filter((c) => c.startsWith('+'))) row[column.slice(1)] = Number(row[column.slice(1)]) + 1;
}
