import { BadRequestException, NotFoundException } from '@nestjs/common';
import { SlaPoliciesService } from './sla-policies.service';
import { InMemorySlaPoliciesRepository } from './testing/in-memory-sla-policies.repository';

const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' }));
const firstHour = { firstResponseSeconds: 3600 };

function setup() {
  const repo = new InMemorySlaPoliciesRepository();
  return { repo, policies: new SlaPoliciesService(repo) };
}

describe('SlaPoliciesService: business calendars', () => {
  it('creates a calendar with its holidays sorted and deduplicated, and lists calendars by name', async () => {
    const { policies } = setup();
    await policies.saveCalendar(null, { name: 'Новосибирск', timeZone: 'Asia/Novosibirsk', hours: weekdays });
    const moscow = await policies.saveCalendar(null, { name: '  Москва, будни  ', timeZone: 'Europe/Moscow', hours: weekdays, holidays: ['2027-01-07', '2027-01-01', '2027-01-07'] });
    expect(moscow).toMatchObject({ name: 'Москва, будни', holidays: ['2027-01-01', '2027-01-07'] });
    expect((await policies.calendars()).map((c) => c.name)).toEqual(['Москва, будни', 'Новосибирск']);
  });

  it('changes only what the edit names and keeps the creation time', async () => {
    const { policies } = setup();
    const created = await policies.saveCalendar(null, { name: 'Москва', timeZone: 'Europe/Moscow', hours: weekdays });
    const edited = await policies.saveCalendar(created.id, { holidays: ['2027-03-08'] });
    expect(edited).toMatchObject({ id: created.id, name: 'Москва', timeZone: 'Europe/Moscow', hours: weekdays, holidays: ['2027-03-08'], createdAt: created.createdAt });
    expect(await policies.calendar(created.id)).toEqual(edited);
  });

  it('refuses a calendar without a name or with an impossible schedule, saying why', async () => {
    const { policies, repo } = setup();
    await expect(policies.saveCalendar(null, { name: ' ', timeZone: 'Europe/Moscow', hours: weekdays })).rejects.toThrow('name is required');
    await expect(policies.saveCalendar(null, { name: 'Марс', timeZone: 'Mars/Olympus', hours: weekdays })).rejects.toThrow(/unknown time zone/);
    await expect(policies.saveCalendar(null, { name: 'Никогда', timeZone: 'UTC', hours: [] })).rejects.toThrow(BadRequestException);
    expect(repo.calendarRows.size).toBe(0);
  });

  it('answers 404 for an unknown calendar and keeps one a policy still uses', async () => {
    const { policies } = setup();
    await expect(policies.calendar('missing')).rejects.toThrow(NotFoundException);
    const calendar = await policies.saveCalendar(null, { name: 'Москва', timeZone: 'Europe/Moscow', hours: weekdays });
    const policy = await policies.savePolicy(null, { name: 'Рабочие часы', calendarId: calendar.id, targets: { normal: firstHour } });
    await expect(policies.removeCalendar(calendar.id)).rejects.toThrow('The calendar is used by an SLA policy');
    await policies.removePolicy(policy.id);
    await policies.removeCalendar(calendar.id);
    expect(await policies.calendars()).toEqual([]);
  });
});

describe('SlaPoliciesService: SLA policies', () => {
  it('fills a new policy with defaults: warn at 80 %, supervisors notified, no target where none is given', async () => {
    const { policies } = setup();
    const p = await policies.savePolicy(null, { name: 'Стандарт', targets: { urgent: { firstResponseSeconds: 300 } } });
    expect(p).toMatchObject({ warnAtPercent: 80, isDefault: false, calendarId: null, escalation: { warning: ['notify_supervisors'], breach: ['notify_supervisors'] } });
    expect(p.targets.urgent).toEqual({ firstResponseSeconds: 300, nextResponseSeconds: null, resolutionSeconds: null });
    expect(p.targets.low).toEqual({ firstResponseSeconds: null, nextResponseSeconds: null, resolutionSeconds: null });
    expect((await policies.policies()).map((d) => d.name)).toEqual(['Стандарт']);
  });

  it('keeps the targets an edit does not name, and clears one set to null', async () => {
    const { policies } = setup();
    const p = await policies.savePolicy(null, { name: 'Стандарт', targets: { normal: { firstResponseSeconds: 600, resolutionSeconds: 86_400 } } });
    const edited = await policies.savePolicy(p.id, { targets: { normal: { resolutionSeconds: null }, high: firstHour } });
    expect(edited.targets.normal).toEqual({ firstResponseSeconds: 600, nextResponseSeconds: null, resolutionSeconds: null });
    expect(edited.targets.high.firstResponseSeconds).toBe(3600);
    expect(edited.createdAt).toEqual(p.createdAt);
  });

  it('keeps one default policy: a new default takes the flag from the old one', async () => {
    const { policies } = setup();
    const old = await policies.savePolicy(null, { name: 'Стандарт', targets: { normal: firstHour }, isDefault: true });
    const next = await policies.savePolicy(null, { name: 'Премиум', targets: { normal: { firstResponseSeconds: 300 } }, isDefault: true });
    expect((await policies.policy(old.id)).isDefault).toBe(false);
    expect((await policies.policies()).filter((d) => d.isDefault).map((d) => d.id)).toEqual([next.id]);
  });

  it('refuses what cannot be a policy, each with its reason, and stores nothing', async () => {
    const { policies, repo } = setup();
    const cases: [Parameters<SlaPoliciesService['savePolicy']>[1], string | RegExp][] = [
      [{ name: '', targets: { normal: firstHour } }, 'name is required'],
      [{ name: 'Без целей' }, 'The policy sets no target'],
      [{ name: 'Ноль', targets: { normal: { firstResponseSeconds: 0 } } }, /normal.firstResponseSeconds must be a positive whole number/],
      [{ name: 'Два года', targets: { normal: { resolutionSeconds: 2 * 366 * 86_400 } } }, /up to a year/],
      [{ name: 'Опечатка', targets: { normall: firstHour } as never }, 'Unknown priority normall'],
      [{ name: 'Чужая цель', targets: { normal: { replySeconds: 60 } } as never }, 'Unknown target replySeconds'],
      [{ name: 'Предупреждение', targets: { normal: firstHour }, warnAtPercent: 100 }, 'warnAtPercent must be an integer 1…99'],
      [{ name: 'Фаза', targets: { normal: firstHour }, escalation: { overdue: [] } as never }, 'escalation phases are warning and breach, got overdue'],
      [{ name: 'Действие', targets: { normal: firstHour }, escalation: { breach: ['call_director'] } as never }, 'Unknown escalation action call_director'],
      [{ name: 'Календарь', targets: { normal: firstHour }, calendarId: 'no-such-calendar' }, 'Unknown calendar no-such-calendar'],
    ];
    for (const [input, reason] of cases) await expect(policies.savePolicy(null, input)).rejects.toThrow(reason);
    expect(repo.policyRows.size).toBe(0);
  });

  it('removes a policy and puts its teams back on the default one', async () => {
    const { policies, repo } = setup();
    const p = await policies.savePolicy(null, { name: 'VIP', targets: { urgent: { firstResponseSeconds: 120 } }, escalation: { breach: ['reassign', 'reassign'] } });
    expect(p.escalation.breach).toEqual(['reassign']);
    repo.teamPolicies.set('team-vip', p.id);
    repo.teamPolicies.set('team-support', null);
    await policies.removePolicy(p.id);
    expect(repo.policyRows.size).toBe(0);
    expect(repo.teamPolicies.get('team-vip')).toBeNull();
    await expect(policies.removePolicy(p.id)).rejects.toThrow(NotFoundException);
  });
});
