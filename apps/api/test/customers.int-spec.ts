import type { AttachmentDto, ConversationDto, CustomerDto, MessageDto, TimelineEventDto, WidgetSession } from '@parley/contracts';
import { api, connected, next, useRunningApp } from './harness';

describe('customers, conversations and the timeline', () => {
  const t = useRunningApp();
  /** A new web chat visitor who writes `text`: returns their customer and conversation ids. */
  async function visitorWrites(text: string, clientMessageId: string) {
    const s = t.open('/widget', { websiteToken: t.websiteToken });
    const session = await next<WidgetSession>(s, 'session');
    const ack = await s.emitWithAck('message:send', { content: text, clientMessageId });
    return { socket: s, customerId: session.customerId, conversationId: ack.message ? (await convOf(session.customerId)) : '' };
  }
  async function convOf(customerId: string): Promise<string> {
    const res = await api(t.url, 'GET', `/api/customers/${customerId}/conversations`, undefined, t.token);
    return res.body.items[0].id;
  }
  const get = (path: string) => api(t.url, 'GET', path, undefined, t.token);
  const post = (path: string, body: unknown) => api(t.url, 'POST', path, body, t.token);


  it('records CRM events on the timeline in occurrence order', async () => {
    const { customerId } = await visitorWrites('I paid yesterday', 'crm-event-0001');
    const order = await post(`/api/customers/${customerId}/events`, { type: 'order', title: 'Order #1042 placed', occurredAt: '2026-01-02T10:00:00Z', data: { total: 42 } });
    expect(order.status).toBe(201);
    await post(`/api/customers/${customerId}/events`, { type: 'payment', title: 'Order #1042 paid', occurredAt: '2026-01-03T10:00:00Z' });
    const bad = await post(`/api/customers/${customerId}/events`, { type: 'payment' });
    expect(bad.status).toBe(400);

    const timeline = (await get(`/api/customers/${customerId}/timeline`)).body.items as TimelineEventDto[];
    expect(timeline.map((e) => e.type)).toEqual(['message', 'conversation_opened', 'crm_event', 'crm_event']);
    expect(timeline.slice(2).map((e) => e.title)).toEqual(['Order #1042 paid', 'Order #1042 placed']);
    expect(timeline[3].data).toEqual({ total: 42, eventType: 'order' });
  });

  it('pages the timeline with a cursor, newest first, without gaps or repeats', async () => {
    const { customerId } = await visitorWrites('paging', 'paging-00001');
    for (let i = 0; i < 7; i++) {
      await post(`/api/customers/${customerId}/events`, { type: 'visit', title: `visit ${i}`, occurredAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: TimelineEventDto[]; nextCursor: string | null } } = await get(`/api/customers/${customerId}/timeline?limit=3${cursor ? `&before=${cursor}` : ''}`);
      seen.push(...page.body.items.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(9);
    expect(new Set(seen).size).toBe(9);
    expect((await get(`/api/customers/${customerId}/timeline?before=garbage`)).status).toBe(400);
  });

  it('edits attributes and tags and finds the customer by them', async () => {
    const { customerId } = await visitorWrites('hello', 'attr-000001');
    const agent = t.open('/agents', { token: t.token });
    await connected(agent);
    const renamed = next<ConversationDto>(agent, 'conversation.updated', (c) => c.customerId === customerId);
    const res = await api<CustomerDto>(t.url, 'PATCH', `/api/customers/${customerId}`, { name: 'Ivan Petrov', email: 'Ivan@Example.ru', attributes: { plan: 'gold' }, tags: ['vip', 'vip', 'b2b'] }, t.token);
    expect(res.body).toMatchObject({ name: 'Ivan Petrov', email: 'ivan@example.ru', attributes: { plan: 'gold' }, tags: ['vip', 'b2b'] });
    expect(res.body.identities).toHaveLength(1);
    expect(res.body.identities[0].channel).toBe('webchat');
    expect((await renamed).customer.name).toBe('Ivan Petrov');
    const found = await get('/api/customers?query=petrov');
    expect(found.body.items.map((c: CustomerDto) => c.id)).toContain(customerId);
    const paged = await get('/api/customers?limit=1');
    expect(paged.body.items).toHaveLength(1);
    const second = await get(`/api/customers?limit=1&cursor=${paged.body.nextCursor}`);
    expect(second.body.items[0].id).not.toBe(paged.body.items[0].id);
  });

  it('merges two customers into one timeline and leaves a pointer behind', async () => {
    const a = await visitorWrites('from laptop', 'merge-a-0001');
    const b = await visitorWrites('from phone', 'merge-b-0001');
    const merged = await post(`/api/customers/${a.customerId}/merge`, { sourceCustomerId: b.customerId });
    expect(merged.status).toBe(201);
    expect(merged.body.identities).toHaveLength(2);

    const source = await get(`/api/customers/${b.customerId}`);
    expect(source.body.mergedIntoId).toBe(a.customerId);
    const timeline = (await get(`/api/customers/${a.customerId}/timeline`)).body.items as TimelineEventDto[];
    expect(timeline.filter((e) => e.type === 'message').map((e) => e.content).sort()).toEqual(['from laptop', 'from phone']);
    expect(timeline[0].type).toBe('customer_merged');
    const conversations = await get(`/api/customers/${a.customerId}/conversations`);
    expect(conversations.body.items).toHaveLength(2);
    expect((await post(`/api/customers/${a.customerId}/merge`, { sourceCustomerId: b.customerId })).status).toBe(409);
    expect((await post(`/api/customers/${a.customerId}/merge`, { sourceCustomerId: a.customerId })).status).toBe(400);
  });

  it('resolves, reopens, assigns and filters conversations, live to agents', async () => {
    const me = (await get('/api/auth/me')).body;
    const { conversationId } = await visitorWrites('status please', 'status-00001');
    const agent = t.open('/agents', { token: t.token });
    await connected(agent);

    const updated = next<ConversationDto>(agent, 'conversation.updated', (c) => c.id === conversationId && c.assigneeId === me.id);
    const assigned = await post(`/api/conversations/${conversationId}/assignment`, { agentId: me.id });
    expect(assigned.body.assigneeId).toBe(me.id);
    await updated;
    const mine = await get('/api/conversations?assigneeId=me&status=open');
    expect(mine.body.items.map((c: ConversationDto) => c.id)).toEqual([conversationId]);

    const resolved = await post(`/api/conversations/${conversationId}/status`, { status: 'resolved' });
    expect(resolved.body).toMatchObject({ status: 'resolved' });
    expect(resolved.body.resolvedAt).not.toBeNull();
    const resolvedList = await get('/api/conversations?status=resolved');
    expect(resolvedList.body.items.map((c: ConversationDto) => c.id)).toContain(conversationId);

    const snoozeWithoutTime = await post(`/api/conversations/${conversationId}/status`, { status: 'snoozed' });
    expect(snoozeWithoutTime.status).toBe(400);
    const snoozed = await post(`/api/conversations/${conversationId}/status`, { status: 'snoozed', snoozeUntil: new Date(Date.now() + 3600_000).toISOString() });
    expect(snoozed.body.status).toBe('snoozed');
    const reopened = await post(`/api/conversations/${conversationId}/status`, { status: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', snoozedUntil: null, resolvedAt: null });

    // The wake-up is a Scheduler timer (a BullMQ delayed job, or a `jobs` row embedded): it reopens the conversation.
    const woken = next<ConversationDto>(agent, 'conversation.updated', (c) => c.id === conversationId && c.status === 'open', 15_000);
    const briefly = await post(`/api/conversations/${conversationId}/status`, { status: 'snoozed', snoozeUntil: new Date(Date.now() + 1500).toISOString() });
    expect(briefly.body.status).toBe('snoozed');
    expect(await woken).toMatchObject({ status: 'open', snoozedUntil: null });
    expect((await get(`/api/conversations/${conversationId}`)).body.status).toBe('open');
    expect((await post(`/api/conversations/${conversationId}/assignment`, { agentId: '01900000-0000-7000-8000-000000000000' })).status).toBe(400);
  });

  it('keeps private notes inside Parley and counts unread inbound messages', async () => {
    const { socket, conversationId } = await visitorWrites('first', 'unread-00001');
    await socket.emitWithAck('message:send', { content: 'second', clientMessageId: 'unread-00002' });
    expect((await get(`/api/conversations/${conversationId}`)).body.unreadCount).toBe(2);
    expect((await post(`/api/conversations/${conversationId}/read`, {})).body.unreadCount).toBe(0);

    let leaked = false;
    socket.on('message:new', (m: { content: string }) => (leaked ||= m.content === 'internal: refund approved'));
    const note = await post(`/api/conversations/${conversationId}/messages`, { content: 'internal: refund approved', private: true });
    expect(note.body).toMatchObject({ private: true, direction: 'outbound' });
    const reply = next(socket, 'message:new', (m: { content: string }) => m.content === 'public answer');
    await post(`/api/conversations/${conversationId}/messages`, { content: 'public answer' });
    await reply;
    expect(leaked).toBe(false);
    const messages = (await get(`/api/conversations/${conversationId}/messages`)).body.items as MessageDto[];
    expect(messages.map((m) => [m.content, m.private])).toEqual([
      ['public answer', false],
      ['internal: refund approved', true],
      ['second', false],
      ['first', false],
    ]);
    const timeline = (await get(`/api/customers/${messages[0].customerId}/timeline`)).body.items as TimelineEventDto[];
    expect(timeline.find((e) => e.type === 'note')?.content).toBe('internal: refund approved');
  });

  it('starts a new conversation when a resolved customer writes again', async () => {
    const { socket, conversationId, customerId } = await visitorWrites('first issue', 'again-000001');
    await post(`/api/conversations/${conversationId}/status`, { status: 'resolved' });
    await socket.emitWithAck('message:send', { content: 'new issue', clientMessageId: 'again-000002' });
    const list = (await get(`/api/customers/${customerId}/conversations`)).body.items as ConversationDto[];
    expect(list.map((c) => c.status)).toEqual(['open', 'resolved']);
  });
});

describe('attachments', () => {
  const t = useRunningApp();

  it('stores an upload, serves it back safely and sends it with a reply', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const up = await fetch(`${t.url}/api/attachments?fileName=receipt.png`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'image/png' },
      body: png,
    });
    expect(up.status).toBe(201);
    const attachment = (await up.json()) as AttachmentDto;
    expect(attachment).toMatchObject({ contentType: 'image/png', fileName: 'receipt.png', size: png.length });

    const down = await fetch(t.url + attachment.url);
    expect(down.headers.get('content-type')).toBe('image/png');
    expect(down.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await down.arrayBuffer()).equals(png)).toBe(true);
    expect((await fetch(`${t.url}/attachments/01900000-0000-7000-8000-000000000000`)).status).toBe(401);
    expect((await fetch(`${t.url}/attachments/01900000-0000-7000-8000-000000000000`, { headers: { authorization: `Bearer ${t.token}` } })).status).toBe(404);
    expect((await fetch(`${t.url}/api/attachments`, { method: 'POST', body: 'x' })).status).toBe(401);

    const visitor = t.open('/widget', { websiteToken: t.websiteToken });
    const session = await next<WidgetSession>(visitor, 'session');
    await visitor.emitWithAck('message:send', { content: 'my receipt?', clientMessageId: 'attach-00001' });
    const conversations = await api(t.url, 'GET', `/api/customers/${session.customerId}/conversations`, undefined, t.token);
    const reply = await api<MessageDto>(t.url, 'POST', `/api/conversations/${conversations.body.items[0].id}/messages`, { content: 'here it is', attachmentIds: [attachment.id] }, t.token);
    // Links are signed as they are read: same file, a fresh signature.
    expect(reply.body.attachments).toEqual([{ ...attachment, url: expect.stringMatching(new RegExp(`^/attachments/${attachment.id}\\?exp=\\d+&sig=`)) }]);
    const unknown = await api(t.url, 'POST', `/api/conversations/${conversations.body.items[0].id}/messages`, { content: 'x', attachmentIds: ['nope'] }, t.token);
    expect(unknown.status).toBe(422);
  });
});
