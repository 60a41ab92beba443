import type { RealtimePublisher } from '@parley/channels-core';
import type { ConversationEntity, CustomerEntity, UserEntity } from '@parley/persistence';
import type { JobQueue, Scheduler } from '@parley/queue';
import { ConversationsService, UNSNOOZE_TOPIC } from './conversations.service';
import { InMemoryConversationRepository } from './testing/in-memory-conversation.repository';

const t0 = new Date('2026-12-01T10:00:00Z');
const agent = { id: 'u-1', name: 'Ольга' };

function setup() {
  const repo = new InMemoryConversationRepository();
  for (const [id, minute] of [['c-1', 1], ['c-2', 2], ['c-3', 3]] as const) {
    repo.conversations.set(id, {
      id, customerId: 'cust-1', inboxId: 'in-1', channel: 'webchat', status: 'open', priority: 'normal', assigneeId: null, teamId: null, unreadCount: 2,
      snoozedUntil: null, resolvedAt: null, lastMessageAt: new Date(t0.getTime() + minute * 60_000), createdAt: t0, updatedAt: t0,
    } as unknown as ConversationEntity);
  }
  repo.customerRows.set('cust-1', { id: 'cust-1', name: 'Пётр' } as CustomerEntity);
  repo.users.set('u-2', { id: 'u-2', name: 'Борис' } as UserEntity);
  const jobs: { queue: string; name: string; data: any }[] = [];
  const queue = { add: async (queue: string, name: string, data: unknown) => void jobs.push({ queue, name, data }) } as unknown as JobQueue;
  const events: string[] = [];
  const widget: { room: string; event: string; payload: any }[] = [];
  const realtime = {
    toAgents: (event: string) => void events.push(event),
    toWidgetRoom: (room: string, event: string, payload: unknown) => void widget.push({ room, event, payload }),
  } as unknown as RealtimePublisher;
  const timers: { topic: string; key: string; at: Date }[] = [];
  const scheduler = { schedule: async (topic: string, key: string, at: Date) => void timers.push({ topic, key, at }) } as unknown as Scheduler;
  return { repo, jobs, events, widget, timers, service: new ConversationsService(repo, realtime, queue, scheduler) };
}

describe('ConversationsService on an in-memory repository', () => {
  it('pages conversations newest activity first with a cursor', async () => {
    const { service } = setup();
    const first = await service.list({ limit: 2 });
    expect(first.items.map((c) => c.id)).toEqual(['c-3', 'c-2']);
    expect(first.items[0]).toMatchObject({ customer: { id: 'cust-1', name: 'Пётр' } });
    const second = await service.list({ limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((c) => c.id)).toEqual(['c-1']);
    expect(second.nextCursor).toBeNull();
  });

  it("fills each listed conversation's labels with one read per page, and filters by all given labels", async () => {
    const { service, repo } = setup();
    const refund = { id: 'l-1', nameEn: 'Refund', nameRu: 'Возврат', colour: '#e5484d' };
    const vip = { id: 'l-2', nameEn: 'VIP', nameRu: 'VIP', colour: '#30a46c' };
    repo.labelRows.push({ conversationId: 'c-1', ...refund }, { conversationId: 'c-2', ...refund }, { conversationId: 'c-2', ...vip });
    const page = await service.list({ limit: 10 });
    expect(page.items.map((c) => [c.id, c.labels])).toEqual([['c-3', []], ['c-2', [refund, vip]], ['c-1', [refund]]]);
    expect(repo.labelReads).toBe(1);
    expect((await service.list({ limit: 10, labelIds: ['l-1'] })).items.map((c) => c.id)).toEqual(['c-2', 'c-1']);
    expect((await service.list({ limit: 10, labelIds: ['l-1', 'l-2'] })).items.map((c) => c.id)).toEqual(['c-2']);
    expect((await service.get('c-1')).labels).toEqual([refund]);
  });

  it("lists the conversations an agent follows, and 'following' narrows together with the view conditions", async () => {
    const { service, repo } = setup();
    repo.followers.push({ conversationId: 'c-1', userId: 'u-2' }, { conversationId: 'c-3', userId: 'u-2' }, { conversationId: 'c-2', userId: 'u-1' });
    repo.conversations.get('c-3')!.priority = 'urgent';
    repo.labelRows.push({ conversationId: 'c-1', id: 'l-1', nameEn: 'Refund', nameRu: 'Возврат', colour: '#e5484d' });
    expect((await service.list({ limit: 10, followerId: 'u-2' })).items.map((c) => c.id)).toEqual(['c-3', 'c-1']);
    expect((await service.list({ limit: 10, followerId: 'u-2', priority: 'urgent' })).items.map((c) => c.id)).toEqual(['c-3']);
    expect((await service.list({ limit: 10, followerId: 'u-2', labelIds: ['l-1'] })).items.map((c) => c.id)).toEqual(['c-1']);
    expect((await service.list({ limit: 10, followerId: 'u-3' })).items).toEqual([]);
  });

  it('resolves with a timeline event, the follow-up job and the resolution hooks', async () => {
    const { service, repo, jobs } = setup();
    const dto = await service.setStatus('c-1', 'resolved', undefined, agent);
    expect(dto.status).toBe('resolved');
    expect(repo.conversations.get('c-1')!.resolvedAt).toBeInstanceOf(Date);
    expect(repo.timeline).toEqual([expect.objectContaining({ type: 'status_changed', title: 'resolved', data: { from: 'open', to: 'resolved' } })]);
    // Surveys and SLA hear of it through the domain event, not through a call from here.
    expect(jobs).toEqual([expect.objectContaining({
      queue: 'follow-up', name: 'conversation.status_changed',
      data: { events: [{ type: 'conversation.status_changed', conversationId: 'c-1', from: 'open', to: 'resolved' }] },
    })]);
  });

  it('snoozes with a wake-up timer, and refuses a snooze without a future time', async () => {
    const { service, timers } = setup();
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await service.setStatus('c-1', 'snoozed', until, agent);
    expect(timers).toEqual([{ topic: UNSNOOZE_TOPIC, key: 'c-1', at: new Date(until) }]);
    await expect(service.setStatus('c-2', 'snoozed', '2020-01-01T00:00:00Z', agent)).rejects.toMatchObject({ status: 400 });
  });

  it('wakes a snoozed conversation only once its time has come', async () => {
    const { service, repo } = setup();
    const until = new Date(Date.now() + 3_600_000);
    await service.setStatus('c-1', 'snoozed', until.toISOString(), agent);
    await service.wakeIfDue('c-1');
    expect(repo.conversations.get('c-1')!.status).toBe('snoozed');
    repo.conversations.get('c-1')!.snoozedUntil = new Date(Date.now() - 1000);
    await service.wakeIfDue('c-1');
    expect(repo.conversations.get('c-1')).toMatchObject({ status: 'open', snoozedUntil: null });
  });

  it('assigns to a known agent and refuses an unknown one or an unknown team with a 400', async () => {
    const { service, repo } = setup();
    await service.assign('c-1', 'u-2', undefined, agent);
    expect(repo.conversations.get('c-1')!.assigneeId).toBe('u-2');
    expect(repo.timeline.at(-1)).toMatchObject({ type: 'assigned', title: 'Борис' });
    await expect(service.assign('c-1', 'u-404', undefined, agent)).rejects.toMatchObject({ status: 400 });
    await expect(service.assign('c-1', undefined, 'team-404', agent)).rejects.toMatchObject({ status: 400 });
  });

  it('marks read only once', async () => {
    const { service, repo, events } = setup();
    await service.markRead('c-1');
    await service.markRead('c-1');
    expect(repo.conversations.get('c-1')!.unreadCount).toBe(0);
    expect(events).toEqual(['conversation.updated']);
  });

  it('tells the web chat visitor an agent saw their messages, once per message the customer wrote', async () => {
    const { service, repo, widget } = setup();
    const c = repo.conversations.get('c-1')!;
    c.lastInboundAt = new Date(t0.getTime() + 60_000);
    const opened = new Date(t0.getTime() + 120_000);
    await service.markRead('c-1', opened);
    await service.markRead('c-1', new Date(t0.getTime() + 180_000));
    expect(c.agentLastSeenAt).toEqual(opened);
    expect(widget).toEqual([{ room: 'w:in-1:cust-1', event: 'agent:seen', payload: { conversationId: 'c-1', seenAt: opened.toISOString() } }]);

    c.lastInboundAt = new Date(t0.getTime() + 240_000);
    await service.markRead('c-1', new Date(t0.getTime() + 300_000));
    expect(widget).toHaveLength(2);
  });

  it('records the seen time of other channels without telling anyone but the consoles', async () => {
    const { service, repo, widget } = setup();
    const c = repo.conversations.get('c-2')!;
    c.channel = 'sms';
    c.lastInboundAt = t0;
    await service.markRead('c-2', new Date(t0.getTime() + 60_000));
    expect(c.agentLastSeenAt).toEqual(new Date(t0.getTime() + 60_000));
    expect(widget).toEqual([]);
  });
});
