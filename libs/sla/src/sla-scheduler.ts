import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { SlaTimerEntity } from '@parley/persistence';
import { SlaService } from './sla.service';

/** How far ahead each scan arms timers; a deadline set closer than this is armed by SlaService.onArmed. */
const LOOKAHEAD_MS = 5_000;
const SCAN_EVERY_MS = 1_000;
const BATCH = 5_000;
const CONCURRENCY = 16;

/**
 * Fires SLA deadlines to the second. The table is the source of truth: every second the worker
 * reads the deadlines due within the next few seconds and arms an in-process timer for each, so a
 * restart loses nothing (overdue rows fire at the first scan) and several workers may arm the same
 * row: the version check in SlaService.fire lets one of them act.
 */
@Injectable()
export class SlaScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SlaScheduler.name);
  private readonly armed = new Map<string, { at: number; handle: NodeJS.Timeout }>();
  private readonly ready: string[] = [];
  private running = 0;
  private readonly firing = new Set<Promise<unknown>>();
  private interval: NodeJS.Timeout | null = null;
  private scanning = false;
  private stopped = false;

  constructor(private readonly db: DataSource, private readonly sla: SlaService) {}

  onApplicationBootstrap(): void {
    this.sla.onArmed = (at) => {
      if (at.getTime() - Date.now() < LOOKAHEAD_MS) void this.scan();
    };
    this.interval = setInterval(() => void this.scan(), SCAN_EVERY_MS);
    this.interval.unref();
    void this.scan();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.interval) clearInterval(this.interval);
    for (const { handle } of this.armed.values()) clearTimeout(handle);
    this.armed.clear();
    // Firings in progress finish before the socket adapter closes; unfired rows wait in the table.
    await Promise.allSettled([...this.firing]);
  }

  /** Arms every deadline due within the lookahead. */
  async scan(): Promise<number> {
    if (this.scanning || this.stopped) return 0;
    this.scanning = true;
    try {
      const horizon = new Date(Date.now() + LOOKAHEAD_MS);
      const due = await this.db.getRepository(SlaTimerEntity).find({
        select: { id: true, nextFireAt: true },
        where: { nextFireAt: LessThanOrEqual(horizon) },
        order: { nextFireAt: 'ASC' },
        take: BATCH,
      });
      for (const row of due) this.arm(row.id, row.nextFireAt!.getTime());
      return due.length;
    } catch (err) {
      if (!this.stopped) this.logger.error(err);
      return 0;
    } finally {
      this.scanning = false;
    }
  }

  private arm(id: string, at: number): void {
    const current = this.armed.get(id);
    if (current?.at === at) return;
    if (current) clearTimeout(current.handle);
    const handle = setTimeout(() => {
      this.armed.delete(id);
      this.ready.push(id);
      this.drain();
    }, Math.max(0, at - Date.now()));
    this.armed.set(id, { at, handle });
  }

  private drain(): void {
    while (this.running < CONCURRENCY && this.ready.length && !this.stopped) {
      const id = this.ready.shift()!;
      this.running++;
      const run: Promise<unknown> = this.sla
        .fire(id)
        .catch((err) => this.logger.error(err))
        .finally(() => {
          this.running--;
          this.firing.delete(run);
          this.drain();
        });
      this.firing.add(run);
    }
  }
}

