import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { FOLLOW_UP_QUEUE } from '@parley/conversations';
import { JOB_QUEUE, type Job, JobQueue } from '@parley/queue';
import { PresenceService, RoutingDecisionService } from '@parley/routing';
import { DomainEventDispatcher } from './domain-event-dispatcher';

const DRAIN_EVERY_MS = 5_000;

/**
 * The worker's end of the domain events queue (`follow-up`): each job goes to the dispatcher,
 * which hands its events to the capabilities' listeners. Also sweeps stale console tabs and drains
 * team queues as a safety net.
 */
@Injectable()
export class FollowUpProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('follow-up');
  private interval: NodeJS.Timeout | null = null;
  private readonly inflight = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly dispatcher: DomainEventDispatcher,
    private readonly routing: RoutingDecisionService,
    private readonly presence: PresenceService,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.process(FOLLOW_UP_QUEUE, (job) => this.track(job), { concurrency: 8 });
    this.interval = setInterval(() => {
      this.presence.sweepStale().catch((err) => this.logger.error(err));
      this.routing.drain().catch((err) => this.logger.error(err));
    }, DRAIN_EVERY_MS);
    this.interval.unref();
  }

  /**
   * Shutdown: jobs still running finish (their broadcasts need the socket adapter, which closes
   * after this hook); a job arriving now fails and is retried by the queue later.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    if (this.interval) clearInterval(this.interval);
    await Promise.allSettled([...this.inflight]);
  }

  private async track(job: Job): Promise<void> {
    if (this.stopping) throw new Error('shutting down; the job will run again');
    const run = this.dispatcher.dispatchJob(job);
    this.inflight.add(run);
    try {
      await run;
    } finally {
      this.inflight.delete(run);
    }
  }
}
