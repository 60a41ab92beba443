import { JOB_QUEUE, type JobQueue } from './job-queue.port';
import { SCHEDULER, SCHEDULER_QUEUE, type ScheduledTimer, type Scheduler, type TimerHandler, timerJobId } from './scheduler.port';

/** Timers are retried a few times (a database away for a moment), then go to the dead letters. */
const TIMER_ATTEMPTS = 5;
/** Timers fired side by side in one process (each is a few queries). */
const CONCURRENCY = 16;

/**
 * The Scheduler on the JobQueue port, so it has the queue's two implementations: on Redis a timer
 * is a BullMQ delayed job and a repeating duty a BullMQ job scheduler; embedded, both are rows of
 * `jobs` that MemoryJobQueue wakes for at their `run_at`. Either way they survive restarts.
 */
export class QueueScheduler implements Scheduler {
  private readonly handlers = new Map<string, TimerHandler>();
  private readonly duties = new Map<string, () => Promise<unknown>>();
  private processing = false;

  constructor(
    private readonly queue: JobQueue,
    private readonly warn: (what: string, err: unknown) => void = () => undefined,
  ) {}

  get kind(): JobQueue['kind'] {
    return this.queue.kind;
  }

  schedule(topic: string, key: string, at: Date): Promise<void> {
    return this.scheduleMany(topic, [{ key, at }]);
  }

  scheduleMany(topic: string, timers: ScheduledTimer[]): Promise<void> {
    const now = Date.now();
    return this.queue.addMany(
      SCHEDULER_QUEUE,
      timers.map(({ key, at }) => ({
        name: topic,
        data: { key, at: at.getTime() },
        opts: { jobId: timerJobId(topic, key, at), delayMs: Math.max(0, at.getTime() - now), attempts: TIMER_ATTEMPTS, backoffMs: 1000 },
      })),
    );
  }

  cancel(topic: string, key: string, at: Date): Promise<void> {
    return this.queue.remove(SCHEDULER_QUEUE, timerJobId(topic, key, at));
  }

  async reschedule(topic: string, key: string, at: Date | null, previous: Date | null): Promise<void> {
    if (at && previous && at.getTime() === previous.getTime()) return this.schedule(topic, key, at);
    if (at) await this.schedule(topic, key, at);
    if (previous) await this.cancel(topic, key, previous);
  }

  handle(topic: string, handler: TimerHandler): void {
    this.handlers.set(topic, handler);
    this.startProcessing();
  }

  async every(topic: string, everyMs: number, handler: () => Promise<unknown>): Promise<void> {
    this.duties.set(topic, handler);
    this.startProcessing();
    await this.queue.repeat(SCHEDULER_QUEUE, topic, everyMs);
  }

  /** One processor for every topic: a BullMQ worker per queue, whichever capability registers first. */
  private startProcessing(): void {
    if (this.processing) return;
    this.processing = true;
    this.queue.process(SCHEDULER_QUEUE, (job) => this.run(job.name, job.data), { concurrency: CONCURRENCY });
  }

  private async run(topic: string, data: Record<string, unknown>): Promise<void> {
    const duty = this.duties.get(topic);
    if (duty) {
      // A repeating duty's round that fails is not retried (the next round comes anyway).
      await duty().catch((err) => this.warn(`${topic} round failed`, err));
      return;
    }
    const handler = this.handlers.get(topic);
    // A round of a duty this process does not run (yet, at boot): the next round comes anyway.
    if (!handler && data.key === undefined) return;
    // A timer whose handler registers a moment later at boot: the retry finds it.
    if (!handler) throw new Error(`No handler for ${topic} timers in this process yet`);
    await handler({ key: String(data.key), at: new Date(Number(data.at)) });
  }
}

const schedulers = new WeakMap<JobQueue, QueueScheduler>();

/** The process's one scheduler on its queue: every module asking gets the same, so one processor serves all topics. */
export function schedulerOn(queue: JobQueue, warn?: (what: string, err: unknown) => void): Scheduler {
  let s = schedulers.get(queue);
  if (!s) schedulers.set(queue, (s = new QueueScheduler(queue, warn)));
  return s;
}

/** The Nest provider of SCHEDULER (the token of this port) on the app's JOB_QUEUE. */
export const schedulerProvider = {
  provide: SCHEDULER,
  useFactory: (queue: JobQueue) => schedulerOn(queue, (what, err) => process.stderr.write(`parley scheduler: ${what}: ${String((err as Error)?.message ?? err)}\n`)),
  inject: [JOB_QUEUE],
};
