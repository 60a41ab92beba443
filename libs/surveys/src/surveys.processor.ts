import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { JOB_QUEUE, JobQueue } from '@parley/queue';
import { SURVEYS_QUEUE, SurveysService } from './surveys.service';

@Injectable()
export class SurveysProcessor implements OnApplicationBootstrap {
  constructor(
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    private readonly surveys: SurveysService,
  ) {}

  onApplicationBootstrap(): void {
    this.queue.process(SURVEYS_QUEUE, async (job) => {
      if (job.name === 'send') await this.surveys.send(String(job.data.conversationId), Number(job.data.resolvedAt));
      else if (job.name === 'answered') await this.surveys.handleAnswer(job.data as Parameters<SurveysService['handleAnswer']>[0]);
    }, { concurrency: 4 });
  }
}
