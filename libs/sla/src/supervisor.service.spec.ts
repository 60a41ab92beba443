import type { RealtimePublisher } from '@parley/channels-core';
import type { AgentDto } from '@parley/contracts';
import type { ConversationEntity, ConversationRoutingEntity, CustomerEntity, SlaTimerEntity, TeamEntity } from '@parley/persistence';
import type { TeamsService } from '@parley/routing';
import type { SlaService } from './sla.service';
import { SupervisorService } from './supervisor.service';
import { InMemorySupervisorRepository } from './testing/in-memory-supervisor.repository';
import { InMemoryXlaRepository } from './testing/in-memory-xla.repository';
import { XlaService } from './xla.service';

const now = new Date('2026-12-06T12:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

function setup() {
  const repo = new InMemorySupervisorRepository();
  const xlaRepo = new InMemoryXlaRepository();
  const clock = { now: () => now };
  const xla = new XlaService(xlaRepo, {} as SlaService, { toAgents: () => undefined } as unknown as RealtimePublisher, clock);
  const agents: Partial<AgentDto>[] = [];
  const teams = { agents: async () => agents.map((a) => ({ ...a })) } as unknown as TeamsService;
  const supervisor = new SupervisorService(repo, teams, xla, clock);
  const team = (id: string, name: string) => repo.teamRows.push({ id, name } as TeamEntity);
  const customer = (id: string, name: string | null) => repo.customers.set(id, { id, name, email: null, phone: null } as CustomerEntity);
  const conversation = (id: string, extra: Partial<ConversationEntity> = {}) => repo.conversations.set(id, {
    id, customerId: 'cust-anna', channel: 'telegram', status: 'open', priority: 'normal', teamId: null, assigneeId: null, lastInboundAt: null, createdAt: at(-60), ...extra,
  } as ConversationEntity);
  const queued = (conversationId: string, queuedAt: Date | null, sentiment: ConversationRoutingEntity['sentiment'] = null, updatedAt = now) =>
    repo.routing.set(conversationId, { conversationId, queuedAt, sentiment, updatedAt } as ConversationRoutingEntity);
  const timer = (conversationId: string, t: Partial<SlaTimerEntity>) =>
    repo.timers.push({ id: `t-${repo.timers.length}`, conversationId, metric: 'first_response', state: 'running', warned: false, dueAt: null, breachedAt: null, metAt: null, ...t } as SlaTimerEntity);
  customer('cust-anna', 'Анна Смирнова');
  return { repo, xlaRepo, xla, supervisor, agents, team, customer, conversation, queued, timer };
}

describe('SupervisorService.queue', () => {
  it('counts the waiting work of every team and lists it longest-waiting first', async () => {
    const { supervisor, repo, team, conversation, queued } = setup();
    team('t-support', 'Поддержка');
    team('t-billing', 'Биллинг');
    repo.members.push({ teamId: 't-support', agentId: 'a-1' } as never, { teamId: 't-support', agentId: 'a-2' } as never);
    repo.ruleTeams.push('t-support');
    conversation('c-recent', { teamId: 't-support', createdAt: at(-90) });
    queued('c-recent', at(-5));
    conversation('c-old', { teamId: 't-support', createdAt: at(-30) });
    conversation('c-assigned', { teamId: 't-support', assigneeId: 'a-1' });
    conversation('c-loose', { createdAt: at(-10) });
    const q = await supervisor.queue();
    expect(q.waiting).toBe(3);
    expect(q.longestWaitSince).toBe(at(-30).toISOString());
    expect(q.teams.map((t) => t.name)).toEqual(['Биллинг', 'Поддержка']);
    expect(q.teams[1]).toMatchObject({ teamId: 't-support', waiting: 2, longestWaitSince: at(-30).toISOString(), memberCount: 2, hasRoutingRule: true });
    expect(q.teams[1].conversations.map((c) => c.conversationId)).toEqual(['c-old', 'c-recent']);
    expect(q.teams[1].conversations[0]).toMatchObject({ customerName: 'Анна Смирнова', channel: 'telegram', waitingSince: at(-30).toISOString() });
    expect(q.teams[0]).toMatchObject({ waiting: 0, longestWaitSince: null, conversations: [], memberCount: 0, hasRoutingRule: false });
    expect(q.noTeam).toMatchObject({ waiting: 1, conversations: [{ conversationId: 'c-loose' }] });
  });

  it('counts the waiting conversations of a deleted team as team-less', async () => {
    const { supervisor, conversation } = setup();
    conversation('c-orphan', { teamId: 't-deleted', createdAt: at(-20) });
    conversation('c-loose', { createdAt: at(-10) });
    const q = await supervisor.queue();
    expect(q.teams).toEqual([]);
    expect(q.noTeam.waiting).toBe(2);
    expect(q.noTeam.conversations.map((c) => c.conversationId)).toEqual(['c-orphan', 'c-loose']);
  });

  it('shows each team its CSAT over the last 30 days next to its target', async () => {
    const { supervisor, xla, xlaRepo, team } = setup();
    team('t-support', 'Поддержка');
    xlaRepo.teams.add('t-support');
    await xla.savePolicy({ csatTargetPercent: 90 });
    xlaRepo.events.push(
      { id: 'x1', conversationId: 'c-1', teamId: 't-support', kind: 'csat', value: 1, breached: false, occurredAt: at(-60) },
      { id: 'x2', conversationId: 'c-2', teamId: 't-support', kind: 'csat', value: 0, breached: false, occurredAt: at(-120) },
    );
    const q = await supervisor.queue();
    expect(q.teams[0]).toMatchObject({ csatPercent: 50, csatTargetPercent: 90 });
  });

  it('lists deadlines at risk, missed ones and unhappy customers, leaving resolved conversations and overflow timers out', async () => {
    const { supervisor, conversation, queued, timer, customer } = setup();
    customer('cust-boris', null);
    conversation('c-risk', { assigneeId: 'a-1' });
    timer('c-risk', { warned: true, dueAt: at(5) });
    timer('c-risk', { metric: 'resolution', dueAt: at(120) });
    conversation('c-late', { assigneeId: 'a-1', customerId: 'cust-boris' });
    timer('c-late', { state: 'breached', dueAt: at(-15), breachedAt: at(-15) });
    conversation('c-overflow', { assigneeId: 'a-1' });
    timer('c-overflow', { metric: 'overflow' as never, warned: true, dueAt: at(1) });
    conversation('c-done', { status: 'resolved', assigneeId: 'a-1' });
    timer('c-done', { state: 'breached', breachedAt: at(-30) });
    queued('c-done', null, 'negative');
    queued('c-late', null, 'negative', at(-1));
    queued('c-risk', null, 'negative', at(-2));
    const q = await supervisor.queue();
    expect(q.atRisk.map((r) => r.conversationId)).toEqual(['c-risk']);
    expect(q.atRisk[0]).toMatchObject({ nextDueAt: at(5).toISOString(), missedDueAt: null, breached: false, sentiment: 'negative' });
    expect(q.breached).toEqual([expect.objectContaining({ conversationId: 'c-late', customerName: null, missedDueAt: at(-15).toISOString(), breached: true })]);
    expect(q.negative.map((r) => r.conversationId)).toEqual(['c-late', 'c-risk']);
    expect(q.generatedAt).toBe(now.toISOString());
  });

  it('lists online agents first, each group by name', async () => {
    const { supervisor, agents } = setup();
    agents.push({ name: 'Ольга', status: 'offline' }, { name: 'Пётр', status: 'online' }, { name: 'Анна', status: 'online' });
    expect((await supervisor.queue()).agents.map((a) => a.name)).toEqual(['Анна', 'Пётр', 'Ольга']);
  });
});

describe('SupervisorService.dueOrder', () => {
  function withDeadlines() {
    const s = setup();
    s.conversation('c-missed', { assigneeId: 'a-1', teamId: 't-support' });
    s.timer('c-missed', { state: 'breached', dueAt: null, breachedAt: at(-10) });
    s.conversation('c-soon', { assigneeId: 'a-1', teamId: 't-billing' });
    s.timer('c-soon', { dueAt: at(5), warned: true });
    s.timer('c-soon', { metric: 'resolution', dueAt: at(60) });
    s.conversation('c-later');
    s.timer('c-later', { dueAt: at(30) });
    s.conversation('c-paused', { status: 'pending' });
    s.timer('c-paused', { state: 'breached', breachedAt: at(-20) });
    s.conversation('c-resolved', { status: 'resolved' });
    s.timer('c-resolved', { dueAt: at(1) });
    return s;
  }

  it('orders by the soonest deadline, missed ones first, leaving resolved and paused-breach conversations out', async () => {
    const { supervisor } = withDeadlines();
    expect(await supervisor.dueOrder({ limit: 10 })).toEqual(['c-missed', 'c-soon', 'c-later']);
    expect(await supervisor.dueOrder({ limit: 2 })).toEqual(['c-missed', 'c-soon']);
  });

  it('narrows to an assignee, the unassigned, a team, or what is at risk', async () => {
    const { supervisor } = withDeadlines();
    expect(await supervisor.dueOrder({ assigneeId: 'a-1', limit: 10 })).toEqual(['c-missed', 'c-soon']);
    expect(await supervisor.dueOrder({ assigneeId: null, limit: 10 })).toEqual(['c-later']);
    expect(await supervisor.dueOrder({ teamId: 't-billing', limit: 10 })).toEqual(['c-soon']);
    expect(await supervisor.dueOrder({ atRisk: true, limit: 10 })).toEqual(['c-missed', 'c-soon']);
  });
});
