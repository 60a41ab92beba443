import { DataSource } from 'typeorm';
import type { ConversationSlaDto, NotificationDto, SlaEscalationEvent } from '@parley/contracts';
import { SlaTimerEntity } from '@parley/persistence';
import { SlaScheduler } from '@parley/sla';
import { connected, login, next, startApp, testEnv, useRunningApp, demoWebsiteToken } from './harness';
import { routingFixtures } from './routing-fixtures';

const targets = (normal: Record<string, number | null>) => ({ normal, high: normal, low: normal, urgent: normal });

describe('SLA and XLA timers', () => {
  const t = useRunningApp();
  const f = routingFixtures(t);
  const db = () => t.app.app.get(DataSource);
  /** Time passes: the stored deadline of a conversation's timer is moved to just now. */
  const expire = async (conversationId: string, metric: string) => {
    const timer = await f.eventually(`${metric} timer`, () => db().getRepository(SlaTimerEntity).findOneBy({ conversationId, metric: metric as never }));
    const past = new Date(Date.now() - 1000);
    await db().getRepository(SlaTimerEntity).update({ id: timer.id }, { dueAt: past, warnAt: past, nextFireAt: past, version: timer.version + 1 });
    // Written past SlaService: the scheduler's sweep schedules it, as it does rows from before an upgrade.
    await t.app.app.get(SlaScheduler).sweep();
  };

  it('rejects impossible policies and calendars with 400', async () => {
    const week = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' }));
    const cal = (body: object) => f.call('POST', '/api/sla/calendars', { name: 'Office', timeZone: 'Europe/Berlin', hours: week, ...body });
    expect((await cal({ timeZone: 'Mars/Olympus' })).status).toBe(400);
    expect((await cal({ hours: [] })).status).toBe(400);
    const overlap = await cal({ hours: [{ day: 1, start: '09:00', end: '13:00' }, { day: 1, start: '12:00', end: '18:00' }] });
    expect(overlap.status).toBe(400);
    expect(overlap.body.message).toMatch(/overlap/);
    expect((await cal({ holidays: ['25.12.2026'] })).status).toBe(400);
    const ok = await cal({ holidays: ['2026-12-25'] });
    expect(ok.status).toBe(201);
    const policy = (body: object) => f.call('POST', '/api/sla/policies', { name: 'P', targets: targets({ firstResponseSeconds: 60 }), ...body });
    expect((await policy({ targets: targets({ firstResponseSeconds: -5 }) })).status).toBe(400);
    expect((await policy({ targets: { normal: {} } })).status).toBe(400);
    expect((await policy({ targets: { someday: { firstResponseSeconds: 5 } } })).status).toBe(400);
    expect((await policy({ warnAtPercent: 0 })).status).toBe(400);
    expect((await policy({ calendarId: '01900000-0000-7000-8000-000000000000' })).status).toBe(400);
    expect((await policy({ escalation: { breach: ['panic'] } })).status).toBe(400);
    expect((await policy({ calendarId: ok.body.id })).status).toBe(201);
    expect((await f.call('PUT', '/api/xla/policies', { negativeReplyMinutes: -1 })).status).toBe(400);
    expect((await f.call('PUT', '/api/xla/policies', { teamId: '01900000-0000-7000-8000-000000000000', maxTransfers: 1 })).status).toBe(400);
  });

  it('warns, breaches onto the timeline, escalates, and is met by the reply', async () => {
    const team = await f.team('Timed', {});
    const policy = await f.call('POST', '/api/sla/policies', {
      name: 'Fast', warnAtPercent: 50, targets: targets({ firstResponseSeconds: 3600, nextResponseSeconds: 1800, resolutionSeconds: 86400 }),
      escalation: { warning: ['notify_supervisors'], breach: ['notify_supervisors', 'raise_priority'] },
    });
    await f.call('PATCH', `/api/teams/${team.id}`, { slaPolicyId: policy.body.id });
    await f.call('POST', '/api/routing/rules', { teamId: team.id, keywords: ['timed'] });
    const watcher = t.open('/agents', { token: t.token });
    await connected(watcher);
    const v = await f.visitorWrites('timed question');
    const id = v.conversation.id;
    const running = await f.eventually('clock running', async () => {
      const s = (await f.call<ConversationSlaDto>('GET', `/api/sla/conversations/${id}`)).body;
      return s.timers.find((x) => x.metric === 'first_response' && x.state === 'running') ? s : null;
    });
    const first = running.timers.find((x) => x.metric === 'first_response')!;
    expect(new Date(first.dueAt!).getTime() - new Date(v.conversation.createdAt).getTime()).toBe(3600_000);
    expect(new Date(first.warnAt!).getTime() - new Date(v.conversation.createdAt).getTime()).toBe(1800_000);

    const escalated = next<SlaEscalationEvent>(watcher, 'sla.escalated', (e) => e.conversationId === id && e.phase === 'breach');
    const updated = next<ConversationSlaDto>(watcher, 'sla.updated', (s) => s.conversationId === id && s.breached);
    await expire(id, 'first_response');
    expect((await escalated).actions).toContain('raise_priority');
    expect((await updated).timers.find((x) => x.metric === 'first_response')!.state).toBe('breached');
    const breach = await f.eventually('breach on the timeline', async () => (await f.timeline(v.customerId)).find((e) => e.type === 'sla_breached'));
    expect(breach.data).toMatchObject({ metric: 'first_response', targetSeconds: 3600 });
    await f.eventually('priority raised', async () => (await f.conversation(id)).priority === 'high');
    // A missed deadline still owed is at risk too (it used to drop out of "my SLA at risk").
    const atRisk = await f.call<{ items: { conversation: { id: string }; sla: ConversationSlaDto }[] }>('GET', '/api/sla/queue?assigneeId=none&atRisk=true');
    expect(atRisk.body.items.find((i) => i.conversation.id === id)).toMatchObject({ sla: { breached: true } });
    const supervisor = (await f.call('GET', '/api/supervisor/queue')).body;
    expect(supervisor.breached.find((r: { conversationId: string }) => r.conversationId === id)).toMatchObject({ breached: true, missedDueAt: expect.any(String) });

    await f.call('POST', `/api/conversations/${id}/messages`, { content: 'Sorry for the wait!' });
    await f.eventually('first response recorded', async () => {
      const s = (await f.call<ConversationSlaDto>('GET', `/api/sla/conversations/${id}`)).body;
      return s.timers.find((x) => x.metric === 'first_response')?.metAt;
    });
    // The customer writes again: the next-response clock starts.
    await v.socket.emitWithAck('message:send', { content: 'timed: and one more thing', clientMessageId: 'timed-000002' });
    await f.eventually('next response running', async () => {
      const s = (await f.call<ConversationSlaDto>('GET', `/api/sla/conversations/${id}`)).body;
      return s.timers.find((x) => x.metric === 'next_response' && x.state === 'running');
    });
  });

  it('reassigns a breached conversation to another agent of the team when the policy says so', async () => {
    const a = await f.agent('Slow Sid', { online: true });
    const policy = await f.call('POST', '/api/sla/policies', { name: 'Reassign', targets: targets({ firstResponseSeconds: 600 }), escalation: { warning: [], breach: ['reassign'] } });
    const team = await f.team('Relay', { slaPolicyId: policy.body.id, memberIds: [a.id] });
    await f.call('POST', '/api/routing/rules', { teamId: team.id, keywords: ['relay'] });
    const v = await f.visitorWrites('relay: anyone?');
    await f.eventually('with Sid', async () => (await f.conversation(v.conversation.id)).assigneeId === a.id);
    const b = await f.agent('Quick Quinn', { online: true });
    await f.call('POST', `/api/teams/${team.id}/members`, { agentId: b.id });
    await expire(v.conversation.id, 'first_response');
    await f.eventually('reassigned to Quinn', async () => (await f.conversation(v.conversation.id)).assigneeId === b.id);
  });

  it('tells the assignee of their warning and breach in the notification centre', async () => {
    const a = await f.agent('Watched Wanda', { online: true });
    const policy = await f.call('POST', '/api/sla/policies', { name: 'Notify', warnAtPercent: 50, targets: targets({ firstResponseSeconds: 600 }) });
    const team = await f.team('Notified', { slaPolicyId: policy.body.id, memberIds: [a.id] });
    await f.call('POST', '/api/routing/rules', { teamId: team.id, keywords: ['wanda'] });
    const v = await f.visitorWrites('wanda: где мой заказ?');
    await f.eventually('with Wanda', async () => (await f.conversation(v.conversation.id)).assigneeId === a.id);
    await expire(v.conversation.id, 'first_response');
    const mine = async () => (await f.call<{ items: NotificationDto[] }>('GET', '/api/notifications', undefined, a.token)).body.items
      .filter((n) => n.conversationId === v.conversation.id);
    const breach = await f.eventually('breach notification', async () => (await mine()).find((n) => n.type === 'sla_breach'));
    expect(breach).toMatchObject({ data: { metric: 'first_response' }, readAt: null });
    // The admin, who is not the assignee, hears nothing of it.
    const admins = (await f.call<{ items: NotificationDto[] }>('GET', '/api/notifications')).body.items;
    expect(admins.filter((n) => n.conversationId === v.conversation.id && n.type === 'sla_breach')).toEqual([]);
  });

  it('stops the clock while pending on the customer and resumes it with the time left', async () => {
    await f.call('POST', '/api/sla/policies', { name: 'Default', isDefault: true, targets: targets({ firstResponseSeconds: 7200, resolutionSeconds: 86400 }) });
    const v = await f.visitorWrites('pending test');
    const id = v.conversation.id;
    await f.eventually('running', async () => (await f.call<ConversationSlaDto>('GET', `/api/sla/conversations/${id}`)).body.nextDueAt);
    await f.call('POST', `/api/conversations/${id}/status`, { status: 'pending' });
    const paused = await f.eventually('paused', async () => {
      const s = (await f.call<ConversationSlaDto>('GET', `/api/sla/conversations/${id}`)).body;
      return s.timers.every((x) => x.state === 'paused') && s.timers.length ? s : null;
    });
    expect(paused.nextDueAt).toBeNull();
    const left = paused.timers.find((x) => x.metric === 'first_response')!.remainingSeconds;
    expect(left).toBeGreaterThan(7000);
    await f.call('POST', `/api/conversations/${id}/status`, { status: 'open' });
    const resumed = await f.eventually('resumed', async () => {
      const s = (await f.call<ConversationSlaDto>('GET', `/api/sla/conversations/${id}`)).body;
      return s.nextDueAt ? s : null;
    });
    const due = new Date(resumed.timers.find((x) => x.metric === 'first_response')!.dueAt!).getTime();
    // The due time moved out by the time spent pending: it is the time left from the moment it resumed.
    expect(due).toBeGreaterThan(new Date(v.conversation.createdAt).getTime() + 7200_000 - 1000);
    const mine = await f.call('GET', '/api/sla/queue?limit=200');
    const order = mine.body.items.map((i: { sla: ConversationSlaDto }) => new Date(i.sla.nextDueAt!).getTime());
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('an unanswered negative message breaches the XLA; a repeat contact within 7 days is recorded; CSAT feeds the team target', async () => {
    const team = await f.team('Feelings', {});
    await f.call('POST', '/api/routing/rules', { teamId: team.id, keywords: ['feelings'] });
    expect((await f.call('PUT', '/api/xla/policies', { teamId: team.id, negativeReplyMinutes: 10, maxTransfers: 1, csatTargetPercent: 80 })).status).toBe(200);
    const v = await f.visitorWrites('feelings: this is terrible, nobody answers and I want a refund');
    await expire(v.conversation.id, 'negative_reply');
    const xla = await f.eventually('xla breach', async () => (await f.timeline(v.customerId)).find((e) => e.type === 'xla_breached'));
    expect(xla.data).toMatchObject({ kind: 'negative_reply' });

    await f.call('POST', `/api/conversations/${v.conversation.id}/status`, { status: 'resolved' });
    const again = await f.visitorWrites('feelings again: same problem', v.visitorToken);
    await f.eventually('repeat contact', async () => (await f.timeline(v.customerId)).find((e) => e.type === 'xla_breached' && e.data?.kind === 'repeat_contact'));

    const other = await f.team('Feelings 2', {});
    await f.call('POST', `/api/conversations/${again.conversation.id}/transfer`, { teamId: other.id, note: 'one' });
    await f.call('POST', `/api/conversations/${again.conversation.id}/transfer`, { teamId: team.id, note: 'two' });
    await f.eventually('too many transfers', async () => (await f.timeline(v.customerId)).find((e) => e.data?.kind === 'max_transfers'));

    const happy = await f.call('POST', '/api/xla/csat', { conversationId: v.conversation.id, satisfied: true, score: 5 });
    expect(happy.body).toMatchObject({ teamPercent: 100, targetPercent: 80, breached: false });
    const sad = await f.call('POST', '/api/xla/csat', { conversationId: v.conversation.id, satisfied: false, score: 1 });
    expect(sad.body).toMatchObject({ teamPercent: 50, breached: true });
    const queue = await f.call('GET', '/api/supervisor/queue');
    expect(queue.body.teams.find((x: { teamId: string }) => x.teamId === team.id)).toMatchObject({ csatPercent: 50, csatTargetPercent: 80 });
  });
});

describe('SLA timers survive a restart', () => {
  it('fires a deadline that passed while no process was running', async () => {
    const env = await testEnv();
    let app = await startApp(env);
    const { accessToken: token } = await login(app.url);
    const f = routingFixtures({ url: app.url, token, websiteToken: await demoWebsiteToken(app.url, token), open: () => { throw new Error('unused'); } });
    await f.call('POST', '/api/sla/policies', { name: 'Durable', isDefault: true, targets: targets({ firstResponseSeconds: 600 }) });
    const { io } = await import('socket.io-client');
    const visitor = io(`${app.url}/widget`, { auth: { websiteToken: await demoWebsiteToken(app.url, token) }, transports: ['websocket'], forceNew: true, reconnection: false });
    const session = await next<{ customerId: string }>(visitor, 'session');
    await visitor.emitWithAck('message:send', { content: 'are you there?', clientMessageId: 'durable-0001' });
    visitor.disconnect();
    const db = app.app.get(DataSource);
    const timer = await f.eventually('timer stored', () => db.getRepository(SlaTimerEntity).findOneBy({ metric: 'first_response' }));
    await app.close();

    // While nothing runs, the deadline passes (moved in the database, as a clock would).
    const { dataSourceOptions, openDatabase } = await import('@parley/persistence');
    const offline = await openDatabase(dataSourceOptions(env.DATABASE_URL));
    const past = new Date(Date.now() - 5000);
    await offline.getRepository(SlaTimerEntity).update({ id: timer.id }, { dueAt: past, warnAt: past, nextFireAt: past });
    await offline.destroy();

    app = await startApp(env);
    try {
      const g = routingFixtures({ url: app.url, token: (await login(app.url)).accessToken, websiteToken: '', open: () => { throw new Error('unused'); } });
      const breach = await g.eventually('breach after restart', async () => (await g.timeline(session.customerId)).find((e) => e.type === 'sla_breached'));
      expect(breach.data).toMatchObject({ metric: 'first_response' });
    } finally {
      await app.close();
    }
  });
});
