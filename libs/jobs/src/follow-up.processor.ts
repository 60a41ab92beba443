import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { FOLLOW_UP_QUEUE } from '@parley/conversations';
import { JOB_QUEUE, type Job, JobQueue } from '@parley/queue';
import { DomainEventDispatcher } from './domain-event-dispatcher';

/**
 * The worker's end of the domain events queue (`follow-up`): each job goes to the dispatcher,
 * which hands its events to the capabilities' listeners. (Draining team queues and sweeping stale
 * console tabs are repeating scheduler jobs: routing-drain.schedule.ts.)
 */
@Injectable()
export class FollowUpProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly inflight = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly dispatcher: DomainEventDispatcher,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.process(FOLLOW_UP_QUEUE, (job) => this.track(job), { concurrency: 8 });
  }

  /**
   * Shutdown: jobs still running finish (their broadcasts need the socket adapter, which closes
   * after this hook); a job arriving now fails and is retried by the queue later.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
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
