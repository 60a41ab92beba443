import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SLA_TIMER_TOPIC } from '@parley/domain';
import { SCHEDULER, type Scheduler } from '@parley/queue';
import { SLA_REPOSITORY, type SlaRepository } from './ports/sla.repository';
import { SlaService } from './sla.service';

export { SLA_TIMER_TOPIC };
const SWEEP_TOPIC = 'sla-sweep';
/**
 * The safety net: every minute, the rows due within two minutes are scheduled again (a no-op for
 * those already scheduled: same job id). It schedules what SlaService did not: rows from before
 * the scheduler (the upgrade), rows written elsewhere (routing's overflow timer), a schedule lost
 * with Redis. A row due two minutes or more after it was written still fires to the second.
 */
const SWEEP_EVERY_MS = 60_000;
const SWEEP_HORIZON_MS = 120_000;
const PAGE = 1000;

/**
 * Fires SLA deadlines to the second through the Scheduler port: SlaService arms, moves and disarms a
 * row's timer as its next_fire_at changes (onArmed), and a firing calls SlaService.fire, whose
 * version check lets one caller act however many times a timer is delivered. Only processes with
 * the worker role fire; any process may schedule.
 */
@Injectable()
export class SlaScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SlaScheduler.name);
  private readonly firing = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    @Inject(SLA_REPOSITORY) private readonly repo: SlaRepository,
    private readonly sla: SlaService,
    @Inject(SCHEDULER) private readonly scheduler: Scheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.handle(SLA_TIMER_TOPIC, ({ key }) => this.fire(key));
    this.scheduler.every(SWEEP_TOPIC, SWEEP_EVERY_MS, () => this.sweep()).catch((err) => this.logger.error(err));
    // At start too: after an upgrade (or a Redis that lost its data) overdue rows fire at once.
    void this.sweep().catch((err) => this.logger.error(err));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    // Firings in progress finish before the socket adapter closes; the rest wait in the queue.
    await Promise.allSettled([...this.firing]);
  }

  /** Schedules every row due within the horizon (overdue ones at once); returns how many. */
  async sweep(horizonMs = SWEEP_HORIZON_MS): Promise<number> {
    const horizon = new Date(Date.now() + horizonMs);
    let n = 0;
    let after: { at: Date; id: string } | null = null;
    while (!this.stopped) {
      const rows = await this.repo.dueWithin(horizon, after, PAGE);
      if (!rows.length) break;
      await this.scheduler.scheduleMany(SLA_TIMER_TOPIC, rows.map((r) => ({ key: r.id, at: r.nextFireAt })));
      n += rows.length;
      if (rows.length < PAGE) break;
      const last = rows[rows.length - 1];
      after = { at: last.nextFireAt, id: last.id };
    }
    return n;
  }

  private async fire(timerId: string): Promise<void> {
    if (this.stopped) throw new Error('shutting down; the timer fires again');
    const run = this.sla.fire(timerId);
    this.firing.add(run);
    try {
      await run;
    } finally {
      this.firing.delete(run);
    }
  }
}

/**
 * In every process (api nodes recompute deadlines too): schedules a row's timer as SlaService moves
 * its next_fire_at. A schedule that fails (Redis away) is picked up by the sweep.
 */
@Injectable()
export class SlaTimerArming {
  private readonly logger = new Logger('sla-timers');

  constructor(sla: SlaService, @Inject(SCHEDULER) scheduler: Scheduler) {
    sla.onArmed = (timerId, at, previous) =>
      void scheduler.reschedule(SLA_TIMER_TOPIC, timerId, at, previous).catch((err) => this.logger.warn({ timerId, error: String(err?.message ?? err) }, 'SLA timer not scheduled; the sweep schedules it'));
  }
}
