import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import type { ConversationDto, MessageDto, TimelineEventDto } from '@parley/contracts';
import { AGENT_EVENTS } from '@parley/contracts';
import { InboundMessage, REALTIME, RealtimePublisher, storableInbound } from '@parley/channels-core';
import {
  chooseConversation,
  continuationOf,
  continuesConversation,
  newId,
  placedBySenderOnly,
  resumesConversation,
  senderUpdates,
  threadedConversationId,
  threadKeysToLookUp,
  type SenderUpdates,
} from '@parley/domain';
import { bulkInsert, ChannelIdentityEntity, ConversationEntity, CustomerEntity, hydrate, MessageEntity, isUniqueViolation, PROVEN_SOURCES, runPrepared, selectColumns, TimelineEventEntity, withTransaction } from '@parley/persistence';
import { JOB_QUEUE, JobQueue, type NewJob } from '@parley/queue';
import { CustomersService, fillCustomerAttributes, IdentityResolutionService, TimelineService, toTimelineDto } from '@parley/customers';
import { toConversationDto, toMessageDto } from './conversation.mapper';
import { ConversationHooks, type InboundClaim } from './conversation-hooks';
import { ConversationsService } from './conversations.service';
import { enqueueFollowUp } from './follow-up';
import { GroupCommit } from './group-commit';
import { oneStatement } from './one-statement';

export const INBOUND_QUEUE = 'inbound';

/** One earlier version of an edited message, kept in its `metadata.edits` (oldest first). */
export interface MessageEdit {
  /** The edit's provider id: a re-delivered edit is applied once. */
  id: string;
  /** The content this edit replaced; null when the first version never reached us. */
  content: string | null;
  editedAt: string;
}

/** Group commit on PostgreSQL: batches in flight at once, and the most messages one batch stores. */
const BATCHES_IN_FLIGHT = 2;
const MAX_BATCH = 100;

interface BatchStored {
  message: MessageEntity;
  conversation: ConversationEntity;
  customer: CustomerEntity;
  timeline: TimelineEventEntity;
  resumed: boolean;
}

export interface IngestResult {
  message: MessageDto;
  conversation: ConversationDto;
  /** True when this provider message was already stored: nothing new was written. */
  duplicate: boolean;
}

/**
 * Whether a failed group commit failed on what one of its messages holds, so that splitting the batch
 * finds that message: PostgreSQL refusing a value (class 22: data exception; 23: a constraint;
 * 54: past a limit; P0: raised by a trigger), or our own code choking on one message. Not a lost
 * connection or a database shutting down: then every message fails alike.
 */
export function refusedForItsData(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  // Not a unique violation (23505): that is a redelivery or a race between two messages of one
  // sender, which each message's own path already settles (found as a duplicate, or stored on a
  // second try); re-running a batch for it only repeats the race.
  if (code === '23505') return false;
  if (typeof code === 'string' && /^(22|23|54|P0)[0-9A-Z]{3}$/.test(code)) return true;
  return err instanceof TypeError || err instanceof RangeError;
}

/**
 * The one inbound pipeline for every channel: idempotency key → identity resolution →
 * conversation pick-or-open → message + timeline event, in one transaction → live broadcast.
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly db: DataSource,
    private readonly identities: IdentityResolutionService,
    private readonly timeline: TimelineService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly customers: CustomersService,
    private readonly conversations: ConversationsService,
    private readonly hooks: ConversationHooks,
  ) {}

  private knownSendersSql: string | null = null;

  /**
   * PostgreSQL: every inbound message passes through group commit, which also keeps one sender's
   * messages in order; the everyday ones of a batch are stored together (`storeBatch`).
   */
  private readonly group = new GroupCommit<InboundMessage, IngestResult>((items) => this.ingestBatch(items), {
    concurrency: BATCHES_IN_FLIGHT,
    maxBatch: MAX_BATCH,
    keyOf: (inbound) => `${inbound.channel}\n${inbound.sender.externalId}`,
    isolate: refusedForItsData,
  });

  /**
   * For webhooks that must answer fast: once this resolves the message is durably queued and the
   * provider may be acknowledged. The job id is derived from the provider's message id, so a
   * provider retry arriving before the job ran does not queue it twice.
   */
  async enqueue(received: InboundMessage): Promise<void> {
    // Refused here, before anything is queued: the webhook answers 400 instead of acknowledging.
    const inbound = storableInbound(received);
    const jobId = createHash('sha256').update(`${inbound.inboxId}\n${inbound.providerMessageId}`).digest('hex');
    return this.enqueueGroup.submit({ name: 'ingest', data: { ...inbound, occurredAt: (inbound.occurredAt ?? new Date()).toISOString() }, opts: { jobId } });
  }

  /**
   * Webhooks arriving while earlier ones are being queued are queued together (one insert for the
   * lot on the embedded queue; on Redis their commands leave together), and each is acknowledged
   * once the lot is durably queued.
   */
  private readonly enqueueGroup = new GroupCommit<NewJob, void>(
    async (jobs) => {
      await this.queue.addMany(INBOUND_QUEUE, jobs);
      return jobs.map(() => ({ status: 'fulfilled', value: undefined }));
    },
    { concurrency: 2, maxBatch: 200, keyOf: (job) => job.opts!.jobId!, gatherTurn: true },
  );

  /** The inbound job: same pipeline, same idempotency. */
  async ingestQueued(data: Record<string, unknown>): Promise<void> {
    const inbound = data as unknown as InboundMessage & { occurredAt: string };
    await this.ingest({ ...inbound, occurredAt: new Date(inbound.occurredAt) });
  }

  /** Throws InboundMessageRefused for a message that cannot be stored; the channel answers it. */
  async ingest(received: InboundMessage): Promise<IngestResult> {
    const inbound = storableInbound(received);
    return this.groupCommits ? this.group.submit(inbound) : this.ingestOne(inbound);
  }

  /** Whether concurrent messages are stored in group commits (PostgreSQL; SQLite has one writer anyway). */
  get groupCommits(): boolean {
    return this.db.options.type === 'postgres';
  }

  private async ingestOne(inbound: InboundMessage): Promise<IngestResult> {
    if (inbound.edits) {
      const edited = await this.applyEdit(inbound, inbound.edits);
      if (edited) return edited;
      // The first version never reached us (sent before the inbox existed): the edit stands in for
      // it, under the original's id so that later edits find it.
      const editedAt = (inbound.occurredAt ?? new Date()).toISOString();
      const edits: MessageEdit[] = [{ id: inbound.providerMessageId, content: null, editedAt }];
      inbound = { ...inbound, providerMessageId: inbound.edits, edits: undefined, metadata: { ...(inbound.metadata ?? {}), edits } };
    }
    const outcome = await this.storeOnce(inbound);
    const customer = outcome.customer ?? (await this.db.getRepository(CustomerEntity).findOneBy({ id: outcome.conversation.customerId }));
    const result: IngestResult = {
      message: toMessageDto(outcome.message),
      conversation: toConversationDto(outcome.conversation, customer ?? undefined),
      duplicate: outcome.duplicate,
    };
    if (!outcome.duplicate) this.broadcast(result, outcome.opened, outcome.timeline ? toTimelineDto(outcome.timeline) : null);
    // An opt-out (STOP) or opt-in (START) changed the identity: the customer panel shows it at once.
    if (!outcome.duplicate && inbound.identityUpdate?.optedOut !== undefined) this.realtime.toAgents(AGENT_EVENTS.customerUpdated, await this.customers.get(result.conversation.customerId));
    if (!outcome.duplicate && outcome.claim) {
      await this.hooks.claimed(outcome.claim, result.message);
    } else if (!outcome.duplicate) {
      const { conversation, message } = result;
      await enqueueFollowUp(this.queue, { kind: 'inbound', conversationId: conversation.id, messageId: message.id, opened: outcome.opened, resumed: outcome.resumed }, `in-${message.id}`);
    }
    // Also on a re-delivery: a merge that failed the first time gets another chance.
    if (inbound.verifiedPhone) return this.linkByPhone(result, inbound.verifiedPhone, inbound.channel);
    return result;
  }

  /**
   * One group commit: the everyday messages (a known sender, nothing to change on their record,
   * a conversation that goes on, nothing that may claim the message) are stored with four round
   * trips and one commit for the whole batch, announced, and their follow-ups queued as one job.
   * The rest, and a batch holding a redelivered message, go through the one-by-one pipeline.
   */
  private async ingestBatch(items: InboundMessage[]): Promise<PromiseSettledResult<IngestResult>[]> {
    let stored: (BatchStored | null)[] = items.map(() => null);
    try {
      stored = await this.storeBatch(items);
    } catch (err) {
      // A provider's retry inside the batch: each message on its own finds out which one it was.
      if (!isUniqueViolation(err)) throw err;
    }
    const settle = (p: Promise<IngestResult>) => p.then(
      (value): PromiseSettledResult<IngestResult> => ({ status: 'fulfilled', value }),
      (reason): PromiseSettledResult<IngestResult> => ({ status: 'rejected', reason }),
    );
    const singles = items.map((inbound, i) => (stored[i] ? null : settle(this.ingestOne(inbound))));
    const events: { conversationId: string; messageId: string; resumed: boolean }[] = [];
    const batched = stored.map((s) => {
      if (!s) return null;
      const result: IngestResult = { message: toMessageDto(s.message), conversation: toConversationDto(s.conversation, s.customer), duplicate: false };
      this.broadcast(result, false, toTimelineDto(s.timeline));
      events.push({ conversationId: s.conversation.id, messageId: s.message.id, resumed: s.resumed });
      return result;
    });
    // One follow-up job for the batch: the worker reads and writes its messages together too.
    const queueError = events.length === 0 ? null : await enqueueFollowUp(this.queue, { kind: 'inbound-batch', events }, `inb-${events[0].messageId}`)
      .then(() => null, (err: unknown) => err ?? new Error('follow-up not queued'));
    return Promise.all(items.map((_, i): Promise<PromiseSettledResult<IngestResult>> | PromiseSettledResult<IngestResult> => {
      if (singles[i]) return singles[i]!;
      return queueError ? { status: 'rejected', reason: queueError } : { status: 'fulfilled', value: batched[i]! };
    }));
  }

  private batchable(inbound: InboundMessage): boolean {
    return placedBySenderOnly(inbound);
  }

  /**
   * The multi-row version of `storeFast`: senders, their customers and latest conversations in this
   * inbox in one query, survey claims in a second, then every message, timeline event and
   * conversation update of the batch in one statement (one commit). The SQL texts do not depend on
   * the batch size. Null for a message that needs the full pipeline.
   */
  private async storeBatch(items: InboundMessage[]): Promise<(BatchStored | null)[]> {
    const out: (BatchStored | null)[] = items.map(() => null);
    const eligible = items.map((inbound, i) => ({ inbound, i })).filter(({ inbound }) => this.batchable(inbound));
    if (eligible.length === 0) return out;
    const known = await this.knownSenders(eligible.map(({ inbound }) => inbound));
    const candidates = eligible.flatMap(({ inbound, i }, n) => {
      const found = known[n];
      if (!found) return [];
      const updates = senderUpdates(inbound, found.customer, found.identity);
      return updates.identity || updates.customer ? [] : [{ inbound, i, ...found }];
    });
    if (candidates.length === 0) return out;
    const claimable = await this.hooks.mayClaimMany(this.db.manager, candidates.map(({ inbound, customer }) => ({ inbound, customerId: customer.id, customerName: customer.name })));
    const messages: MessageEntity[] = [];
    const timelines: TimelineEventEntity[] = [];
    const updates: { id: string; at: string; preview: string | null }[] = [];
    const taken = new Set<string>();
    candidates.forEach(({ inbound, i, customer, conversation }, n) => {
      // Two identities of one customer in one inbox: the second message takes the full pipeline.
      if (claimable[n] || !conversation || !continuesConversation(conversation.status) || taken.has(conversation.id)) return;
      taken.add(conversation.id);
      const { message, timeline, resumed } = this.continued(inbound, conversation, customer);
      messages.push(message);
      timelines.push(timeline);
      updates.push({ id: conversation.id, at: message.createdAt.toISOString(), preview: conversation.lastMessagePreview });
      out[i] = { message, conversation, customer, timeline, resumed };
    });
    if (messages.length === 0) return out;
    await runPrepared(this.db, 'parley_ingest_batch', oneStatement([
      bulkInsert(this.db, MessageEntity, messages),
      bulkInsert(this.db, TimelineEventEntity, timelines),
      // `continueConversation`'s changes, one row per conversation.
      [
        'UPDATE "conversations" AS c SET "status" = \'open\', "snoozed_until" = NULL, "resolved_at" = NULL, "last_message_at" = v.at, "last_inbound_at" = v.at, ' +
          '"last_message_preview" = v.preview, "unread_count" = c."unread_count" + 1, "updated_at" = v.at ' +
          'FROM unnest($1::uuid[], $2::timestamptz[], $3::varchar[]) AS v(id, at, preview) WHERE c."id" = v.id',
        [updates.map((u) => u.id), updates.map((u) => u.at), updates.map((u) => u.preview)],
      ],
    ]));
    return out;
  }

  /**
   * For each message: its sender's identity, live customer and latest conversation in its inbox
   * (null when the sender is unknown or their customer was merged away: `find` follows that).
   */
  private async knownSenders(inbound: InboundMessage[]): Promise<({ identity: ChannelIdentityEntity; customer: CustomerEntity; conversation: ConversationEntity | null } | null)[]> {
    this.knownSendersSql ??= `SELECT x.ord, ${selectColumns(this.db, ChannelIdentityEntity, 'i', 'i_')}, ${selectColumns(this.db, CustomerEntity, 'c', 'c_')}, ` +
      `${selectColumns(this.db, ConversationEntity, 'v', 'v_')} ` +
      'FROM unnest($1::varchar[], $2::varchar[], $3::uuid[]) WITH ORDINALITY AS x(channel, external_id, inbox_id, ord) ' +
      'JOIN "channel_identities" i ON i."channel" = x.channel AND i."external_id" = x.external_id ' +
      'JOIN "customers" c ON c."id" = i."customer_id" AND c."merged_into_id" IS NULL ' +
      'LEFT JOIN LATERAL (SELECT * FROM "conversations" v WHERE v."customer_id" = c."id" AND v."inbox_id" = x.inbox_id ORDER BY v."created_at" DESC LIMIT 1) v ON true';
    const rows = await runPrepared(this.db, 'parley_known_senders', [this.knownSendersSql, [
      inbound.map((m) => m.channel), inbound.map((m) => m.sender.externalId), inbound.map((m) => m.inboxId),
    ]]);
    const out: Awaited<ReturnType<IngestService['knownSenders']>> = inbound.map(() => null);
    for (const row of rows) {
      const identity = hydrate(this.db, ChannelIdentityEntity, row, 'i_')!;
      const customer = hydrate(this.db, CustomerEntity, row, 'c_')!;
      out[Number(row.ord) - 1] = { identity, customer, conversation: hydrate(this.db, ConversationEntity, row, 'v_') };
    }
    return out;
  }

  /**
   * An edit of a stored message: it shows the new content and keeps the one it replaced in
   * `metadata.edits`; the timeline entry follows. Null when the edited message is not stored.
   */
  private async applyEdit(inbound: InboundMessage, originalId: string): Promise<IngestResult | null> {
    const outcome = await withTransaction(this.db, async (em) => {
      const message = await em.findOne(MessageEntity, { where: { inboxId: inbound.inboxId, providerMessageId: originalId } });
      if (!message) return null;
      const conversation = await em.findOneByOrFail(ConversationEntity, { id: message.conversationId });
      const edits: MessageEdit[] = Array.isArray(message.metadata?.edits) ? message.metadata!.edits : [];
      if (message.content === inbound.content || edits.some((e) => e.id === inbound.providerMessageId)) {
        return { message, conversation, duplicate: true };
      }
      const editedAt = inbound.occurredAt ?? new Date();
      const metadata = { ...(message.metadata ?? {}), edits: [...edits, { id: inbound.providerMessageId, content: message.content, editedAt: editedAt.toISOString() }] };
      await em.update(MessageEntity, { id: message.id }, { content: inbound.content, metadata, updatedAt: editedAt });
      await em.update(TimelineEventEntity, { messageId: message.id }, { content: inbound.content });
      return { message: Object.assign(message, { content: inbound.content, metadata }), conversation, duplicate: false };
    });
    if (!outcome) return null;
    const customer = await this.db.getRepository(CustomerEntity).findOneBy({ id: outcome.conversation.customerId });
    const result: IngestResult = {
      message: toMessageDto(outcome.message),
      conversation: toConversationDto(outcome.conversation, customer ?? undefined),
      duplicate: outcome.duplicate,
    };
    if (!outcome.duplicate) this.realtime.toAgents(AGENT_EVENTS.messageUpdated, result.message);
    return result;
  }

  /**
   * The sender proved a phone number: the customer who already has it (an SMS or WhatsApp identity,
   * or the phone on their record) absorbs this one, so both histories become one customer.
   */
  private async linkByPhone(result: IngestResult, phone: string, channel: string): Promise<IngestResult> {
    const current = result.conversation.customerId;
    const identities = await this.db.getRepository(ChannelIdentityEntity).find({
      select: { customerId: true },
      where: { channel: In(['sms', 'whatsapp']), externalId: In([phone, `whatsapp:${phone}`]) },
    });
    // A phone a visitor typed proves nothing: only one an agent, a verification or a channel recorded.
    const owners = await this.db.getRepository(CustomerEntity).find({ select: { id: true }, where: { phone, phoneSource: In([...PROVEN_SOURCES]), mergedIntoId: IsNull() } });
    const candidates = new Map<string, CustomerEntity>();
    for (const id of new Set([...identities.map((i) => i.customerId), ...owners.map((c) => c.id)])) {
      let customer = await this.db.getRepository(CustomerEntity).findOneBy({ id });
      for (let hops = 0; customer?.mergedIntoId && hops < 10; hops++) customer = await this.db.getRepository(CustomerEntity).findOneBy({ id: customer.mergedIntoId });
      if (customer && !customer.mergedIntoId && customer.id !== current) candidates.set(customer.id, customer);
    }
    const target = [...candidates.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
    if (!target) return result;
    await this.customers.merge(target.id, current, `${phone} (${channel})`);
    await this.conversations.announceCustomerChange(target.id);
    return { ...result, message: { ...result.message, customerId: target.id }, conversation: await this.conversations.get(result.conversation.id) };
  }

  /**
   * Stores the message, or finds it stored already. The unique (inbox, provider message id) index
   * is the idempotency check: the common case, a new message, costs no lookup, and two deliveries
   * of one message racing each other still store it once.
   */
  private async storeOnce(inbound: InboundMessage) {
    for (let attempt = 1; ; attempt++) {
      try {
        const stored = (await this.storeFast(inbound)) ?? (await withTransaction(this.db, (em) => this.store(em, inbound)));
        return { ...stored, duplicate: false as const };
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const existing = await this.findExisting(inbound);
        if (existing) return { ...existing, duplicate: true as const };
        // Not this message but its sender: two first messages of one new web chat visitor (both
        // creating the customer under its announced id) on two nodes. The winner's rows are
        // committed now, so a second try finds them.
        if (attempt > 1) throw err;
      }
    }
  }

  private async findExisting(inbound: InboundMessage) {
    const message = await this.db.getRepository(MessageEntity).findOne({ where: { inboxId: inbound.inboxId, providerMessageId: inbound.providerMessageId } });
    if (!message) return null;
    const conversation = await this.db.getRepository(ConversationEntity).findOneByOrFail({ id: message.conversationId });
    return { message, conversation, customer: null, opened: false, resumed: false, timeline: null, claim: null };
  }

  /**
   * PostgreSQL, the everyday case: a known sender writing into a conversation that goes on, with
   * nothing to change on their identity or record and nothing that could claim the message. The
   * reads run on their own and the three writes (message, timeline event, conversation) go as one
   * statement, so the database sees one commit and four round trips instead of eight. Anything
   * else returns null and takes the transactional path; a duplicate fails on the unique index the
   * same way.
   */
  private async storeFast(inbound: InboundMessage) {
    if (this.db.options.type !== 'postgres') return null;
    const em = this.db.manager;
    const known = await this.identities.find(em, inbound.channel, inbound.sender.externalId);
    if (!known) return null;
    const { customer, identity } = known;
    const updates = senderUpdates(inbound, customer, identity);
    if (updates.identity || updates.customer) return null;
    if (await this.hooks.mayClaim(em, { inbound, customerId: customer.id, customerName: customer.name })) return null;
    const conversation = await this.pickConversation(em, inbound, customer.id);
    if (!conversation) return null;
    const { message, timeline, resumed, changes } = this.continued(inbound, conversation, customer);
    await this.db.query(...oneStatement([
      em.createQueryBuilder().insert().into(MessageEntity).values(message).updateEntity(false).getQueryAndParameters(),
      em.createQueryBuilder().insert().into(TimelineEventEntity).values(timeline).updateEntity(false).getQueryAndParameters(),
      em.createQueryBuilder().update(ConversationEntity).set(changes).where('id = :id', { id: conversation.id }).updateEntity(false).getQueryAndParameters(),
    ]));
    return { message, conversation, customer, opened: false, resumed, timeline, claim: null };
  }

  private async store(em: EntityManager, inbound: InboundMessage) {
    const now = inbound.occurredAt ?? new Date();
    const { customer, identity } = await this.identities.resolve(em, inbound.channel, inbound.sender);
    await this.applyUpdates(em, senderUpdates(inbound, customer, identity), customer, identity);
    const claim = await this.hooks.claimInbound(em, { inbound, customerId: customer.id, customerName: customer.name });
    if (claim) return this.storeClaimed(em, inbound, claim, customer, now);
    let conversation = await this.pickConversation(em, inbound, customer.id);
    let opened = false;
    if (!conversation) {
      opened = true;
      conversation = em.create(ConversationEntity, {
        id: newId(),
        customerId: customer.id,
        inboxId: inbound.inboxId,
        channel: inbound.channel,
        status: 'open',
        assigneeId: null,
        teamId: null,
        priority: 'normal',
        snoozedUntil: null,
        firstResponseAt: null,
        resolvedAt: null,
        lastMessageAt: now,
        lastInboundAt: now,
        lastMessagePreview: null,
        unreadCount: 0,
        createdAt: now,
        updatedAt: now,
      });
      await em.insert(ConversationEntity, conversation);
      await this.timeline.append(em, {
        customerId: customer.id,
        type: 'conversation_opened',
        occurredAt: now,
        channel: inbound.channel,
        conversationId: conversation.id,
      });
    }
    const message = this.newMessage(inbound, conversation.id, customer, inbound.metadata ?? null, now);
    await em.insert(MessageEntity, message);
    const timeline = await this.timeline.append(em, this.timelineOf(message, inbound.channel));
    const resumed = !opened && resumesConversation(conversation.status);
    await em.update(ConversationEntity, { id: conversation.id }, this.continueConversation(conversation, inbound, now));
    return { message, conversation, customer, opened, resumed, timeline, claim: null };
  }

  /** The conversation this message continues (see chooseConversation): the threaded one is looked up first. */
  private async pickConversation(em: EntityManager, inbound: InboundMessage, customerId: string): Promise<ConversationEntity | null> {
    const threaded = await this.threadedConversation(em, inbound);
    if (threaded) {
      delete threaded.threaded;
      return chooseConversation(threaded, null);
    }
    const latest = await em.findOne(ConversationEntity, {
      where: { customerId, inboxId: inbound.inboxId },
      order: { createdAt: 'DESC' },
    });
    return chooseConversation(null, latest);
  }

  private newMessage(inbound: InboundMessage, conversationId: string, customer: CustomerEntity, metadata: Record<string, unknown> | null, now: Date): MessageEntity {
    return this.db.manager.create(MessageEntity, {
      id: newId(),
      conversationId,
      customerId: customer.id,
      inboxId: inbound.inboxId,
      channel: inbound.channel,
      direction: 'inbound',
      authorType: 'customer',
      authorId: null,
      authorName: customer.name,
      content: inbound.content,
      private: false,
      attachments: inbound.attachments ?? [],
      providerMessageId: inbound.providerMessageId,
      clientMessageId: inbound.clientMessageId ?? null,
      metadata,
      deliveryStatus: 'delivered',
      deliveryError: null,
      deliveryAttempts: 0,
      createdAt: now,
      updatedAt: now,
    });
  }

  private timelineOf(message: MessageEntity, channel: InboundMessage['channel']) {
    return {
      customerId: message.customerId,
      type: 'message' as const,
      occurredAt: message.createdAt,
      channel,
      conversationId: message.conversationId,
      messageId: message.id,
      direction: 'inbound' as const,
      content: message.content,
      authorName: message.authorName,
      data: message.attachments.length ? { attachments: message.attachments } : null,
    };
  }

  /** A message that continues `conversation`: the rows to write, and the conversation's changes (applied to the entity too). */
  private continued(inbound: InboundMessage, conversation: ConversationEntity, customer: CustomerEntity) {
    const now = inbound.occurredAt ?? new Date();
    const message = this.newMessage(inbound, conversation.id, customer, inbound.metadata ?? null, now);
    const timeline = this.timeline.row(this.timelineOf(message, inbound.channel));
    const resumed = resumesConversation(conversation.status);
    const changes = this.continueConversation(conversation, inbound, now);
    return { message, timeline, resumed, changes };
  }

  /**
   * The conversation goes on with this message (see continuationOf); the entity follows, and the
   * row's unread count is incremented in SQL so concurrent messages never lose one.
   */
  private continueConversation(conversation: ConversationEntity, inbound: InboundMessage, now: Date) {
    const changes = continuationOf(conversation, inbound, now);
    Object.assign(conversation, changes);
    return { ...changes, unreadCount: () => 'unread_count + 1' };
  }

  /**
   * A claimed message (an answer to a survey) is kept in the claiming conversation and on the
   * timeline, but leaves the conversation's status, unread count and preview as they were.
   */
  private async storeClaimed(em: EntityManager, inbound: InboundMessage, claim: InboundClaim, customer: CustomerEntity, now: Date) {
    const conversation = await em.findOneByOrFail(ConversationEntity, { id: claim.conversationId });
    const message = this.newMessage(inbound, conversation.id, customer, { ...(inbound.metadata ?? {}), claimedBy: claim.hook }, now);
    await em.insert(MessageEntity, message);
    const timeline = await this.timeline.append(em, { ...this.timelineOf(message, inbound.channel), data: null });
    // The customer wrote: channels with a reply window (WhatsApp's 24 hours) may answer again.
    await em.update(ConversationEntity, { id: conversation.id }, { lastInboundAt: now });
    conversation.lastInboundAt = now;
    return { message, conversation, customer, opened: false, resumed: false, timeline, claim };
  }

  /** A reply to a known provider message joins that message's conversation, even a resolved one. */
  private async threadedConversation(em: EntityManager, inbound: InboundMessage): Promise<(ConversationEntity & { threaded?: boolean }) | null> {
    const keys = threadKeysToLookUp(inbound);
    const earlier = keys.length === 0 ? null : await em.findOne(MessageEntity, {
      select: { conversationId: true },
      where: { inboxId: inbound.inboxId, providerMessageId: In(keys) },
      order: { createdAt: 'DESC' },
    });
    const id = threadedConversationId(earlier?.conversationId, inbound);
    if (!id) return null;
    const conversation = await em.findOneBy(ConversationEntity, { id, inboxId: inbound.inboxId });
    return conversation ? Object.assign(conversation, { threaded: true }) : null;
  }

  private async applyUpdates(em: EntityManager, updates: SenderUpdates, customer: CustomerEntity, identity: ChannelIdentityEntity): Promise<void> {
    if (updates.identity) {
      await em.update(ChannelIdentityEntity, { id: identity.id }, updates.identity);
      Object.assign(identity, updates.identity);
    }
    if (updates.customer) {
      const { attributes, ...changes } = { ...updates.customer, updatedAt: new Date() };
      await em.update(CustomerEntity, { id: customer.id }, changes);
      // Added in the database (stored keys win): a concurrent writer's attributes are not lost.
      if (attributes) await fillCustomerAttributes(em, customer.id, attributes);
      Object.assign(customer, changes, attributes ? { attributes } : {});
    }
  }

  private broadcast(result: IngestResult, opened: boolean, timeline: TimelineEventDto | null): void {
    const { conversation, message } = result;
    this.realtime.toAgents(opened ? AGENT_EVENTS.conversationCreated : AGENT_EVENTS.conversationUpdated, conversation);
    this.realtime.toAgents(AGENT_EVENTS.messageCreated, message);
    if (timeline) this.realtime.toAgents(AGENT_EVENTS.timelineCreated, timeline);
  }
}
