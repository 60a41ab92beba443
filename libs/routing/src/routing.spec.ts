import type { RealtimePublisher } from '@parley/channels-core';
import type { ConversationsService, OutboundService } from '@parley/conversations';
import type { RoutingCandidate } from '@parley/domain';
import type { AgentProfileEntity, ConversationEntity, TeamEntity } from '@parley/persistence';
import type { Scheduler } from '@parley/queue';
import { AssignmentService } from './assignment.service';
import { ConversationTransferService } from './conversation-transfer.service';
import { OVERFLOW_METRIC, RoutingDecisionService } from './routing-decision.service';
import type { RoutingCandidatesService } from './routing-candidates.service';
import { RoutingRulesService } from './routing-rules.service';
import type { RoutingSettingsService } from './routing-settings.service';
import { InMemoryRoutingRepository } from './testing/in-memory-routing.repository';

const t0 = new Date('2026-12-01T10:00:00Z');

function setup() {
  const repo = new InMemoryRoutingRepository();
  const team = (id: string, extra: Partial<TeamEntity> = {}) => repo.teams.set(id, {
    id, name: id, strategy: 'round_robin', sticky: false, overflowTeamId: null, overflowAfterMinutes: null, slaPolicyId: null, leadId: null, createdAt: t0, ...extra,
  });
  team('support');
  team('refunds', { overflowTeamId: 'support', overflowAfterMinutes: 15 });
  const agent = (id: string, name: string, teamId: string, extra: Partial<AgentProfileEntity> = {}) => {
    repo.users.set(id, { id, name });
    repo.members.push({ teamId, agentId: id });
    repo.profiles.set(id, { userId: id, status: 'online', autoAway: false, capacity: 2, load: 0, skills: [], lastAssignedAt: null, updatedAt: t0, ...extra });
  };
  agent('anna', 'Анна', 'support', { lastAssignedAt: new Date(t0.getTime() - 60_000) });
  agent('boris', 'Борис', 'support');
  agent('vera', 'Вера', 'refunds', { capacity: 0 });
  repo.inboxes.add('in-1');
  const conversation = (id: string, extra: Partial<ConversationEntity> = {}) => repo.conversations.set(id, {
    id, customerId: `cust-${id}`, inboxId: 'in-1', channel: 'telegram', status: 'open', priority: 'normal', teamId: null, assigneeId: null, lastMessageAt: t0, createdAt: t0, updatedAt: t0, ...extra,
  } as ConversationEntity);
  const events: { event: string; payload: any }[] = [];
  const realtime = { toAgents: (event: string, payload: unknown) => void events.push({ event, payload }) } as unknown as RealtimePublisher;
  const conversations = { toDto: async (c: ConversationEntity) => ({ id: c.id }), get: async (id: string) => ({ id }) } as unknown as ConversationsService;
  const settings = { channelWeights: async () => ({ telegram: 1 }), weightOf: async () => 1 } as unknown as RoutingSettingsService;
  // The team's online members as the candidates cache would read them from the profiles.
  const candidates = {
    candidates: async (teamId: string): Promise<RoutingCandidate[]> => repo.members.filter((m) => m.teamId === teamId).map((m) => repo.profiles.get(m.agentId)!)
      .filter((p) => p.status === 'online')
      .map((p) => ({ id: p.userId, online: true, capacity: p.capacity, load: p.load, skills: p.skills, lastAssignedAt: p.lastAssignedAt?.getTime() ?? null })),
    forgetTeam: () => undefined,
  } as unknown as RoutingCandidatesService;
  const notes: { conversationId: string; content: string; isPrivate: boolean }[] = [];
  const outbound = { reply: async (conversationId: string, _actor: unknown, content: string, isPrivate: boolean) => void notes.push({ conversationId, content, isPrivate }) } as unknown as OutboundService;
  const assignment = new AssignmentService(repo, settings, conversations, realtime);
  const rules = new RoutingRulesService(repo);
  const timers: { topic: string; key: string; at: Date }[] = [];
  const scheduler = { schedule: async (topic: string, key: string, at: Date) => void timers.push({ topic, key, at }) } as unknown as Scheduler;
  const decision = new RoutingDecisionService(repo, assignment, settings, rules, candidates, conversations, realtime, scheduler);
  const transfers = new ConversationTransferService(repo, decision, assignment, conversations, outbound, realtime);
  return { repo, conversation, rules, decision, transfers, assignment, notes, events, timers };
}

describe('routing on an in-memory repository', () => {
  it('sends a conversation to the team its rule names and gives it to the agent waiting longest', async () => {
    const { repo, conversation, rules, decision } = setup();
    await rules.addRule({ teamId: 'support', keywords: ['доставка'] });
    conversation('c-1');
    repo.inbound.push({ conversationId: 'c-1', content: 'Где моя доставка?' });
    expect(await decision.route('c-1')).toEqual({ outcome: 'assigned', agentId: 'boris', teamId: 'support' });
    expect(repo.conversations.get('c-1')).toMatchObject({ teamId: 'support', assigneeId: 'boris' });
    expect(repo.profiles.get('boris')).toMatchObject({ load: 1 });
    expect(repo.timeline).toEqual([expect.objectContaining({ type: 'assigned', title: 'Борис', conversationId: 'c-1' })]);
  });

  it('leaves a conversation no rule matches without a team', async () => {
    const { repo, conversation, rules, decision } = setup();
    await rules.addRule({ teamId: 'support', keywords: ['доставка'] });
    conversation('c-1');
    repo.inbound.push({ conversationId: 'c-1', content: 'Здравствуйте' });
    expect(await decision.route('c-1')).toMatchObject({ outcome: 'no_team' });
    expect(repo.conversations.get('c-1')!.teamId).toBeNull();
  });

  it('queues a conversation nobody has room for and arms the team overflow deadline', async () => {
    const { repo, conversation, decision, timers } = setup();
    conversation('c-1', { teamId: 'refunds' });
    expect(await decision.route('c-1')).toEqual({ outcome: 'queued', teamId: 'refunds' });
    const queuedAt = repo.routingRows.get('c-1')!.queuedAt!;
    expect(queuedAt).toBeInstanceOf(Date);
    const timer = await repo.overflowTimer('c-1');
    expect(timer).toMatchObject({ metric: OVERFLOW_METRIC, policyId: 'refunds', state: 'running', targetSeconds: 900 });
    expect(timer!.dueAt!.getTime()).toBe(queuedAt.getTime() + 15 * 60_000);
    // Scheduled at once (to the second), under the SLA timers' topic whose handler fires overflow rows too.
    expect(timers).toEqual([{ topic: 'sla', key: timer!.id, at: timer!.dueAt }]);
  });

  it('pulls waiting conversations, most urgent first, when an agent has room again', async () => {
    const { repo, conversation, decision } = setup();
    conversation('c-low', { teamId: 'refunds', priority: 'low' });
    conversation('c-urgent', { teamId: 'refunds', priority: 'urgent' });
    await decision.route('c-low');
    await decision.route('c-urgent');
    repo.profiles.get('vera')!.capacity = 1;
    expect(await decision.assignNextFor('vera')).toBe(1);
    expect(repo.conversations.get('c-urgent')!.assigneeId).toBe('vera');
    expect(repo.conversations.get('c-low')!.assigneeId).toBeNull();
  });

  it('refuses a claim on a conversation someone else took meanwhile', async () => {
    const { repo, conversation, assignment } = setup();
    conversation('c-1', { teamId: 'support', assigneeId: 'anna' });
    expect((await assignment.claim('c-1', 'boris', { expectedAssigneeId: null })).outcome).toBe('taken');
    expect(repo.conversations.get('c-1')!.assigneeId).toBe('anna');
  });

  it('validates rules: an unknown team or a language the detector cannot tell is a 400', async () => {
    const { rules } = setup();
    await expect(rules.addRule({ teamId: 'nobody' })).rejects.toMatchObject({ status: 400 });
    await expect(rules.addRule({ teamId: 'support', language: 'de' })).rejects.toMatchObject({ status: 400 });
    const first = await rules.addRule({ teamId: 'support', keywords: [' Возврат ', 'возврат'] });
    const second = await rules.addRule({ teamId: 'refunds' });
    expect(first).toMatchObject({ position: 1, keywords: ['возврат'] });
    expect(second.position).toBe(2);
    expect(await rules.updateRule(first.id, { teamId: 'refunds' })).toMatchObject({ teamId: 'refunds', keywords: ['возврат'] });
    await rules.removeRule(second.id);
    await expect(rules.removeRule(second.id)).rejects.toMatchObject({ status: 404 });
  });

  it('transfers to an agent with a private note, counts the transfer and frees the previous agent', async () => {
    const { repo, conversation, transfers, notes } = setup();
    conversation('c-1', { teamId: 'support', assigneeId: 'anna' });
    repo.profiles.get('anna')!.load = 1;
    const result = await transfers.transfer('c-1', { agentId: 'boris', note: 'Клиент просит старшего' }, { id: 'anna', name: 'Анна' });
    expect(result.transfers).toBe(1);
    expect(repo.conversations.get('c-1')!.assigneeId).toBe('boris');
    expect(repo.profiles.get('anna')!.load).toBe(0);
    expect(notes).toEqual([{ conversationId: 'c-1', content: 'Клиент просит старшего', isPrivate: true }]);
    expect(repo.timeline.map((e) => e.type)).toEqual(['assigned', 'transferred']);
  });

  it('refuses a transfer without a note or to a resolved conversation', async () => {
    const { conversation, transfers } = setup();
    conversation('c-1', { teamId: 'support' });
    conversation('c-2', { status: 'resolved' });
    await expect(transfers.transfer('c-1', { teamId: 'refunds', note: ' ' }, { id: 'anna', name: 'Анна' })).rejects.toMatchObject({ status: 400 });
    await expect(transfers.transfer('c-2', { teamId: 'refunds', note: 'Возврат' }, { id: 'anna', name: 'Анна' })).rejects.toMatchObject({ status: 409 });
  });

  it('moves an unassigned conversation to the overflow team when its deadline passes', async () => {
    const { repo, conversation, transfers } = setup();
    conversation('c-1', { teamId: 'refunds' });
    await repo.insertRouting({ conversationId: 'c-1', language: null, sentiment: null, sentimentScore: 0, boost: 0, transfers: 0, queuedAt: t0, updatedAt: t0 });
    expect(await transfers.overflow('c-1', 'refunds')).toBe(true);
    expect(repo.conversations.get('c-1')).toMatchObject({ teamId: 'support', assigneeId: 'boris' });
    expect(repo.timeline[0]).toMatchObject({ type: 'transferred', data: expect.objectContaining({ overflow: true }) });
    expect(await transfers.overflow('c-1', 'refunds')).toBe(false);
  });
});
