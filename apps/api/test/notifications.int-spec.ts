import type { CollaboratorDto, ConversationDto, NotificationDto, NotificationReadEvent, Page, WidgetSession } from '@parley/contracts';
import { DataSource } from 'typeorm';
import { NotificationCentreService } from '@parley/notifications';
import { newId } from '@parley/domain';
import { NotificationEntity } from '@parley/persistence';
import { api, connected, login, next, useRunningApp } from './harness';

type Agent = { id: string; token: string };

describe('mentions, collaborators and notifications, on this database', () => {
  const t = useRunningApp();
  let anna: Agent;
  let boris: Agent;
  const conversations: Record<string, { id: string; customerId: string; say(text: string): Promise<void> }> = {};

  async function agent(name: string, email: string): Promise<Agent> {
    const created = await api(t.url, 'POST', '/api/users', { name, email, password: 'длинный-пароль-агента', role: 'agent' }, t.token);
    expect(created.status).toBe(201);
    return { id: created.body.id, token: (await login(t.url, { email, password: 'длинный-пароль-агента' })).accessToken };
  }

  async function conversation(key: string, text: string): Promise<void> {
    const s = t.open('/widget', { websiteToken: t.websiteToken });
    const session = await next<WidgetSession>(s, 'session');
    let sent = 0;
    const say = async (content: string) => {
      expect((await s.emitWithAck('message:send', { content, clientMessageId: `notify-${key}-${++sent}` })).ok).toBe(true);
    };
    await say(text);
    const list = await api<Page<ConversationDto>>(t.url, 'GET', '/api/conversations?limit=100', undefined, t.token);
    conversations[key] = { id: list.body.items.find((c) => c.customerId === session.customerId)!.id, customerId: session.customerId, say };
  }

  const notifications = async (who: Agent) => (await api<Page<NotificationDto>>(t.url, 'GET', '/api/notifications', undefined, who.token)).body.items;

  /** The listener runs after the request returns (a follow-up job): poll until it has. */
  async function eventually(who: Agent, match: (n: NotificationDto) => boolean): Promise<NotificationDto> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const found = (await notifications(who)).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error('no such notification within 15 s');
      await new Promise((r) => setImmediate(r));
    }
  }

  const about = (key: string, type: string, preview?: string) => (n: NotificationDto) =>
    n.conversationId === conversations[key].id && n.type === type && (preview === undefined || n.data.preview === preview);

  beforeAll(async () => {
    anna = await agent('Анна Ким', 'anna@parley.test');
    boris = await agent('Борис Петров', 'boris@parley.test');
    await conversation('order', 'Где мой заказ?');
    await conversation('refund', 'Верните деньги за чайник');
    for (const key of ['order', 'refund']) {
      expect((await api(t.url, 'POST', `/api/conversations/${conversations[key].id}/assignment`, { agentId: anna.id }, t.token)).status).toBe(200);
    }
  });

  it('notifies the assignee of an assignment, on their socket too', async () => {
    const first = await eventually(anna, about('order', 'assigned'));
    const socket = t.open('/agents', { token: anna.token });
    await connected(socket);
    const again = (n: NotificationDto) => about('order', 'assigned')(n) && n.id !== first.id;
    const live = next<NotificationDto>(socket, 'notification.created', again);
    expect((await api(t.url, 'POST', `/api/conversations/${conversations.order.id}/assignment`, { agentId: null }, t.token)).status).toBe(200);
    expect((await api(t.url, 'POST', `/api/conversations/${conversations.order.id}/assignment`, { agentId: anna.id }, t.token)).status).toBe(200);
    const stored = await eventually(anna, again);
    expect(stored).toMatchObject({ readAt: null, actorId: expect.any(String) });
    expect((await live).id).toBe(stored.id);
  });

  it('notifies the assignee and the collaborators of a customer message', async () => {
    const followed = await api<CollaboratorDto[]>(t.url, 'POST', `/api/conversations/${conversations.order.id}/collaborators`, {}, boris.token);
    expect(followed.body.map((c) => [c.name, c.reason])).toEqual([['Борис Петров', 'manual']]);
    await conversations.order.say('Заказ №123 так и не пришёл');
    const told = await eventually(anna, about('order', 'message', 'Заказ №123 так и не пришёл'));
    expect(told.customerId).toBe(conversations.order.customerId);
    await eventually(boris, about('order', 'message', 'Заказ №123 так и не пришёл'));
  });

  it('adds a mentioned agent as a collaborator, notifies them and lists the conversation under "following"', async () => {
    const note = await api(t.url, 'POST', `/api/conversations/${conversations.refund.id}/messages`, { content: `@[Борис Петров](${boris.id}) посмотри, пожалуйста`, private: true }, anna.token);
    expect(note.status).toBe(201);
    const mention = await eventually(boris, about('refund', 'mention'));
    expect(mention).toMatchObject({ actorId: anna.id, actorName: 'Анна Ким', data: expect.objectContaining({ preview: expect.stringContaining('посмотри, пожалуйста') }) });
    const collaborators = await api<CollaboratorDto[]>(t.url, 'GET', `/api/conversations/${conversations.refund.id}/collaborators`, undefined, anna.token);
    expect(collaborators.body).toEqual([expect.objectContaining({ userId: boris.id, reason: 'mention', addedBy: anna.id })]);
    const following = await api<Page<ConversationDto>>(t.url, 'GET', '/api/conversations?following=me', undefined, boris.token);
    expect(following.body.items.map((c) => c.id).sort()).toEqual([conversations.order.id, conversations.refund.id].sort());
    expect((await notifications(anna)).some(about('refund', 'mention'))).toBe(false);
  });

  it('keeps an away agent quiet except for mentions', async () => {
    expect((await api(t.url, 'PUT', '/api/presence', { status: 'away' }, boris.token)).status).toBe(200);
    await conversations.order.say('Алло, есть кто?');
    await eventually(anna, about('order', 'message', 'Алло, есть кто?'));
    expect((await notifications(boris)).some(about('order', 'message', 'Алло, есть кто?'))).toBe(false);
    await api(t.url, 'POST', `/api/conversations/${conversations.order.id}/messages`, { content: '@Борис срочно, клиент ждёт', private: true }, anna.token);
    await eventually(boris, about('order', 'mention'));
    expect((await api(t.url, 'PUT', '/api/presence', { status: 'online' }, boris.token)).status).toBe(200);
  });

  it('leaves out the events an agent switched off', async () => {
    const saved = await api(t.url, 'PUT', '/api/notifications/settings', { events: { message: false }, sound: 'none' }, anna.token);
    expect(saved.body).toMatchObject({ sound: 'none', browser: true, events: { message: false, mention: true } });
    expect((await api(t.url, 'GET', '/api/notifications/settings', undefined, anna.token)).body.events.message).toBe(false);
    await conversations.order.say('Напишите хоть что-нибудь');
    await eventually(boris, about('order', 'message', 'Напишите хоть что-нибудь'));
    expect((await notifications(anna)).some(about('order', 'message', 'Напишите хоть что-нибудь'))).toBe(false);
    expect((await api(t.url, 'PUT', '/api/notifications/settings', { events: { typing: true } }, anna.token)).status).toBe(400);
  });

  it('marks one read, tells the agent’s other tabs, and keeps the count', async () => {
    const tab = t.open('/agents', { token: boris.token });
    await connected(tab);
    const before = (await api(t.url, 'GET', '/api/notifications/unread-count', undefined, boris.token)).body.count;
    const mention = await eventually(boris, about('refund', 'mention'));
    const synced = next<NotificationReadEvent>(tab, 'notification.read');
    const read = await api<NotificationDto>(t.url, 'POST', `/api/notifications/${mention.id}/read`, undefined, boris.token);
    expect(read.body.readAt).not.toBeNull();
    expect(await synced).toEqual({ ids: [mention.id], allBefore: null, unread: before - 1 });
    expect((await api(t.url, 'GET', '/api/notifications/unread-count', undefined, boris.token)).body.count).toBe(before - 1);
  });

  it('marks all read at once', async () => {
    const res = await api(t.url, 'POST', '/api/notifications/read-all', undefined, boris.token);
    expect(res.body).toEqual({ unread: 0 });
    expect((await notifications(boris)).every((n) => n.readAt !== null)).toBe(true);
  });

  it('answers 404 for another agent’s notification and 400 for a bad id', async () => {
    const [annas] = await notifications(anna);
    expect((await api(t.url, 'POST', `/api/notifications/${annas.id}/read`, undefined, boris.token)).status).toBe(404);
    expect((await api(t.url, 'POST', '/api/notifications/не-id/read', undefined, boris.token)).status).toBe(400);
    expect((await api(t.url, 'GET', '/api/notifications')).status).toBe(401);
  });

  it('unfollows by hand, and answers 404 for someone who does not follow', async () => {
    expect((await api(t.url, 'DELETE', `/api/conversations/${conversations.order.id}/collaborators/${boris.id}`, undefined, boris.token)).status).toBe(204);
    expect((await api(t.url, 'DELETE', `/api/conversations/${conversations.order.id}/collaborators/${boris.id}`, undefined, boris.token)).status).toBe(404);
    expect((await api(t.url, 'GET', '/api/conversations/0190aaaa-0000-7000-8000-000000000000/collaborators', undefined, boris.token)).status).toBe(404);
  });

  it('keeps each agent’s last 100 and drops the older ones', async () => {
    const db = t.app.app.get(DataSource);
    const start = Date.parse('2026-01-01T00:00:00Z');
    const rows = Array.from({ length: 103 }, (_, i) => ({
      id: newId(), userId: boris.id, type: 'message' as const, conversationId: conversations.order.id, customerId: null, actorId: null,
      data: { title: `старое ${i}` }, readAt: new Date(start + i * 1000), createdAt: new Date(start + i * 1000),
    }));
    for (const row of rows) await db.getRepository(NotificationEntity).insert(row);
    const annasBefore = (await notifications(anna)).length;
    await t.app.app.get(NotificationCentreService).prune();
    const left = await db.getRepository(NotificationEntity).find({ where: { userId: boris.id }, order: { createdAt: 'ASC' } });
    expect(left).toHaveLength(100);
    // The newest stay: Boris's real notifications (newer than 2026-01-01) and the 100 − those of the old ones.
    expect(left.some((n) => n.id === rows[0].id)).toBe(false);
    expect(left.some((n) => n.id === rows[102].id)).toBe(true);
    expect((await notifications(anna)).length).toBe(annasBefore);
  });
});
