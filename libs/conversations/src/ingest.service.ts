import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AGENT_EVENTS } from '@parley/contracts';
import { InboundMessage, InboundMessageRefused, REALTIME, RealtimePublisher, storableInbound } from '@parley/channels-core';
import { JOB_QUEUE, JobQueue, type NewJob } from '@parley/queue';
import { CustomersService, toTimelineDto } from '@parley/customers';
import { toConversationDto, toMessageDto } from './conversation.mapper';
import { ConversationHooks } from './conversation-hooks';
import { enqueueFollowUp } from './follow-up';
import { GroupCommit } from './group-commit';
import { IngestBatch, refusedForItsData } from './ingest/ingest-batch';
import { INGEST_READS, type IngestReads } from './ingest/ingest-reads';
import { announce, type IngestOutcome, type IngestResult, type SenderUpdated } from './ingest/ingest-result';
import { INGEST_WRITER, type IngestWriter } from './ingest/ingest-writer';
import { MessageEdits } from './ingest/message-edit';
import { PhoneLink } from './ingest/phone-link';
import { SenderOnly } from './ingest/sender-only';
import { StoreOne } from './ingest/store-one';
import { INGEST_REPOSITORY, type IngestRepository } from './ports/ingest.repository';

export { refusedForItsData } from './ingest/ingest-batch';
export type { IngestOutcome, IngestResult, MessageEdit, SenderUpdated } from './ingest/ingest-result';
export { isSenderUpdate } from './ingest/ingest-result';

export const INBOUND_QUEUE = 'inbound';

/** Group commit: batches in flight at once, and the most messages one batch stores. */
const BATCHES_IN_FLIGHT = 2;
const MAX_BATCH = 100;

/**
 * The one inbound pipeline for every channel (web chat, Twilio, Telegram webhook and polling, email
 * through the InboundSink): every message passes through group commit, which keeps one sender's
 * messages in order and hands the everyday ones of a batch to the IngestWriter together
 * (ingest/ingest-batch.ts); the rest take the transactional pipeline (ingest/store-one.ts). A
 * message is acknowledged once its rows are committed.
 */
@Injectable()
export class IngestService {
  private readonly batch: IngestBatch;
  private readonly group: GroupCommit<InboundMessage, IngestOutcome>;

  constructor(
    @Inject(INGEST_REPOSITORY) private readonly repo: IngestRepository,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly customers: CustomersService,
    private readonly hooks: ConversationHooks,
    @Inject(INGEST_WRITER) writer: IngestWriter,
    @Inject(INGEST_READS) reads: IngestReads,
    private readonly one: StoreOne,
    private readonly edits: MessageEdits,
    private readonly phones: PhoneLink,
    private readonly senders: SenderOnly,
  ) {
    this.batch = new IngestBatch({
      reads, writer, realtime, queue,
      single: (inbound) => this.ingestOne(inbound),
      customerChanged: async (id) => this.realtime.toAgents(AGENT_EVENTS.customerUpdated, await this.customers.get(id)),
    });
    this.group = new GroupCommit<InboundMessage, IngestOutcome>((items) => this.batch.run(items), {
      // SQLite has one writer: one batch at a time, each in one transaction.
      concurrency: this.groupCommits ? BATCHES_IN_FLIGHT : 1,
      maxBatch: MAX_BATCH,
      keyOf: (inbound) => `${inbound.channel}\n${inbound.sender.externalId}`,
      isolate: refusedForItsData,
    });
  }


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
    await this.receive({ ...inbound, occurredAt: new Date(inbound.occurredAt) });
  }

  /**
   * Whatever a channel received: a message (stored, as `ingest`) or an identity-only update
   * (`identityOnly`: applied to the sender, nothing else stored). Both pass group commit, so one
   * sender's events and messages keep their order. Throws InboundMessageRefused like `ingest`.
   */
  async receive(received: InboundMessage): Promise<IngestOutcome> {
    return this.group.submit(storableInbound(received));
  }

  /** Stores a message. Throws InboundMessageRefused for one that cannot be stored (or is no message); the channel answers it. */
  async ingest(received: InboundMessage): Promise<IngestResult> {
    if (received.identityOnly) throw new InboundMessageRefused('an identity-only update is not a message');
    return (await this.receive(received)) as IngestResult;
  }

  /** Whether concurrent group commits run at once (PostgreSQL; SQLite has one writer, one batch at a time). */
  get groupCommits(): boolean {
    return this.repo.kind === 'postgres';
  }

  /** An identity-only update: applied, and the customer panel told when something changed. */
  private async updateSender(inbound: InboundMessage): Promise<SenderUpdated> {
    const outcome = await this.senders.apply(inbound);
    if (outcome.changed && outcome.customerId) this.realtime.toAgents(AGENT_EVENTS.customerUpdated, await this.customers.get(outcome.customerId));
    return outcome;
  }

  /** The transactional pipeline for one item: identity-only updates, edits, new senders, claims, threads, phone links. */
  private async ingestOne(inbound: InboundMessage): Promise<IngestOutcome> {
    if (inbound.identityOnly) return this.updateSender(inbound);
    if (inbound.edits) {
      const edited = await this.edits.apply(inbound, inbound.edits);
      if (edited) return edited;
      inbound = MessageEdits.asFirstVersion(inbound, inbound.edits);
    }
    const outcome = await this.one.storeOnce(inbound);
    const customer = outcome.customer ?? (await this.repo.customer(outcome.conversation.customerId));
    const result: IngestResult = {
      message: toMessageDto(outcome.message),
      conversation: toConversationDto(outcome.conversation, customer ?? undefined),
      duplicate: outcome.duplicate,
    };
    if (!outcome.duplicate) announce(this.realtime, result, outcome.opened, outcome.timeline ? toTimelineDto(outcome.timeline) : null);
    // An opt-out (STOP) or opt-in (START) changed the identity: the customer panel shows it at once.
    if (!outcome.duplicate && inbound.identityUpdate?.optedOut !== undefined) this.realtime.toAgents(AGENT_EVENTS.customerUpdated, await this.customers.get(result.conversation.customerId));
    // A message the business sent from elsewhere (a Meta echo) is followed by no routing, notification or survey.
    const followed = !outcome.duplicate && !inbound.sentElsewhere;
    if (followed && outcome.claim) {
      await this.hooks.claimed(outcome.claim, result.message);
    } else if (followed) {
      const { conversation, message } = result;
      await enqueueFollowUp(this.queue, { kind: 'inbound', conversationId: conversation.id, messageId: message.id, opened: outcome.opened, resumed: outcome.resumed }, `in-${message.id}`);
    }
    // Also on a re-delivery: a merge that failed the first time gets another chance.
    if (inbound.verifiedPhone) return this.phones.link(result, inbound.verifiedPhone, inbound.channel);
    return result;
  }
}
