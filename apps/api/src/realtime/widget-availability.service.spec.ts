import type { RoutingRuleEntity, SlaPolicyEntity, TeamEntity } from '@parley/persistence';
import { InMemoryWidgetAvailabilityRepository } from './testing/in-memory-widget-availability.repository';
import { WidgetAvailabilityService } from './widget-availability.service';

const SITE = '0190b7a4-aaaa-7000-8000-00000000000a';
const SHOP = '0190b7a4-bbbb-7000-8000-00000000000b';
const rule = (fields: Partial<RoutingRuleEntity>) =>
  ({ id: `rule-${fields.position}`, inboxId: null, language: null, keywords: [], createdAt: new Date('2026-01-01T00:00:00Z'), ...fields }) as RoutingRuleEntity;
const policy = (id: string, minutes: number, isDefault = false) =>
  ({ id, isDefault, calendarId: null, targets: { normal: { firstResponseSeconds: minutes * 60 } } }) as unknown as SlaPolicyEntity;

function setup() {
  const repo = new InMemoryWidgetAvailabilityRepository();
  repo.teams.set('sales', { id: 'sales', name: 'Продажи', slaPolicyId: 'fast' } as TeamEntity);
  repo.teams.set('support', { id: 'support', name: 'Поддержка', slaPolicyId: null } as TeamEntity);
  repo.policies.set('fast', policy('fast', 5));
  repo.policies.set('default', policy('default', 30, true));
  repo.members.push({ teamId: 'sales', agentId: 'olga' }, { teamId: 'support', agentId: 'boris' });
  repo.rules.push(rule({ position: 2, teamId: 'support' }), rule({ position: 1, teamId: 'sales', inboxId: SHOP }));
  return { repo, service: new WidgetAvailabilityService(repo) };
}

describe('the widget header\'s availability', () => {
  it('answers for the team the inbox\'s rule routes to, with its SLA policy\'s first-response target', async () => {
    const { repo, service } = setup();
    repo.online.add('olga');
    expect(await service.forInbox(SHOP)).toEqual({ state: 'online', expectedReplyMinutes: 5 });
    expect(await service.forInbox(SITE)).toMatchObject({ state: 'offline', expectedReplyMinutes: 30 });
  });

  it('counts only the members of that team as online', async () => {
    const { repo, service } = setup();
    repo.online.add('boris');
    expect(await service.forInbox(SHOP)).toMatchObject({ state: 'offline' });
    expect(await service.forInbox(SITE)).toMatchObject({ state: 'online' });
  });

  it('counts every agent online when no rule routes the inbox', async () => {
    const { repo, service } = setup();
    repo.rules = [rule({ position: 1, teamId: 'sales', inboxId: SHOP })];
    repo.online.add('boris');
    expect(await service.forInbox(SITE)).toEqual({ state: 'online', expectedReplyMinutes: 30 });
  });
});
