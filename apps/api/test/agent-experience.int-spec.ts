import type { Socket } from 'socket.io-client';
import type { AttachmentDto, CustomerTypingEvent, MessageDto, WidgetAgentSeenEvent, WidgetMessage, WidgetSendAck, WidgetSession, WidgetTypingEvent } from '@parley/contracts';
import { AGENT_EVENTS, WIDGET_EVENTS } from '@parley/contracts';
import { api, connected, next, useRunningApp } from './harness';

// Issue 17, item 5: typing both ways, "seen" both ways, and a reply that is only a pasted file.

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('agent experience: typing, seen, file-only replies', () => {
  const t = useRunningApp();

  const send = (s: Socket, content: string) =>
    s.emitWithAck(WIDGET_EVENTS.messageSend, { content, clientMessageId: `ax-${Math.random().toString(36).slice(2)}` }) as Promise<WidgetSendAck>;

  /** The console's live feed, connected. */
  async function agentSocket(): Promise<Socket> {
    const agents = t.open('/agents', { token: t.token });
    await connected(agents);
    return agents;
  }

  /** A visitor who wrote once: their socket, session and conversation. */
  async function visitor(first: string, agents: Socket, visitorToken?: string) {
    const s = t.open('/widget', { websiteToken: t.websiteToken, ...(visitorToken ? { visitorToken } : {}) });
    const session = await next<WidgetSession>(s, WIDGET_EVENTS.session);
    const created = next<MessageDto>(agents, AGENT_EVENTS.messageCreated, (m) => m.content === first);
    expect((await send(s, first)).ok).toBe(true);
    return { s, session, conversationId: (await created).conversationId };
  }

  it("relays the visitor's typing to the consoles, thinned: a burst of 'typing' is one event, 'stopped' always passes", async () => {
    const agents = await agentSocket();
    const { s, conversationId } = await visitor('Пишу подробности…', agents);
    const seen: CustomerTypingEvent[] = [];
    agents.on(AGENT_EVENTS.typing, (e: CustomerTypingEvent) => e.conversationId === conversationId && seen.push(e));
    const stopped = next<CustomerTypingEvent>(agents, AGENT_EVENTS.typing, (e) => e.conversationId === conversationId && !e.isTyping);
    for (let i = 0; i < 5; i++) s.emit(WIDGET_EVENTS.typing, { isTyping: true });
    s.emit(WIDGET_EVENTS.typing, { isTyping: false });
    await stopped;
    expect(seen.map((e) => e.isTyping)).toEqual([true, false]);
  });

  it("relays an agent's typing to that visitor only, with the agent's name", async () => {
    const agents = await agentSocket();
    const a = await visitor('Здравствуйте, вопрос по заказу', agents);
    const b = await visitor('А у меня другой вопрос', agents);
    const other: WidgetTypingEvent[] = [];
    b.s.on(WIDGET_EVENTS.typing, (e: WidgetTypingEvent) => other.push(e));
    const typing = next<WidgetTypingEvent>(a.s, WIDGET_EVENTS.typing, (e) => e.isTyping);
    agents.emit(AGENT_EVENTS.typing, { conversationId: a.conversationId, isTyping: true });
    expect(await typing).toEqual({ isTyping: true, name: expect.any(String) });
    // Order on one room: the stop of B's own conversation arrives after anything meant for A would have.
    const bStops = next<WidgetTypingEvent>(b.s, WIDGET_EVENTS.typing, (e) => !e.isTyping);
    agents.emit(AGENT_EVENTS.typing, { conversationId: b.conversationId, isTyping: false });
    await bStops;
    expect(other).toEqual([{ isTyping: false, name: expect.any(String) }]);
  });

  it('tells the visitor an agent opened the conversation after they wrote, once per new message, and again after a reload', async () => {
    const agents = await agentSocket();
    const { s, session, conversationId } = await visitor('Вы видите моё сообщение?', agents);
    const events: WidgetAgentSeenEvent[] = [];
    s.on(WIDGET_EVENTS.agentSeen, (e: WidgetAgentSeenEvent) => events.push(e));

    const first = next<WidgetAgentSeenEvent>(s, WIDGET_EVENTS.agentSeen);
    expect((await api(t.url, 'POST', `/api/conversations/${conversationId}/read`, undefined, t.token)).status).toBe(200);
    expect(await first).toEqual({ conversationId, seenAt: expect.any(String) });
    // Opened again with nothing new from the customer: nothing to tell.
    expect((await api(t.url, 'POST', `/api/conversations/${conversationId}/read`, undefined, t.token)).status).toBe(200);

    expect((await send(s, 'Ещё одно сообщение')).ok).toBe(true);
    const second = next<WidgetAgentSeenEvent>(s, WIDGET_EVENTS.agentSeen, (e) => e.seenAt !== events[0].seenAt);
    expect((await api(t.url, 'POST', `/api/conversations/${conversationId}/read`, undefined, t.token)).status).toBe(200);
    const latest = await second;
    expect(events).toHaveLength(2);
    expect(Date.parse(latest.seenAt)).toBeGreaterThanOrEqual(Date.parse(events[0].seenAt));

    s.disconnect();
    const again = t.open('/widget', { websiteToken: t.websiteToken, visitorToken: session.visitorToken });
    const reloaded = await next<WidgetSession>(again, WIDGET_EVENTS.session);
    expect(reloaded.conversationId).toBe(conversationId);
    expect(reloaded.agentSeenAt).toBe(latest.seenAt);
  });

  it("lets a visitor mark only their own conversation's replies read", async () => {
    const agents = await agentSocket();
    const a = await visitor('Когда привезут диван?', agents);
    const b = await visitor('Хочу оформить возврат', agents);
    const arrived = next<WidgetMessage>(a.s, WIDGET_EVENTS.messageNew, (m) => m.direction === 'outbound');
    const sent = await api<MessageDto>(t.url, 'POST', `/api/conversations/${a.conversationId}/messages`, { content: 'Завтра до обеда' }, t.token);
    const replyToA = await arrived;
    expect(await b.s.emitWithAck(WIDGET_EVENTS.seen, { messageId: replyToA.id })).toEqual({ ok: false, error: 'Unknown message' });
    const page = await api(t.url, 'GET', `/api/conversations/${a.conversationId}/messages`, undefined, t.token);
    expect(page.body.items.find((m: MessageDto) => m.id === sent.body.id).deliveryStatus).not.toBe('read');
  });

  it('sends a reply that is only a file, and refuses one with neither text nor file in the reader\'s language', async () => {
    const agents = await agentSocket();
    const { s, conversationId } = await visitor('Пришлите, пожалуйста, схему проезда', agents);
    const upload = await fetch(`${t.url}/api/attachments?fileName=${encodeURIComponent('схема.png')}`, {
      method: 'POST', headers: { 'content-type': 'image/png', authorization: `Bearer ${t.token}` }, body: PNG,
    });
    expect(upload.status).toBe(201);
    const file = (await upload.json()) as AttachmentDto;
    const arrived = next<WidgetMessage>(s, WIDGET_EVENTS.messageNew, (m) => m.direction === 'outbound');
    const sent = await api<MessageDto>(t.url, 'POST', `/api/conversations/${conversationId}/messages`, { content: '', attachmentIds: [file.id] }, t.token);
    expect(sent.status).toBe(201);
    expect(sent.body.attachments).toEqual([expect.objectContaining({ id: file.id, fileName: 'схема.png', contentType: 'image/png' })]);
    expect((await arrived).attachments?.[0]).toMatchObject({ id: file.id, contentType: 'image/png' });

    const empty = await fetch(`${t.url}/api/conversations/${conversationId}/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'ru', authorization: `Bearer ${t.token}` }, body: JSON.stringify({ content: '   ' }),
    });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ code: 'reply_empty', message: 'Напишите сообщение или приложите файл' });
  });
});
