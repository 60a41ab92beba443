import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { JOB_QUEUE, JobQueue } from '@parley/queue';
import { SurveyAnswersService } from './survey-answers.service';
import { SurveyDispatchService } from './survey-dispatch.service';
import { SURVEYS_QUEUE, type AnsweredJob } from './survey-jobs';

@Injectable()
export class SurveysProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly inflight = new Set<Promise<void>>();
  private stopping = false;

  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly dispatch: SurveyDispatchService,
    private readonly answers: SurveyAnswersService,
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
      ? this.dispatch.send(String(data.conversationId), Number(data.resolvedAt)).then(() => undefined)
      : name === 'answered' ? this.answers.handleAnswer(data as unknown as AnsweredJob) : Promise.resolve();
    this.inflight.add(run);
    try {
      await run;
    } finally {
      this.inflight.delete(run);
    }
  }
}
