import type { ConversationSlaDto } from '@parley/contracts';
import { describeDue, formatRemaining, parseHours, slaTone } from './sla-countdown-format';

const sla = (over: Partial<ConversationSlaDto>): ConversationSlaDto => ({
  conversationId: 'c', policyId: 'p', timers: [{ metric: 'first_response', state: 'running', dueAt: null, warnAt: null, remainingSeconds: 0, targetSeconds: 60, warned: false, breachedAt: null, metAt: null }],
  nextDueAt: '2026-03-02T10:10:00Z', nextWarnAt: '2026-03-02T10:08:00Z', breached: false, sentiment: null, ...over,
});

describe('SLA countdown', () => {
  it('is green, then amber after the warning share, then red', () => {
    expect(slaTone(sla({}), Date.parse('2026-03-02T10:00:00Z'))).toBe('ok');
    expect(slaTone(sla({}), Date.parse('2026-03-02T10:08:30Z'))).toBe('warning');
    expect(slaTone(sla({}), Date.parse('2026-03-02T10:10:00Z'))).toBe('breached');
    expect(slaTone(sla({ breached: true }), Date.parse('2026-03-02T10:00:00Z'))).toBe('breached');
    expect(slaTone(undefined, 0)).toBe('none');
    expect(slaTone(sla({ nextDueAt: null, timers: [{ ...sla({}).timers[0], state: 'paused' }] }), 0)).toBe('paused');
  });

  it('formats the time left', () => {
    expect(formatRemaining(249_000)).toBe('4m 09s');
    expect(formatRemaining(2 * 3600_000 + 5 * 60_000)).toBe('2h 05m');
    expect(formatRemaining(-90_000)).toBe('-1m 30s');
    expect(formatRemaining(45_400)).toBe('45s');
    expect(formatRemaining(-16_000)).toBe('-16s');
    expect(formatRemaining(-400)).toBe('0s');
    expect(formatRemaining(3 * 86400_000 + 3600_000)).toBe('3d 01h');
    const ru = { d: '\u00a0д', h: '\u00a0ч', m: '\u00a0мин', s: '\u00a0с' };
    expect(formatRemaining(2 * 3600_000 + 5 * 60_000, ru)).toBe('2\u00a0ч 05\u00a0мин');
    expect(formatRemaining(-90_000, ru)).toBe('-1\u00a0мин 30\u00a0с');
  });

  it('reads weekly hours typed one interval per line', () => {
    expect(parseHours('1 09:00-18:00\n5 22:00 - 06:00')).toEqual([{ day: 1, start: '09:00', end: '18:00' }, { day: 5, start: '22:00', end: '06:00' }]);
    expect(parseHours('monday 9-18')).toBeNull();
  });
});

describe('describeDue', () => {
  const ru = { d: ' д', h: ' ч', m: ' мин', s: ' с' };
  it('says how long is left or how long overdue, to the minute', () => {
    expect(describeDue(12 * 60_000 + 30_000, ru)).toEqual({ overdue: false, time: '12 мин' });
    expect(describeDue(-5 * 60_000 - 10_000, ru)).toEqual({ overdue: true, time: '5 мин' });
    expect(describeDue(2 * 3_600_000 + 5 * 60_000, ru)).toEqual({ overdue: false, time: '2 ч 05 мин' });
    expect(describeDue(26 * 3_600_000, ru)).toEqual({ overdue: false, time: '1 д 02 ч' });
    expect(describeDue(-45_000, ru)).toEqual({ overdue: true, time: '45 с' });
  });
});
