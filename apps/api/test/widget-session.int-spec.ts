import type { Socket } from 'socket.io-client';
import type { MessageDto, WidgetMessage, WidgetSendAck, WidgetSession } from '@parley/contracts';
import { api, connected, next, useRunningApp } from './harness';
import { eventually } from './twilio-fixture';

describe('web chat read receipts and survey buttons after a reload', () => {
  const t = useRunningApp();
  let inboxId: string;

  beforeAll(async () => {
    const inboxes = await api(t.url, 'GET', '/api/inboxes', undefined, t.token);
    inboxId = inboxes.body.find((i: { channel: string }) => i.channel === 'webchat').id;
  });

  const send = (s: Socket, content: string) =>
    s.emitWithAck('message:send', { content, clientMessageId: `c-${Math.random().toString(36).slice(2)}` }) as Promise<WidgetSendAck>;
  const reply = (conversationId: string, content: string) =>
    api<MessageDto>(t.url, 'POST', `/api/conversations/${conversationId}/messages`, { content }, t.token);

  /** A visitor who wrote once; returns their socket, session and conversation. */
  async function visitor(first: string, visitorToken?: string) {
    const agents = t.open('/agents', { token: t.token });
    await connected(agents);
    const s = t.open('/widget', { websiteToken: t.websiteToken, ...(visitorToken ? { visitorToken } : {}) });
    const session = await next<WidgetSession>(s, 'session');
    const created = next<MessageDto>(agents, 'message.created', (m) => m.content === first);
    expect((await send(s, first)).ok).toBe(true);
    return { s, session, agents, conversationId: (await created).conversationId };
  }

  it('marks the agent replies read once the visitor has seen the latest, and tells the console', async () => {
    const { s, agents, conversationId } = await visitor('Здравствуйте, где мой заказ?');
    const first = next<WidgetMessage>(s, 'message:new', (m) => m.content === 'Сейчас проверю');
    const firstReply = (await reply(conversationId, 'Сейчас проверю')).body;
    await first;
    const second = next<WidgetMessage>(s, 'message:new', (m) => m.content === 'Заказ уже в пути');
    const secondReply = (await reply(conversationId, 'Заказ уже в пути')).body;
    const latest = await second;
    // Seen the moment it arrives: the widget gets the reply before its send is recorded as "sent".
    const readFirst = next<MessageDto>(agents, 'message.updated', (m) => m.id === firstReply.id && m.deliveryStatus === 'read');
    const readSecond = next<MessageDto>(agents, 'message.updated', (m) => m.id === secondReply.id && m.deliveryStatus === 'read');
    expect(await s.emitWithAck('seen', { messageId: latest.id })).toEqual({ ok: true });
    await Promise.all([readFirst, readSecond]);
    const page = await api(t.url, 'GET', `/api/conversations/${conversationId}/messages`, undefined, t.token);
    expect(page.body.items.filter((m: MessageDto) => m.direction === 'outbound').map((m: MessageDto) => m.deliveryStatus)).toEqual(['read', 'read']);
  });

  it('refuses a seen for something that is not one of the visitor\'s replies', async () => {
    const { s } = await visitor('Есть вопрос по оплате');
    const other = await visitor('А у меня по доставке');
    const theirs = next<WidgetMessage>(other.s, 'message:new', (m) => m.direction === 'outbound');
    await reply(other.conversationId, 'Ответ другому посетителю');
    const foreign = await theirs;
    expect(await s.emitWithAck('seen', { messageId: foreign.id })).toEqual({ ok: false, error: 'Unknown message' });
    expect(await s.emitWithAck('seen', { messageId: '<script>' })).toEqual({ ok: false, error: 'messageId must be a message id' });
    expect(await s.emitWithAck('seen', null)).toMatchObject({ ok: false });
  });

  it('keeps the rating buttons of an unanswered survey in the history after a reload, and drops them once answered', async () => {
    const settings = await api(t.url, 'PUT', '/api/surveys/settings', { scope: 'inbox', scopeId: inboxId, type: 'csat', delayMinutes: 0, throttleDays: 0 }, t.token);
    expect(settings.status).toBe(200);
    const { s, session, conversationId } = await visitor('Спасибо, всё получилось');
    const answered = next<WidgetMessage>(s, 'message:new', (m) => m.direction === 'outbound');
    await reply(conversationId, 'Рады помочь!');
    await answered;
    const question = next<WidgetMessage>(s, 'message:new', (m) => m.direction === 'outbound' && m.content.includes('оцените'));
    expect((await api(t.url, 'POST', `/api/conversations/${conversationId}/status`, { status: 'resolved' }, t.token)).status).toBe(200);
    const asked = await question;
    s.disconnect();

    const reloaded = t.open('/widget', { websiteToken: t.websiteToken, visitorToken: session.visitorToken });
    const history = (await next<WidgetSession>(reloaded, 'session')).messages;
    expect(history.find((m) => m.id === asked.id)?.survey).toEqual({ options: ['1', '2', '3', '4', '5'] });
    expect(history.filter((m) => m.survey)).toHaveLength(1);

    const why = next<WidgetMessage>(reloaded, 'message:new', (m) => m.direction === 'outbound' && m.id !== asked.id);
    expect((await send(reloaded, '5')).ok).toBe(true);
    await why;
    const again = t.open('/widget', { websiteToken: t.websiteToken, visitorToken: session.visitorToken });
    const after = (await next<WidgetSession>(again, 'session')).messages;
    expect(after.find((m) => m.id === asked.id)).toBeDefined();
    expect(after.filter((m) => m.survey)).toEqual([]);
  });
});
