import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { JOB_QUEUE, JobQueue } from '@parley/queue';
import { SURVEYS_QUEUE, SurveysService } from './surveys.service';

@Injectable()
export class SurveysProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly inflight = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly surveys: SurveysService,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.process(SURVEYS_QUEUE, (job) => this.track(job.name, job.data), { concurrency: 4 });
  }

  /** Shutdown: running jobs finish while the database and queue are still open; new ones wait for the next start. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.inflight]);
  }

  private async track(name: string, data: Record<string, unknown>): Promise<void> {
    if (this.stopping) throw new Error('shutting down; the job will run again');
    const run = name === 'send'
      ? this.surveys.send(String(data.conversationId), Number(data.resolvedAt)).then(() => undefined)
      : name === 'answered' ? this.surveys.handleAnswer(data as Parameters<SurveysService['handleAnswer']>[0]) : Promise.resolve();
    this.inflight.add(run);
    try {
      await run;
    } finally {
      this.inflight.delete(run);
    }
  }
}
