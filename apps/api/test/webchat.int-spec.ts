import type { Socket } from 'socket.io-client';
import type { MessageDto, WidgetMessage, WidgetSendAck, WidgetSession } from '@parley/contracts';
import { api, connect, connected, login, next, startApp, useRunningApp } from './harness';

describe('web chat end to end through the api', () => {
  const t = useRunningApp();
  const send = (s: Socket, content: string, clientMessageId: string) =>
    s.emitWithAck('message:send', { content, clientMessageId }) as Promise<WidgetSendAck>;

  it('reports which database and queue it runs on', async () => {
    const res = await api(t.url, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite',
      queue: process.env.REDIS_URL ? 'redis' : 'memory',
    });
  });

  it('carries a visitor message to the agent, the reply back, and both onto the timeline', async () => {
    const agent = t.open('/agents', { token: t.token });
    await connected(agent);
    const visitor = t.open('/widget', { websiteToken: t.websiteToken });
    const session = await next<WidgetSession>(visitor, 'session');
    expect(session.messages).toEqual([]);

    const seen = next<MessageDto>(agent, 'message.created', (m) => m.content === 'Where is my order?');
    const ack = await send(visitor, 'Where is my order?', 'client-msg-0001');
    expect(ack.ok).toBe(true);
    const inbound = await seen;
    expect(inbound).toMatchObject({ direction: 'inbound', channel: 'webchat', customerId: session.customerId });

    const reply = next<WidgetMessage>(visitor, 'message:new', (m) => m.direction === 'outbound');
    const sent = await api<MessageDto>(t.url, 'POST', `/api/conversations/${inbound.conversationId}/messages`, { content: 'It ships today' }, t.token);
    expect(sent.status).toBe(201);
    expect(await reply).toMatchObject({ content: 'It ships today', authorName: 'Admin' });

    const timeline = await api(t.url, 'GET', `/api/customers/${session.customerId}/timeline`, undefined, t.token);
    const messages = timeline.body.items.filter((e: { type: string }) => e.type === 'message');
    expect(messages.map((e: { content: string; direction: string }) => [e.direction, e.content])).toEqual([
      ['outbound', 'It ships today'],
      ['inbound', 'Where is my order?'],
    ]);
    const conversation = await api(t.url, 'GET', `/api/conversations/${inbound.conversationId}`, undefined, t.token);
    expect(conversation.body.firstResponseAt).not.toBeNull();
  });

  it('stores a re-sent clientMessageId once and keeps history across reconnects', async () => {
    const first = t.open('/widget', { websiteToken: t.websiteToken });
    const session = await next<WidgetSession>(first, 'session');
    await send(first, 'Hello once', 'retry-same-id-1');
    const again = await send(first, 'Hello once', 'retry-same-id-1');
    expect(again.ok).toBe(true);
    first.disconnect();

    const back = t.open('/widget', { websiteToken: t.websiteToken, visitorToken: session.visitorToken });
    const resumed = await next<WidgetSession>(back, 'session');
    expect(resumed.customerId).toBe(session.customerId);
    expect(resumed.messages.map((m) => m.content)).toEqual(['Hello once']);
  });

  it('refuses an unknown websiteToken and malformed widget events with a message', async () => {
    const stranger = t.open('/widget', { websiteToken: 'nope' });
    await expect(connected(stranger)).rejects.toThrow('Unknown websiteToken');

    const visitor = t.open('/widget', { websiteToken: t.websiteToken });
    await next(visitor, 'session');
    const empty = await send(visitor, '   ', 'client-msg-0002');
    expect(empty).toEqual({ ok: false, error: 'content must be a non-empty string' });
    const badId = await send(visitor, 'hi', 'x');
    expect(badId.ok).toBe(false);
  });

  it('answers bad REST input with a clear 4xx', async () => {
    expect((await api(t.url, 'GET', '/api/conversations')).status).toBe(401);
    expect((await api(t.url, 'GET', '/api/conversations', undefined, 'garbage')).status).toBe(401);
    const malformed = await api(t.url, 'GET', '/api/conversations/not-an-id', undefined, t.token);
    expect(malformed).toMatchObject({ status: 400, body: { statusCode: 400, message: 'Malformed id: not-an-id' } });
    const unknown = await api(t.url, 'GET', '/api/conversations/01900000-0000-7000-8000-000000000000', undefined, t.token);
    expect(unknown.status).toBe(404);
    const badStatus = await api(t.url, 'GET', '/api/conversations?status=closed', undefined, t.token);
    expect(badStatus.status).toBe(400);
    const broken = await api(t.url, 'POST', '/api/auth/login', '{"email":', undefined);
    expect(broken.status).toBe(400);
    const huge = await api(t.url, 'POST', '/api/auth/login', { email: 'a@b.co', password: 'x'.repeat(2_000_000) });
    expect(huge.status).toBe(413);
    const inboxId = (await api(t.url, 'GET', '/api/inboxes', undefined, t.token)).body[0].id;
    const form = (path: string) => fetch(t.url + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'From=x' });
    expect((await form(`/webhooks/twilio/${inboxId}`)).status).toBe(404);
    expect((await form('/webhooks/twilio/not-an-inbox')).status).toBe(404);
  });

  it('lets only admins create users and inboxes', async () => {
    const created = await api(t.url, 'POST', '/api/users', { name: 'Anna', email: 'anna@parley.test', password: 'anna-password', role: 'agent' }, t.token);
    expect(created.status).toBe(201);
    const anna = await login(t.url, { email: 'anna@parley.test', password: 'anna-password' });
    const denied = await api(t.url, 'POST', '/api/inboxes', { name: 'Shop', channel: 'webchat' }, anna.accessToken);
    expect(denied.status).toBe(403);
    const dup = await api(t.url, 'POST', '/api/users', { name: 'Anna', email: 'anna@parley.test', password: 'anna-password', role: 'agent' }, t.token);
    expect(dup.status).toBe(409);
  });

  it('stores one message when two deliveries of it race each other', async () => {
    const { IngestService } = await import('@parley/conversations');
    const ingest = t.app.app.get(IngestService);
    const inboxId = (await api(t.url, 'GET', '/api/inboxes', undefined, t.token)).body[0].id;
    const inbound = {
      inboxId, channel: 'webchat' as const, providerMessageId: 'provider-race-1',
      sender: { externalId: 'racing-visitor', displayName: 'Racing Visitor' }, content: 'sent twice at once',
    };
    const results = await Promise.all([ingest.ingest(inbound), ingest.ingest(inbound), ingest.ingest(inbound)]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    const messages = await api(t.url, 'GET', `/api/conversations/${results[0].conversation.id}/messages`, undefined, t.token);
    expect(messages.body.items.map((m: MessageDto) => m.content)).toEqual(['sent twice at once']);
  });
});

describe('queued inbound ingest', () => {
  it('stores a queued provider message once, however often the provider retries it', async () => {
    const { IngestService } = await import('@parley/conversations');
    const app = await startApp();
    try {
      const { accessToken } = await login(app.url);
      const agent = connect(app.url, '/agents', { token: accessToken });
      await connected(agent);
      const inboxId = (await api(app.url, 'GET', '/api/inboxes', undefined, accessToken)).body[0].id;
      const ingest = app.app.get(IngestService);
      const arrived = next<MessageDto>(agent, 'message.created', (m) => m.content === 'queued hello');
      const inbound = {
        inboxId, channel: 'webchat' as const, providerMessageId: 'provider-42',
        sender: { externalId: 'queued-visitor', displayName: 'Queued Visitor' }, content: 'queued hello',
      };
      await ingest.enqueue(inbound);
      await ingest.enqueue(inbound);
      const message = await arrived;
      await ingest.ingest(inbound);
      const messages = await api(app.url, 'GET', `/api/conversations/${message.conversationId}/messages`, undefined, accessToken);
      expect(messages.body.items).toHaveLength(1);
      const customer = await api(app.url, 'GET', `/api/customers/${message.customerId}`, undefined, accessToken);
      expect(customer.body.name).toBe('Queued Visitor');
      agent.disconnect();
    } finally {
      await app.close();
    }
  });
});
