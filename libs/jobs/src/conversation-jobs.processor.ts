import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import {
  BULK_ATTEMPTS, BULK_QUEUE, BulkOperationRunner, ConversationsService, DELIVERY_QUEUE, DeliveryReconciliation, DeliveryStatusService, INBOUND_QUEUE, IngestService, OutboundService, RECONCILE_EVERY_MS, RECONCILE_JOB,
  TIMERS_QUEUE, UNSNOOZE_TOPIC,
} from '@parley/conversations';
import { JOB_QUEUE, JobQueue, SCHEDULER, type Scheduler } from '@parley/queue';
import { MediaFetchProcessor } from './media-fetch.processor';

const DELIVERY_ATTEMPTS = 8;
/** A pending row whose delivery job was lost is queued again within this (once across all workers). */
const SWEEP_PENDING_EVERY_MS = 60_000;

/** Registers the queue processors of this process: queued inbound, outbound delivery (and its status reconciliation), timers. */
@Injectable()
export class ConversationJobsProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger('worker');

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly outbound: OutboundService,
    private readonly deliveryStatus: DeliveryStatusService,
    private readonly conversations: ConversationsService,
    private readonly ingest: IngestService,
    private readonly media: MediaFetchProcessor,
    private readonly reconciliation: DeliveryReconciliation,
    @Inject(SCHEDULER) private readonly scheduler: Scheduler,
    private readonly bulk: BulkOperationRunner,
  ) {}

  onApplicationBootstrap(): void {
    // On PostgreSQL ingest stores concurrent messages in group commits: more jobs in flight, larger batches.
    // Media is fetched once the message is stored, by its own job (off the webhook's acknowledgement).
    this.queue.process(INBOUND_QUEUE, (job) => this.ingest.ingestQueued(job.data).then(() => this.media.queueFor(job.data)), {
      concurrency: this.ingest.groupCommits ? 64 : 8,
    });
    this.queue.process(DELIVERY_QUEUE, async (job) => {
      if (job.name === 'status') return this.deliveryStatus.applyQueuedStatus(job.data, job.attempt);
      if (job.name === RECONCILE_JOB) return this.reconcile();
      return this.outbound.deliver(job.data.messageId, job.attempt, job.attempt >= DELIVERY_ATTEMPTS, job.replayed);
    });
    this.queue.repeat(DELIVERY_QUEUE, RECONCILE_JOB, RECONCILE_EVERY_MS).catch((err) => this.logger.error({ error: String(err?.message ?? err) }, 'delivery status reconciliation not scheduled'));
    this.scheduler.handle(UNSNOOZE_TOPIC, ({ key }) => this.conversations.wakeIfDue(key));
    // Wake-ups queued before the Scheduler (an upgrade) still run.
    this.queue.process(TIMERS_QUEUE, async (job) => {
      if (job.name === 'unsnooze') await this.conversations.wakeIfDue(job.data.conversationId);
    });
    // One operation at a time per worker: each already runs thousands of changes, and ingest shares the database.
    this.queue.process(BULK_QUEUE, (job) => this.bulk.run(String(job.data.operationId), job.attempt >= BULK_ATTEMPTS), { concurrency: 1 });
    this.scheduler.every('delivery-sweep', SWEEP_PENDING_EVERY_MS, () => this.outbound.sweepPending())
      .catch((err) => this.logger.error({ error: String(err?.message ?? err) }, 'pending delivery sweep not scheduled'));
    this.logger.log(`processing ${INBOUND_QUEUE}, ${DELIVERY_QUEUE}, ${TIMERS_QUEUE} and ${BULK_QUEUE} on the ${this.queue.kind} queue`);
  }

  /** A failed round is not a dead letter: the next one comes a minute later anyway. */
  private async reconcile(): Promise<void> {
    try {
      await this.reconciliation.reconcile();
    } catch (err) {
      this.logger.warn({ error: String(err?.message ?? err) }, 'delivery status reconciliation failed; next round in a minute');
    }
  }
}
