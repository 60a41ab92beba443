import type { InboundMessage, RealtimePublisher } from '@parley/channels-core';
import { chooseConversation, newId, placedBySenderOnly, planInbound, type InboundPlan } from '@parley/domain';
import { isUniqueViolation, type ConversationEntity, type CustomerEntity } from '@parley/persistence';
import type { JobQueue } from '@parley/queue';
import { toTimelineDto } from '@parley/customers';
import { toConversationDto, toMessageDto } from '../conversation.mapper';
import { enqueueFollowUp } from '../follow-up';
import { announce, writtenEntities, type IngestOutcome, type IngestResult } from './ingest-result';
import type { IngestReads } from './ingest-reads';
import type { IngestWriter } from './ingest-writer';

/**
 * Whether a failed group commit failed on what one of its messages holds, so that splitting the batch
 * finds that message: PostgreSQL refusing a value (class 22: data exception; 23: a constraint;
 * 54: past a limit; P0: raised by a trigger; SQLite's constraint and size errors), or our own code choking on one message. Not a lost
 * connection or a database shutting down: then every message fails alike.
 */
export function refusedForItsData(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  // Not a unique violation (23505): that is a redelivery or a race between two messages of one
  // sender, which each message's own path already settles (found as a duplicate, or stored on a
  // second try); re-running a batch for it only repeats the race.
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return false;
  if (typeof code === 'string' && /^(22|23|54|P0)[0-9A-Z]{3}$/.test(code)) return true;
  // SQLite (the TypeORM writer on the embedded database): a constraint, a trigger, a value too big.
  if (typeof code === 'string' && /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH)/.test(code)) return true;
  return err instanceof TypeError || err instanceof RangeError;
}

export interface IngestBatchDeps {
  reads: IngestReads;
  writer: IngestWriter;
  realtime: RealtimePublisher;
  queue: JobQueue;
  /** The transactional pipeline, for what a batch does not take. */
  single(inbound: InboundMessage): Promise<IngestOutcome>;
  /** The sender's opt-out changed: the customer panel is told. */
  customerChanged(customerId: string): Promise<void>;
}

interface Planned {
  i: number;
  plan: InboundPlan;
  conversation: ConversationEntity | null;
  customer: CustomerEntity;
}

const settle = (p: Promise<IngestOutcome>) => p.then(
  (value): PromiseSettledResult<IngestOutcome> => ({ status: 'fulfilled', value }),
  (reason): PromiseSettledResult<IngestOutcome> => ({ status: 'rejected', reason }),
);

/**
 * One group commit: the messages their known sender alone places (see placedBySenderOnly) and that
 * no hook may claim are planned (planInbound) and written by the IngestWriter together, one
 * commit for the batch, then announced, with their follow-ups queued. The rest, and a batch
 * holding a redelivered message, and identity-only updates go through the one-by-one pipeline.
 */
export class IngestBatch {
  constructor(private readonly deps: IngestBatchDeps) {}

  async run(items: InboundMessage[]): Promise<PromiseSettledResult<IngestOutcome>[]> {
    let planned: (Planned | null)[] = items.map(() => null);
    try {
      planned = await this.plan(items);
      const plans = planned.flatMap((p) => (p ? [p.plan] : []));
      if (plans.length) await this.deps.writer.write(plans);
    } catch (err) {
      // A provider's retry inside the batch: each message on its own finds out which one it was.
      if (!isUniqueViolation(err)) throw err;
      planned = items.map(() => null);
    }
    const singles = items.map((inbound, i) => (planned[i] ? null : settle(this.deps.single(inbound))));
    const stored = planned.flatMap((p) => (p ? [p] : []));
    const results = new Map<number, IngestResult>();
    for (const p of stored) {
      const w = writtenEntities(p.plan, p.conversation, p.customer);
      const result: IngestResult = { message: toMessageDto(w.message), conversation: toConversationDto(w.conversation, w.customer), duplicate: false };
      announce(this.deps.realtime, result, p.plan.opened, toTimelineDto(w.timeline));
      results.set(p.i, result);
    }
    const queueError = await this.followUps(stored).then(() => null, (err: unknown) => err ?? new Error('follow-up not queued'));
    await Promise.all(stored.filter((p) => p.plan.identityUpdate?.set.optedOut !== undefined).map((p) => this.deps.customerChanged(p.customer.id).catch(() => undefined)));
    return Promise.all(items.map((_, i): Promise<PromiseSettledResult<IngestOutcome>> | PromiseSettledResult<IngestOutcome> => {
      if (singles[i]) return singles[i]!;
      return queueError ? { status: 'rejected', reason: queueError } : { status: 'fulfilled', value: results.get(i)! };
    }));
  }

  /** One follow-up job for the messages that went on, one per conversation opened (as the single path queues it). */
  private async followUps(stored: Planned[]): Promise<void> {
    const continued = stored.filter((p) => !p.plan.opened);
    const opened = stored.filter((p) => p.plan.opened);
    const events = continued.map((p) => ({ conversationId: p.plan.conversationId, messageId: p.plan.message.id, resumed: p.plan.resumed }));
    await Promise.all([
      ...(events.length ? [enqueueFollowUp(this.deps.queue, { kind: 'inbound-batch', events }, `inb-${events[0].messageId}`)] : []),
      ...opened.map((p) => enqueueFollowUp(this.deps.queue, { kind: 'inbound', conversationId: p.plan.conversationId, messageId: p.plan.message.id, opened: true, resumed: false }, `in-${p.plan.message.id}`)),
    ]);
  }

  /**
   * The plans of the batch (null: the message takes the one-by-one pipeline). One conversation,
   * identity and customer is changed at most once per batch: a second message touching one (two
   * identities of one customer in one inbox) takes the pipeline.
   */
  private async plan(items: InboundMessage[]): Promise<(Planned | null)[]> {
    const out: (Planned | null)[] = items.map(() => null);
    // An identity-only update is no message to plan: it takes the one-by-one pipeline.
    const eligible = items.map((inbound, i) => ({ inbound, i })).filter(({ inbound }) => !inbound.identityOnly && placedBySenderOnly(inbound));
    if (eligible.length === 0) return out;
    const known = await this.deps.reads.knownSenders(eligible.map(({ inbound }) => inbound));
    const candidates = eligible.flatMap(({ inbound, i }, n) => (known[n] ? [{ inbound, i, ...known[n]! }] : []));
    if (candidates.length === 0) return out;
    const claimable = await this.deps.reads.mayClaim(candidates.map(({ inbound, customer }) => ({ inbound, customerId: customer.id, customerName: customer.name })));
    const taken = new Set<string>();
    candidates.forEach(({ inbound, i, identity, customer, conversation }, n) => {
      const continued = chooseConversation(null, conversation);
      const rows = [`c:${customer.id}`, `i:${identity.id}`, `v:${continued?.id ?? `${customer.id}/${inbound.inboxId}`}`];
      if (claimable[n] || rows.some((r) => taken.has(r))) return;
      rows.forEach((r) => taken.add(r));
      const plan = planInbound({ inbound, customer, identity, conversation: continued, now: inbound.occurredAt ?? new Date(), newId });
      out[i] = { i, plan, conversation: continued, customer };
    });
    return out;
  }
}
