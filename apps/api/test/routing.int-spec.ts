import { DataSource } from 'typeorm';
import type { AgentDto, ConversationDto, PresenceEvent } from '@parley/contracts';
import { SlaTimerEntity } from '@parley/persistence';
import { SlaScheduler } from '@parley/sla';
import { connected, next, useRunningApp } from './harness';
import { routingFixtures } from './routing-fixtures';

describe('routing: teams, presence, capacity and assignment', () => {
  const t = useRunningApp();
  const f = routingFixtures(t);

  it('gives a new conversation to the least busy online agent of the team its rule names', async () => {
    const busy = await f.agent('Busy Bee', { capacity: 10, online: true });
    const free = await f.agent('Free Fox', { capacity: 10, online: true });
    const away = await f.agent('Away Ant', { capacity: 10 });
    const team = await f.team('Apples', { strategy: 'least_busy', memberIds: [busy.id, free.id, away.id] });
    expect((await f.call('POST', '/api/routing/rules', { teamId: team.id, keywords: ['apple'] })).status).toBe(201);

    const first = await f.visitorWrites('My apple is bruised');
    const one = await f.eventually('first assigned', async () => (await f.conversation(first.conversation.id)).assigneeId);
    expect([busy.id, free.id]).toContain(one);
    expect((await f.conversation(first.conversation.id)).teamId).toBe(team.id);
    const second = await f.visitorWrites('Another apple question');
    const two = await f.eventually('second assigned', async () => (await f.conversation(second.conversation.id)).assigneeId);
    expect(two).not.toBe(one);
    expect(two).not.toBe(away.id);
    const agents = (await f.call<AgentDto[]>('GET', '/api/agents')).body;
    expect(agents.find((a) => a.id === one)!.load).toBe(2); // a web chat weighs 2
  });

  it('queues when every agent is full and hands the conversation over when one resolves', async () => {
    const solo = await f.agent('Solo Seal', { capacity: 2, online: true });
    const team = await f.team('Bananas', { strategy: 'round_robin', memberIds: [solo.id] });
    await f.call('POST', '/api/routing/rules', { teamId: team.id, keywords: ['banana'] });
    const a = await f.visitorWrites('banana one');
    await f.eventually('a assigned', async () => (await f.conversation(a.conversation.id)).assigneeId === solo.id);
    const b = await f.visitorWrites('banana two');
    await f.eventually('b queued in the team', async () => (await f.conversation(b.conversation.id)).teamId === team.id);
    const queue = await f.call('GET', '/api/supervisor/queue');
    expect(queue.body.teams.find((x: { teamId: string }) => x.teamId === team.id).waiting).toBe(1);
    expect((await f.conversation(b.conversation.id)).assigneeId).toBeNull();

    await f.call('POST', `/api/conversations/${a.conversation.id}/status`, { status: 'resolved' }, solo.token);
    await f.eventually('b assigned after a resolved', async () => (await f.conversation(b.conversation.id)).assigneeId === solo.id);
  });

  it('sends a returning customer to their last agent when that agent is online with room', async () => {
    const x = await f.agent('Sticky Sam', { online: true });
    const y = await f.agent('Other Olga', { online: true });
    const team = await f.team('Cherries', { strategy: 'round_robin', sticky: true, memberIds: [x.id, y.id] });
    await f.call('POST', '/api/routing/rules', { teamId: team.id, keywords: ['cherry'] });
    const first = await f.visitorWrites('cherry please');
    const agentId = await f.eventually('assigned', async () => (await f.conversation(first.conversation.id)).assigneeId);
    await f.call('POST', `/api/conversations/${first.conversation.id}/status`, { status: 'resolved' });
    const again = await f.visitorWrites('cherry again', first.visitorToken);
    expect(again.conversation.id).not.toBe(first.conversation.id);
    expect(await f.eventually('assigned again', async () => (await f.conversation(again.conversation.id)).assigneeId)).toBe(agentId);
  });

  it('routes Russian messages to the Russian team and keeps the sentiment', async () => {
    const ru = await f.agent('Ivan', { online: true, skills: ['lang:ru'] });
    const team = await f.team('Russian', { strategy: 'skills', memberIds: [ru.id] });
    await f.call('POST', '/api/routing/rules', { teamId: team.id, language: 'ru', keywords: ['посылка'] });
    const v = await f.visitorWrites('Посылка так и не пришла, ужасный сервис');
    await f.eventually('assigned to Ivan', async () => (await f.conversation(v.conversation.id)).assigneeId === ru.id);
    const sla = await f.call('GET', `/api/sla/conversations/${v.conversation.id}`);
    expect(sla.body.sentiment).toBe('negative');
    const queue = await f.call('GET', '/api/supervisor/queue');
    expect(queue.body.negative.map((r: { conversationId: string }) => r.conversationId)).toContain(v.conversation.id);
  });

  it('transfers with a note, to a team or an agent, and refuses an agent without room', async () => {
    const from = await f.agent('From Fred', { online: true });
    const full = await f.agent('Full Fiona', { capacity: 0, online: true });
    const to = await f.agent('To Tom', { online: true });
    const a = await f.team('Dates', { memberIds: [from.id] });
    const b = await f.team('Elderberries', { memberIds: [to.id] });
    await f.call('POST', '/api/routing/rules', { teamId: a.id, keywords: ['date'] });
    const v = await f.visitorWrites('date question');
    await f.eventually('with Fred', async () => (await f.conversation(v.conversation.id)).assigneeId === from.id);

    const refused = await f.call('POST', `/api/conversations/${v.conversation.id}/transfer`, { agentId: full.id, note: 'please take it' });
    expect(refused.status).toBe(409);
    const moved = await f.call<ConversationDto>('POST', `/api/conversations/${v.conversation.id}/transfer`, { teamId: b.id, note: 'Billing question, over to you' }, from.token);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ teamId: b.id, assigneeId: to.id });
    const notes = (await f.call('GET', `/api/conversations/${v.conversation.id}/messages`)).body.items.filter((m: { private: boolean }) => m.private);
    expect(notes.map((m: { content: string }) => m.content)).toContain('Billing question, over to you');
    const events = await f.timeline(v.customerId);
    expect(events.find((e) => e.type === 'transferred')?.data).toMatchObject({ to: { teamId: b.id }, note: 'Billing question, over to you' });
    expect((await f.call('GET', '/api/agents')).body.find((x: AgentDto) => x.id === from.id).load).toBe(0);
  });

  it('overflows a conversation waiting too long into the next team', async () => {
    const nobody = await f.agent('Offline Oscar');
    const spare = await f.agent('Spare Sally', { online: true });
    const next2 = await f.team('Figs overflow', { memberIds: [spare.id] });
    const first = await f.team('Figs', { memberIds: [nobody.id], overflowTeamId: next2.id, overflowAfterMinutes: 2 });
    await f.call('POST', '/api/routing/rules', { teamId: first.id, keywords: ['fig'] });
    const v = await f.visitorWrites('fig trouble');
    const db = t.app.app.get(DataSource);
    const timer = await f.eventually('overflow deadline stored', () => db.getRepository(SlaTimerEntity).findOneBy({ conversationId: v.conversation.id, metric: 'overflow' as never }));
    expect(timer.dueAt!.getTime() - timer.startedAt.getTime()).toBe(120_000);
    // Two minutes pass: move the stored deadline instead of waiting for it.
    await db.getRepository(SlaTimerEntity).update({ id: timer.id }, { dueAt: new Date(Date.now() - 1000), nextFireAt: new Date(Date.now() - 1000) });
    await t.app.app.get(SlaScheduler).sweep();
    await f.eventually('overflowed to the next team and assigned', async () => {
      const c = await f.conversation(v.conversation.id);
      return c.teamId === next2.id && c.assigneeId === spare.id;
    });
    expect((await f.timeline(v.customerId)).find((e) => e.type === 'transferred')?.data).toMatchObject({ overflow: true });
  });

  it('marks an agent away when their last console tab closes and online again when one opens', async () => {
    const a = await f.agent('Tabby Tess', { online: true });
    const watcher = t.open('/agents', { token: t.token });
    await connected(watcher);
    const tab1 = t.open('/agents', { token: a.token });
    const tab2 = t.open('/agents', { token: a.token });
    await Promise.all([connected(tab1), connected(tab2)]);
    const status = async () => (await f.call<AgentDto[]>('GET', '/api/agents')).body.find((x) => x.id === a.id)!;
    await f.eventually('both tabs recorded', async () => (await f.call('GET', '/api/agents')).status === 200);
    tab1.disconnect();
    await new Promise((r) => setTimeout(r, 300));
    expect((await status()).status).toBe('online');
    const away = next<PresenceEvent>(watcher, 'presence.updated', (p) => p.id === a.id && p.status === 'away');
    tab2.disconnect();
    expect(await away).toMatchObject({ status: 'away', autoAway: true });
    const tab3 = t.open('/agents', { token: a.token });
    await connected(tab3);
    await f.eventually('back online', async () => (await status()).status === 'online');
    // A status the agent chose is kept when tabs come and go.
    await f.call('PUT', '/api/presence', { status: 'offline' }, a.token);
    tab3.disconnect();
    await new Promise((r) => setTimeout(r, 300));
    expect((await status()).status).toBe('offline');
  });

  it('puts an agent online when they open the console for the first time, unless they chose a status', async () => {
    const fresh = await f.agent('Fresh Fay');
    const team = await f.team('Fresh queue', { memberIds: [fresh.id] });
    await f.call('POST', '/api/routing/rules', { teamId: team.id, keywords: ['freshly'] });
    const v = await f.visitorWrites('freshly baked question');
    const status = async (id: string) => (await f.call<AgentDto[]>('GET', '/api/agents')).body.find((x) => x.id === id)!;
    // Never signed in: offline, and nothing is routed to them.
    expect(await status(fresh.id)).toMatchObject({ status: 'offline', autoAway: true });
    const queued = await f.eventually('routed to the team', async () => {
      const c = await f.conversation(v.conversation.id);
      return c.teamId === team.id ? c : null;
    });
    expect(queued.assigneeId).toBeNull();

    const watcher = t.open('/agents', { token: t.token });
    await connected(watcher);
    const online = next<PresenceEvent>(watcher, 'presence.updated', (p) => p.id === fresh.id && p.status === 'online');
    const tab = t.open('/agents', { token: fresh.token });
    await connected(tab);
    expect(await online).toMatchObject({ status: 'online', autoAway: false });
    // Coming online pulls the waiting conversation of their team.
    await f.eventually('assigned on sign-in', async () => (await f.conversation(v.conversation.id)).assigneeId === fresh.id);

    // Someone who chose "away" before ever opening the console stays away when they open it.
    const shy = await f.agent('Shy Sue');
    await f.call('PUT', '/api/presence', { status: 'away' }, shy.token);
    const shyTab = t.open('/agents', { token: shy.token });
    await connected(shyTab);
    await new Promise((r) => setTimeout(r, 300));
    expect(await status(shy.id)).toMatchObject({ status: 'away', autoAway: false });
  });

  it('answers bad input with clear 4xx', async () => {
    const someone = await f.agent('Valid Val');
    const unknown = '01900000-0000-7000-8000-000000000000';
    expect((await f.call('POST', '/api/teams', { name: 'Bad', memberIds: [unknown] })).status).toBe(400);
    expect((await f.call('POST', '/api/teams', { name: 'Bad', strategy: 'random' })).status).toBe(400);
    expect((await f.call('POST', '/api/teams', { name: 'Bad', overflowTeamId: unknown, overflowAfterMinutes: 5 })).status).toBe(400);
    expect((await f.call('POST', '/api/teams', { name: 'Bad', overflowAfterMinutes: -5 })).status).toBe(400);
    expect((await f.call('GET', `/api/teams/${unknown}`)).status).toBe(404);
    expect((await f.call('POST', `/api/teams/${unknown}/members`, { agentId: someone.id })).status).toBe(404);
    expect((await f.call('PATCH', `/api/agents/${someone.id}`, { capacity: -1 })).status).toBe(400);
    expect((await f.call('PATCH', `/api/agents/${unknown}`, { capacity: 3 })).status).toBe(404);
    expect((await f.call('PUT', '/api/presence', { status: 'sleeping' }, someone.token)).status).toBe(400);
    expect((await f.call('POST', '/api/routing/rules', { teamId: unknown })).status).toBe(400);
    expect((await f.call('PUT', '/api/routing/settings', { channelWeights: { pigeon: 1 } })).status).toBe(400);
    expect((await f.call('POST', '/api/teams', { name: 'Agents cannot' }, someone.token)).status).toBe(403);
    const v = await f.visitorWrites('hello there');
    expect((await f.call('POST', `/api/conversations/${v.conversation.id}/transfer`, { teamId: unknown, note: 'x' })).status).toBe(400);
    expect((await f.call('POST', `/api/conversations/${v.conversation.id}/transfer`, { agentId: unknown, note: 'x' })).status).toBe(400);
    expect((await f.call('POST', `/api/conversations/${v.conversation.id}/transfer`, { agentId: someone.id })).status).toBe(400);
    expect((await f.call('POST', `/api/conversations/${v.conversation.id}/assignment`, { teamId: unknown })).status).toBe(400);
  });
});
