import type { SlaTimerEntity } from '@parley/persistence';
import type { ScheduledTimer, Scheduler } from '@parley/queue';
import { SLA_TIMER_TOPIC, SlaScheduler } from './sla-scheduler';
import type { SlaService } from './sla.service';
import { InMemorySlaRepository } from './testing/in-memory-sla.repository';

const inMinutes = (n: number) => new Date(Date.now() + n * 60_000);

function wire() {
  const repo = new InMemorySlaRepository();
  const scheduled: ScheduledTimer[] = [];
  const scheduler = { scheduleMany: async (topic: string, timers: ScheduledTimer[]) => void (topic === SLA_TIMER_TOPIC && scheduled.push(...timers)) } as unknown as Scheduler;
  const add = (id: string, nextFireAt: Date | null) => repo.timerRows.set(id, { id, conversationId: `c-${id}`, metric: 'first_response', nextFireAt } as SlaTimerEntity);
  return { sweeper: new SlaScheduler(repo, {} as SlaService, scheduler), scheduled, add };
}

describe('SlaScheduler.sweep', () => {
  it('schedules the timers due within the horizon, overdue ones included, and leaves later and disarmed ones', async () => {
    const { sweeper, scheduled, add } = wire();
    add('overdue', inMinutes(-5));
    add('soon', inMinutes(1));
    add('later', inMinutes(30));
    add('disarmed', null);
    expect(await sweeper.sweep()).toBe(2);
    expect(scheduled.map((t) => t.key)).toEqual(['overdue', 'soon']);
  });

  it('pages past a thousand timers due at the same moment without losing or repeating one', async () => {
    const { sweeper, scheduled, add } = wire();
    const at = inMinutes(1);
    for (let i = 0; i < 1500; i++) add(`t-${String(i).padStart(4, '0')}`, at);
    add('earlier', inMinutes(-1));
    expect(await sweeper.sweep()).toBe(1501);
    expect(new Set(scheduled.map((t) => t.key)).size).toBe(1501);
    expect(scheduled[0]).toEqual({ key: 'earlier', at: expect.any(Date) });
    expect(scheduled[1500].key).toBe('t-1499');
  });
});
