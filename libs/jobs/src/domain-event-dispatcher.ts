import { Inject, Injectable, Logger } from '@nestjs/common';
import { DispatchFacts, DomainEventListeners, dependentsOf, type DomainEvent } from '@parley/domain';
import { FOLLOW_UP_QUEUE, domainEventsJobOf, type DomainEventsJob } from '@parley/conversations';
import { JOB_QUEUE, type Job, type JobQueue } from '@parley/queue';

export const LISTENER_RETRY_ATTEMPTS = 5;

/**
 * Hands each published event to every listener registered for its type, in dispatch order (a
 * listener after those it names in `after`), sharing what they learn through `DispatchFacts`.
 *
 * Failures: a listener that throws does not stop the others. It is retried alone in its own job
 * on the same queue (`<job id>-<listener>`, the queue's attempts and backoff, a dead letter naming
 * it when they run out), together with the listeners declared after it, which are skipped here
 * because they read its work. A retry job that fails is retried whole; listeners are idempotent.
 */
@Injectable()
export class DomainEventDispatcher {
  private readonly logger = new Logger('domain-events');

  constructor(
    private readonly listeners: DomainEventListeners,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  async dispatchJob(job: Job): Promise<void> {
    const { events, listeners: only } = domainEventsJobOf(job.data);
    if (only) {
      // A retry: a failure is this job's, retried by the queue.
      const failed = await this.dispatch(events, only);
      if (failed.length) throw new Error(`listener ${failed.map((f) => `${f.name}: ${f.error}`).join('; ')}`);
      return;
    }
    const failed = await this.dispatch(events);
    for (const { name, skipped } of failed) {
      const retry: DomainEventsJob = { events, listeners: [name, ...skipped] };
      await this.queue.add(FOLLOW_UP_QUEUE, `retry:${name}`, retry as unknown as Record<string, unknown>, {
        jobId: `${job.id}-${name}`, attempts: LISTENER_RETRY_ATTEMPTS, backoffMs: 500,
      });
    }
  }

  /**
   * Runs the listeners (all, or those named in `only`) on `events`; returns the ones that failed,
   * each with the listeners it held back.
   */
  async dispatch(events: DomainEvent[], only?: string[]): Promise<{ name: string; error: string; skipped: string[] }[]> {
    const ordered = this.listeners.ordered();
    const facts = new DispatchFacts();
    const failed: { name: string; error: string; skipped: string[] }[] = [];
    const held = new Set<string>();
    for (const listener of ordered) {
      if (only && !only.includes(listener.name)) continue;
      if (held.has(listener.name)) continue;
      const mine = events.filter((e) => listener.listensTo.includes(e.type));
      if (mine.length === 0) continue;
      try {
        await listener.handle(mine, facts);
      } catch (err) {
        const skipped = dependentsOf(ordered, listener.name).filter((n) => !held.has(n) && (!only || only.includes(n)));
        skipped.forEach((n) => held.add(n));
        this.logger.error(`${listener.name} on ${mine[0].type} (${mine[0].conversationId}): ${err}${skipped.length ? `; held back: ${skipped.join(', ')}` : ''}`);
        failed.push({ name: listener.name, error: String(err), skipped });
      }
    }
    return failed;
  }
}
