import type { Job, JobHandler, JobOptions, JobQueue, NewJob } from './job-queue.port';
import { QueueScheduler, schedulerOn } from './queue-scheduler';
import { SCHEDULER_QUEUE } from './scheduler.port';

interface Row {
  id: string;
  queue: string;
  name: string;
  data: Record<string, unknown>;
  runAt: number;
  opts: JobOptions;
}

/** The embedded queue's store in memory, on the fake clock: rows with a run_at, ids unique. */
class FakeStore implements JobQueue {
  readonly kind = 'memory' as const;
  readonly rows = new Map<string, Row>();
  readonly handlers = new Map<string, JobHandler>();
  readonly repeats: { queue: string; name: string; everyMs: number }[] = [];
  private seq = 0;

  add(queue: string, name: string, data: Record<string, unknown>, opts?: JobOptions): Promise<void> {
    return this.addMany(queue, [{ name, data, opts }]);
  }
  async addMany(queue: string, jobs: NewJob[]): Promise<void> {
    for (const { name, data, opts = {} } of jobs) {
      const id = opts.jobId ?? `job-${++this.seq}`;
      if (!this.rows.has(id)) this.rows.set(id, { id, queue, name, data, runAt: Date.now() + (opts.delayMs ?? 0), opts });
    }
  }
  process(queue: string, handler: JobHandler): void {
    if (this.handlers.has(queue)) throw new Error(`a second processor for ${queue}`);
    this.handlers.set(queue, handler);
  }
  async repeat(queue: string, name: string, everyMs: number): Promise<void> {
    this.repeats.push({ queue, name, everyMs });
  }
  async remove(queue: string, jobId: string): Promise<void> {
    if (this.rows.get(jobId)?.queue === queue) this.rows.delete(jobId);
  }
  async deadLetters(): Promise<[]> {
    return [];
  }
  async replay(): Promise<never> {
    throw new Error('none');
  }
  async close(): Promise<void> {}

  /** Runs what is due now, earliest first, as the pump would; returns the ids that ran. */
  async runDue(): Promise<string[]> {
    const due = [...this.rows.values()].filter((r) => r.runAt <= Date.now()).sort((a, b) => a.runAt - b.runAt);
    for (const row of due) {
      this.rows.delete(row.id);
      const job: Job = { id: row.id, name: row.name, data: row.data, attempt: 1, replayed: false };
      await this.handlers.get(row.queue)!(job);
    }
    return due.map((r) => r.id);
  }
}

const T0 = Date.parse('2026-12-07T09:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

describe('QueueScheduler on the embedded store', () => {
  let store: FakeStore;
  let scheduler: QueueScheduler;
  let fired: { key: string; at: number }[];

  beforeEach(() => {
    jest.useFakeTimers({ now: T0 });
    store = new FakeStore();
    scheduler = new QueueScheduler(store);
    fired = [];
    scheduler.handle('sla', async ({ key, at: when }) => void fired.push({ key, at: when.getTime() }));
  });
  afterEach(() => jest.useRealTimers());

  it('fires a timer at its second, not before, with its key and moment', async () => {
    await scheduler.schedule('sla', 'timer-1', at(90));
    jest.setSystemTime(at(89.999));
    expect(await store.runDue()).toEqual([]);
    jest.setSystemTime(at(90));
    await store.runDue();
    expect(fired).toEqual([{ key: 'timer-1', at: at(90).getTime() }]);
  });

  it('keeps one timer when the same deadline is scheduled twice (two workers, a sweep after an arm)', async () => {
    await scheduler.schedule('sla', 'timer-1', at(30));
    await scheduler.scheduleMany('sla', [{ key: 'timer-1', at: at(30) }, { key: 'timer-2', at: at(45) }]);
    jest.setSystemTime(at(60));
    await store.runDue();
    expect(fired.map((f) => f.key)).toEqual(['timer-1', 'timer-2']);
  });

  it('moves a timer: the new moment fires, the old one no longer does', async () => {
    await scheduler.schedule('sla', 'timer-1', at(30));
    await scheduler.reschedule('sla', 'timer-1', at(120), at(30));
    jest.setSystemTime(at(60));
    expect(await store.runDue()).toEqual([]);
    jest.setSystemTime(at(120));
    await store.runDue();
    expect(fired).toEqual([{ key: 'timer-1', at: at(120).getTime() }]);
  });

  it('disarms a timer that has nothing left to fire', async () => {
    await scheduler.schedule('sla', 'timer-1', at(30));
    await scheduler.reschedule('sla', 'timer-1', null, at(30));
    await scheduler.cancel('sla', 'never-scheduled', at(10));
    jest.setSystemTime(at(3600));
    expect(await store.runDue()).toEqual([]);
    expect(fired).toEqual([]);
  });

  it('fires a deadline that passed while nothing ran at once', async () => {
    jest.setSystemTime(at(600));
    await scheduler.schedule('sla', 'overdue', at(0));
    await store.runDue();
    expect(fired).toEqual([{ key: 'overdue', at: at(0).getTime() }]);
  });

  it('registers one processor for all topics and one repeat per duty; a failed round is reported, not retried', async () => {
    const warnings: string[] = [];
    const fresh = new FakeStore();
    const t = new QueueScheduler(fresh, (what) => warnings.push(what));
    let rounds = 0;
    await t.every('delivery-sweep', 60_000, async () => {
      rounds++;
      throw new Error('database away');
    });
    t.handle('sla', async () => undefined);
    expect(fresh.repeats).toEqual([{ queue: SCHEDULER_QUEUE, name: 'delivery-sweep', everyMs: 60_000 }]);
    await fresh.add(SCHEDULER_QUEUE, 'delivery-sweep', {});
    await expect(fresh.runDue()).resolves.toHaveLength(1);
    expect(rounds).toBe(1);
    expect(warnings).toEqual(['delivery-sweep round failed']);
    expect(t.kind).toBe('memory');
  });

  it('retries a timer whose handler is not registered yet, and drops a round of a duty this process does not run', async () => {
    const fresh = new FakeStore();
    const t = new QueueScheduler(fresh);
    t.handle('other', async () => undefined);
    await fresh.add(SCHEDULER_QUEUE, 'routing-drain', {});
    await expect(fresh.runDue()).resolves.toHaveLength(1);
    await t.schedule('sla', 'early', at(0));
    await expect(fresh.runDue()).rejects.toThrow('No handler for sla timers');
  });

  it('gives every module of a process the same scheduler on the same queue', () => {
    const fresh = new FakeStore();
    expect(schedulerOn(fresh)).toBe(schedulerOn(fresh));
    expect(schedulerOn(fresh)).not.toBe(schedulerOn(new FakeStore()));
  });
});
