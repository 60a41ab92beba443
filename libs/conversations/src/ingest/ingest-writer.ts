import { updatedColumns, type InboundPlan } from '@parley/domain';

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
