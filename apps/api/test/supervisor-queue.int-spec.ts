import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { SupervisorQueueDto, SupervisorQueueRow, TeamDto } from '@parley/contracts';
import { SlaTimerEntity } from '@parley/persistence';
import { SlaScheduler } from '@parley/sla';
import { api } from './harness';
import { SUPPORT, useEmailApp } from './email-harness';

/** The supervisor's Queue lists what it counts, and names email customers by their name or address. */
describe('supervisor queue: waiting conversations per team', () => {
  const t = useEmailApp();
  const call = <T = any>(method: string, path: string, body?: unknown) => api<T>(t.url, method, path, body, t.token);
  const unique = () => randomBytes(4).toString('hex');
  const b64 = (s: string) => `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;
  const mail = (from: string, envelopeFrom: string, subject: string, text: string) =>
    t.relay(`From: ${from}\r\nTo: ${SUPPORT}\r\nSubject: ${b64(subject)}\r\nMessage-ID: <${unique()}@example.ru>\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${text}\r\n`, { from: envelopeFrom, to: [SUPPORT] });
  const queue = async () => (await call<SupervisorQueueDto>('GET', '/api/supervisor/queue')).body;
  async function eventually<T>(what: string, check: () => Promise<T | null | undefined | false>): Promise<T> {
    const until = Date.now() + 20_000;
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > until) throw new Error(`not in time: ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('lists each team\'s waiting conversations with the email customer named, and counts agree with the lists', async () => {
    const id = unique();
    const agent = await call('POST', '/api/users', { name: 'Ольга', email: `olga-${id}@parley.test`, password: 'agent-password-1', role: 'agent' });
    const refunds = (await call<TeamDto>('POST', '/api/teams', { name: 'Возвраты', memberIds: [agent.body.id] })).body;
    const idle = (await call<TeamDto>('POST', '/api/teams', { name: 'Без правил', memberIds: [agent.body.id] })).body;
    expect((await call('POST', '/api/routing/rules', { teamId: refunds.id, keywords: ['возврат'] })).status).toBe(201);
    const policy = await call('POST', '/api/sla/policies', {
      name: 'Почта', isDefault: true,
      targets: Object.fromEntries(['low', 'normal', 'high', 'urgent'].map((p) => [p, { firstResponseSeconds: 3600, nextResponseSeconds: null, resolutionSeconds: null }])),
    });
    expect(policy.status).toBe(201);

    const maria = t.nextMessage((m) => m.content.includes('Хочу возврат'));
    await mail(`${b64('Мария Иванова')} <maria.${id}@example.ru>`, `maria.${id}@example.ru`, 'Возврат', 'Хочу возврат за чайник');
    const mariaConversation = (await maria).conversationId;
    const oleg = t.nextMessage((m) => m.content.includes('Где мой заказ'));
    await mail(`oleg.${id}@example.ru`, `oleg.${id}@example.ru`, 'Заказ', 'Где мой заказ?');
    const olegConversation = (await oleg).conversationId;

    const routed = await eventually('Maria routed to Возвраты', async () => {
      const q = await queue();
      return q.teams.find((x) => x.teamId === refunds.id)?.conversations.some((r) => r.conversationId === mariaConversation) ? q : null;
    });
    const team = routed.teams.find((x) => x.teamId === refunds.id)!;
    expect(team.conversations.find((r) => r.conversationId === mariaConversation)).toMatchObject({ customerName: 'Мария Иванова', channel: 'email', teamId: refunds.id, assigneeId: null });
    expect(routed.noTeam.conversations.find((r) => r.conversationId === olegConversation)).toMatchObject({ customerName: `oleg.${id}@example.ru`, channel: 'email' });
    for (const group of [...routed.teams, routed.noTeam]) expect(group.waiting).toBe(group.conversations.length);
    expect(routed.waiting).toBe(routed.teams.reduce((s, x) => s + x.waiting, 0) + routed.noTeam.waiting);
    expect(routed.teams.find((x) => x.teamId === idle.id)).toMatchObject({ memberCount: 1, hasRoutingRule: false, waiting: 0, conversations: [] });
    expect(team).toMatchObject({ memberCount: 1, hasRoutingRule: true });

    // A breached email conversation is named too (it used to show as an anonymous visitor).
    const db = t.app.app.get(DataSource);
    const timer = await eventually('first response clock', () => db.getRepository(SlaTimerEntity).findOneBy({ conversationId: olegConversation, metric: 'first_response' as never }));
    const past = new Date(Date.now() - 1000);
    await db.getRepository(SlaTimerEntity).update({ id: timer.id }, { dueAt: past, warnAt: past, nextFireAt: past, version: timer.version + 1 });
    await t.app.app.get(SlaScheduler).sweep();
    const breached = await eventually('breached row', async () => (await queue()).breached.find((r: SupervisorQueueRow) => r.conversationId === olegConversation));
    expect(breached).toMatchObject({ customerName: `oleg.${id}@example.ru`, breached: true });
  });

  it('is for supervisors only', async () => {
    const id = unique();
    await call('POST', '/api/users', { name: 'Агент', email: `agent-${id}@parley.test`, password: 'agent-password-1', role: 'agent' });
    const token = (await api(t.url, 'POST', '/api/auth/login', { email: `agent-${id}@parley.test`, password: 'agent-password-1' })).body.accessToken;
    expect((await api(t.url, 'GET', '/api/supervisor/queue', undefined, token)).status).toBe(403);
    expect((await api(t.url, 'GET', '/api/supervisor/queue')).status).toBe(401);
  });
});
