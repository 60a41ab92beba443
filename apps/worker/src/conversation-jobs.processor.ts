import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConversationsService, DELIVERY_QUEUE, INBOUND_QUEUE, IngestService, OutboundService, TIMERS_QUEUE } from '@parley/conversations';
import { JOB_QUEUE, JobQueue } from '@parley/queue';
import { MediaFetchProcessor } from './media-fetch.processor';

const DELIVERY_ATTEMPTS = 8;

/** Registers the queue processors of this process: queued inbound, outbound delivery, timers. */
@Injectable()
export class ConversationJobsProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('worker');
  private sweeper: NodeJS.Timeout | null = null;

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly outbound: OutboundService,
    private readonly conversations: ConversationsService,
    private readonly ingest: IngestService,
    private readonly media: MediaFetchProcessor,
  ) {}

  onApplicationBootstrap(): void {
    // On PostgreSQL ingest stores concurrent messages in group commits: more jobs in flight, larger batches.
    // Media is fetched once the message is stored, by its own job (off the webhook's acknowledgement).
    this.queue.process(INBOUND_QUEUE, (job) => this.ingest.ingestQueued(job.data).then(() => this.media.queueFor(job.data)), {
      concurrency: this.ingest.groupCommits ? 64 : 8,
    });
    this.queue.process(DELIVERY_QUEUE, (job) =>
      job.name === 'status'
        ? this.outbound.applyQueuedStatus(job.data, job.attempt)
        : this.outbound.deliver(job.data.messageId, job.attempt, job.attempt >= DELIVERY_ATTEMPTS),
    );
    this.queue.process(TIMERS_QUEUE, async (job) => {
      if (job.name === 'unsnooze') await this.conversations.wakeIfDue(job.data.conversationId);
    });
    this.sweeper = setInterval(() => {
      this.outbound.sweepPending().catch((err) => this.logger.error(err));
    }, 60_000);
    this.sweeper.unref();
    this.logger.log(`processing ${INBOUND_QUEUE}, ${DELIVERY_QUEUE} and ${TIMERS_QUEUE} on the ${this.queue.kind} queue`);
  }

  onModuleDestroy(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }
}
