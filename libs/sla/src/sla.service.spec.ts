import type { JobQueue } from '@parley/queue';
import type { RealtimePublisher } from '@parley/channels-core';
import type { ConversationsService } from '@parley/conversations';
import type { ConversationEntity, SlaPolicyEntity } from '@parley/persistence';
import type { AssignmentService, ConversationTransferService, RoutingDecisionService } from '@parley/routing';
import { SlaEscalationService } from './sla-escalation.service';
import { SlaService } from './sla.service';
import { InMemorySlaRepository } from './testing/in-memory-sla.repository';

const t0 = new Date('2026-12-01T10:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const targets = { firstResponseSeconds: 600, nextResponseSeconds: 300, resolutionSeconds: 3600 };

function setup(escalation: SlaPolicyEntity['escalation'] = { warning: [], breach: [] }) {
  const repo = new InMemorySlaRepository();
  repo.policies.set('p-1', {
    id: 'p-1', name: 'Стандарт', calendarId: null, warnAtPercent: 80, isDefault: true, escalation,
    targets: { low: targets, normal: targets, high: targets, urgent: targets }, createdAt: t0, updatedAt: t0,
  });
  repo.conversations.set('c-1', {
    id: 'c-1', customerId: 'cust-1', inboxId: 'in-1', channel: 'telegram', status: 'open', priority: 'normal', teamId: null, assigneeId: 'u-1',
    firstResponseAt: null, resolvedAt: null, createdAt: t0, updatedAt: t0,
  } as unknown as ConversationEntity);
  repo.messages.push({ conversationId: 'c-1', direction: 'inbound', private: false, authorType: 'customer', createdAt: t0 });
  const clock = { at: t0, now: () => clock.at };
  const events: { event: string; payload: any }[] = [];
  const realtime = { toAgents: (event: string, payload: unknown) => void events.push({ event, payload }) } as unknown as RealtimePublisher;
  const conversations = { get: async (id: string) => ({ id }) } as unknown as ConversationsService;
  const routed: string[] = [];
  const routing = { route: async (id: string) => { routed.push(id); return { outcome: 'queued' }; }, assignNextFor: async () => 0 } as unknown as RoutingDecisionService;
  const assignment = { refreshLoad: async () => null } as unknown as AssignmentService;
  const transfers = { overflow: async () => true } as unknown as ConversationTransferService;
  const escalations = new SlaEscalationService(repo, conversations, routing, assignment, realtime, clock);
  const published: { name: string; data: Record<string, unknown> }[] = [];
  const queue = { add: async (_queue: string, name: string, data: Record<string, unknown>) => void published.push({ name, data }) } as unknown as JobQueue;
  const sla = new SlaService(repo, transfers, escalations, realtime, clock, queue);
  const timer = (metric: string) => [...repo.timerRows.values()].find((t) => t.metric === metric)!;
  return { sla, repo, clock, events, routed, timer, published };
}

describe('SlaService on an in-memory repository', () => {
  it('arms first-response and resolution timers under the default policy, and announces them', async () => {
    const { sla, timer, events } = setup();
    const dto = await sla.sync('c-1');
    expect(timer('first_response')).toMatchObject({ state: 'running', policyId: 'p-1', targetSeconds: 600, version: 0 });
    expect(timer('first_response').dueAt).toEqual(minutes(10));
    expect(timer('resolution').dueAt).toEqual(minutes(60));
    expect(dto).toMatchObject({ conversationId: 'c-1', nextDueAt: minutes(10).toISOString(), breached: false });
    expect(events.map((e) => e.event)).toEqual(['sla.updated']);
    expect(await sla.sync('c-1')).toBeNull();
  });

  it('pauses while the conversation waits on the customer and resumes with the time left', async () => {
    const { sla, repo, clock, timer } = setup();
    await sla.sync('c-1');
    clock.at = minutes(4);
    repo.conversations.get('c-1')!.status = 'pending';
    await sla.sync('c-1');
    expect(timer('first_response')).toMatchObject({ state: 'paused', consumedSeconds: 240, dueAt: null, nextFireAt: null });
    clock.at = minutes(30);
    repo.conversations.get('c-1')!.status = 'open';
    await sla.sync('c-1');
    expect(timer('first_response')).toMatchObject({ state: 'running' });
    expect(timer('first_response').dueAt).toEqual(minutes(36));
  });

  it('meets the first-response timer when the agent answers', async () => {
    const { sla, repo, clock, timer } = setup();
    await sla.sync('c-1');
    clock.at = minutes(3);
    Object.assign(repo.conversations.get('c-1')!, { firstResponseAt: minutes(3) });
    repo.messages.push({ conversationId: 'c-1', direction: 'outbound', private: false, authorType: 'agent', createdAt: minutes(3) });
    await sla.sync('c-1');
    expect(timer('first_response')).toMatchObject({ state: 'met', metAt: minutes(3), nextFireAt: null });
  });

  it('fires a breach once: records it on the timeline, escalates, and a second worker with the same row does nothing', async () => {
    const { sla, repo, clock, timer, events } = setup({ warning: [], breach: ['notify_supervisors', 'raise_priority'] });
    await sla.sync('c-1');
    const id = timer('first_response').id;
    clock.at = minutes(8);
    expect(await sla.fire(id)).toEqual({ fired: true, warned: true, breached: false });
    clock.at = minutes(10);
    const stale = { ...timer('first_response') };
    expect(await sla.fire(id)).toEqual({ fired: true, warned: false, breached: true });
    expect(timer('first_response')).toMatchObject({ state: 'breached', breachedAt: minutes(10) });
    expect(repo.timeline).toEqual([expect.objectContaining({ type: 'sla_breached', title: 'first_response', conversationId: 'c-1', occurredAt: minutes(10) })]);
    expect(events.filter((e) => e.event === 'sla.escalated').map((e) => e.payload)).toEqual([{ conversationId: 'c-1', metric: 'first_response', phase: 'breach', actions: ['notify_supervisors', 'raise_priority'] }]);
    expect(repo.conversations.get('c-1')!.priority).toBe('high');
    expect(await repo.updateTimer(id, stale.version, { warned: false })).toBe(false);
    expect(await sla.fire(id)).toEqual({ fired: false });
    expect(repo.timeline).toHaveLength(1);
  });

  it('publishes the warning and the breach as domain events, once each', async () => {
    const { sla, clock, timer, published } = setup();
    await sla.sync('c-1');
    const id = timer('first_response').id;
    clock.at = minutes(8);
    await sla.fire(id);
    clock.at = minutes(10);
    await sla.fire(id);
    await sla.fire(id);
    expect(published.flatMap((p) => p.data.events as { type: string; phase: string }[]).map((e) => `${e.type}/${e.phase}`)).toEqual(['sla.fired/warning', 'sla.fired/breach']);
  });

  it('does not fire a timer before its time', async () => {
    const { sla, clock, timer } = setup();
    await sla.sync('c-1');
    clock.at = minutes(1);
    expect(await sla.fire(timer('first_response').id)).toEqual({ fired: false });
    expect(timer('first_response').version).toBe(0);
  });

  it('records a missed negative-reply XLA as an XLA event and a timeline row', async () => {
    const { sla, repo, clock, timer } = setup();
    await sla.startNegativeReply('c-1', t0, 5);
    clock.at = minutes(4);
    expect(await sla.fire(timer('negative_reply').id)).toEqual({ fired: true, warned: true, breached: false });
    clock.at = minutes(5);
    expect(await sla.fire(timer('negative_reply').id)).toEqual({ fired: true, warned: false, breached: true });
    expect(repo.xlaEvents).toEqual([expect.objectContaining({ conversationId: 'c-1', kind: 'negative_reply', breached: true, value: 300 })]);
    expect(repo.timeline).toEqual([expect.objectContaining({ type: 'xla_breached' })]);
  });

  it('takes a breached conversation from its agent and routes it again when the policy says reassign', async () => {
    const { sla, repo, clock, timer, routed } = setup({ warning: [], breach: ['reassign'] });
    await sla.sync('c-1');
    clock.at = minutes(8);
    await sla.fire(timer('first_response').id);
    clock.at = minutes(10);
    await sla.fire(timer('first_response').id);
    expect(repo.conversations.get('c-1')!.assigneeId).toBeNull();
    expect(routed).toEqual(['c-1']);
  });
});
