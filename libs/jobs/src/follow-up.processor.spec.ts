import 'reflect-metadata';
import { SlaScheduler, SlaWorkerModule } from '@parley/sla';
import type { Job, JobHandler, JobQueue } from '@parley/queue';
import { DomainEventDispatcher } from './domain-event-dispatcher';
import { FollowUpProcessor } from './follow-up.processor';
import { WorkerModule } from './worker.module';

describe('where the domain events are dispatched', () => {
  it('is the worker, whose follow-up processor hands the jobs to the dispatcher; the SLA capability only brings its scheduler', () => {
    expect(Reflect.getMetadata('providers', WorkerModule)).toEqual(expect.arrayContaining([FollowUpProcessor, DomainEventDispatcher]));
    expect(Reflect.getMetadata('providers', SlaWorkerModule)).toEqual([SlaScheduler]);
  });
});

describe('FollowUpProcessor', () => {
  function wire() {
    let handler: JobHandler | null = null;
    const dispatched: string[] = [];
    const queue = { process: (_q: string, h: JobHandler) => void (handler = h) } as unknown as JobQueue;
    const dispatcher = { dispatchJob: async (job: Job) => void dispatched.push(job.id) } as unknown as DomainEventDispatcher;
    const processor = new FollowUpProcessor(queue, dispatcher);
    processor.onApplicationBootstrap();
    const job = (id: string): Job => ({ id, name: 'message.received', data: { events: [] }, attempt: 1, replayed: false });
    return { processor, run: (id: string) => handler!(job(id)), dispatched };
  }

  it('hands each follow-up job to the dispatcher', async () => {
    const { processor, run, dispatched } = wire();
    await run('fu-in-m1');
    expect(dispatched).toEqual(['fu-in-m1']);
    await processor.onModuleDestroy();
  });

  it('refuses a job once shutting down, so the queue runs it again later', async () => {
    const { processor, run, dispatched } = wire();
    await processor.onModuleDestroy();
    await expect(run('fu-in-m2')).rejects.toThrow('shutting down');
    expect(dispatched).toEqual([]);
  });
});
