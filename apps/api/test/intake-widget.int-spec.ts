import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import type { InboxDto, WidgetSendAck, WidgetSession } from '@parley/contracts';
import { WIDGET_EVENTS } from '@parley/contracts';
import { customerIdOfVisitor, verifyVisitorToken, VisitorRateLimiter } from '@parley/channels-webchat';
import { SecretsService } from '@parley/runtime';
import { CustomerEntity, MessageEntity } from '@parley/persistence';
import { api, connected, next, useRunningApp } from './harness';

const REDIS = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/**
 * `/widget` abuse: connections that never write leave no rows, each address gets so many
 * connections and messages a minute (per inbox, configurable), and what a visitor writes is
 * stored the way it can be (NUL bytes removed) or refused with an error ack.
 */
describe('intake: the web chat widget', () => {
  const t = useRunningApp();
  const db = () => t.app.app.get(DataSource);
  const send = (s: Socket, content: string, clientMessageId: string) =>
    s.emitWithAck('message:send', { content, clientMessageId }) as Promise<WidgetSendAck>;
  const webchatInbox = async (name: string, limits?: Record<string, unknown>): Promise<InboxDto & { websiteToken: string }> => {
    const res = await api(t.url, 'POST', '/api/inboxes', { name, channel: 'webchat', config: limits ? { limits } : {} }, t.token);
    if (res.status !== 201) throw new Error(`inbox not created: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const session = (socket: Socket) => next<WidgetSession>(socket, 'session');

  it('stores a visitor message holding NUL bytes without them', async () => {
    const visitor = t.open('/widget', { websiteToken: t.websiteToken });
    await session(visitor);
    const ack = await send(visitor, 'Здравствуйте\u0000, где\u0000 мой заказ?', `nul-${randomBytes(4).toString('hex')}`);
    expect(ack).toMatchObject({ ok: true, message: { content: 'Здравствуйте, где мой заказ?' } });
    const row = await db().getRepository(MessageEntity).findOneByOrFail({ id: (ack as { message: { id: string } }).message.id });
    expect(row.content).toBe('Здравствуйте, где мой заказ?');
  });

  it('answers a message that is nothing but NUL bytes with an error ack', async () => {
    const visitor = t.open('/widget', { websiteToken: t.websiteToken });
    await session(visitor);
    expect(await send(visitor, '\u0000\u0000 ', 'only-nul-0001')).toEqual({ ok: false, error: 'content must be a non-empty string' });
  });

  it('creates no customer for 200 connections that send nothing, and creates it under the announced id on the first message', async () => {
    const inbox = await webchatInbox('Витрина', { connectionsPerMinute: 1000 });
    const before = await db().getRepository(CustomerEntity).count();
    const sockets = Array.from({ length: 200 }, () => t.open('/widget', { websiteToken: inbox.websiteToken }));
    const sessions = await Promise.all(sockets.map(session));
    expect(new Set(sessions.map((s) => s.customerId)).size).toBe(200);
    expect(await db().getRepository(CustomerEntity).count()).toBe(before);
    sockets.slice(1).forEach((s) => s.disconnect());

    const first = sessions[0];
    expect(await send(sockets[0], 'Первое сообщение', 'first-msg-0001')).toMatchObject({ ok: true });
    expect(await db().getRepository(CustomerEntity).count()).toBe(before + 1);
    expect(await db().getRepository(CustomerEntity).existsBy({ id: first.customerId })).toBe(true);
    const customer = await api(t.url, 'GET', `/api/customers/${first.customerId}`, undefined, t.token);
    expect(customer.body.identities).toHaveLength(1);

    // A returning visitor gets the same customer and their history.
    sockets[0].disconnect();
    const back = t.open('/widget', { websiteToken: inbox.websiteToken, visitorToken: first.visitorToken });
    const resumed = await session(back);
    expect(resumed.customerId).toBe(first.customerId);
    expect(resumed.messages.map((m) => m.content)).toEqual(['Первое сообщение']);
  });

  it('creates the customer with the pre-chat details when the visitor gives them before writing', async () => {
    const visitor = t.open('/widget', { websiteToken: t.websiteToken });
    const { customerId } = await session(visitor);
    const result = await visitor.timeout(10_000).emitWithAck(WIDGET_EVENTS.identify, { name: 'Анна\u0000 Смирнова', email: 'Anna@Example.ru' });
    expect(result).toEqual({ ok: true });
    const customer = await db().getRepository(CustomerEntity).findOneByOrFail({ id: customerId });
    expect(customer).toMatchObject({ name: 'Анна Смирнова', email: 'anna@example.ru' });
    expect(await send(visitor, 'Вопрос по доставке', 'prechat-msg-01')).toMatchObject({ ok: true });
    const messages = await db().getRepository(MessageEntity).findBy({ customerId });
    expect(messages.map((m) => m.content)).toEqual(['Вопрос по доставке']);
  });

  it('refuses connections from one address past the inbox limit, with when to retry', async () => {
    const inbox = await webchatInbox('Лимит подключений', { connectionsPerMinute: 3 });
    for (let i = 0; i < 3; i++) await session(t.open('/widget', { websiteToken: inbox.websiteToken }));
    const fourth = t.open('/widget', { websiteToken: inbox.websiteToken });
    const refused = await connected(fourth).then(() => null, (err: Error & { data?: { retryAfterSeconds?: number } }) => err);
    expect(refused?.message).toBe('Too many connections from this address, retry later');
    expect(refused?.data?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // Another inbox counts on its own.
    await session(t.open('/widget', { websiteToken: t.websiteToken }));
  });

  it('refuses messages from one address past the inbox limit with an error ack, storing only those within it', async () => {
    const inbox = await webchatInbox('Лимит сообщений', { messagesPerMinute: 3 });
    const visitor = t.open('/widget', { websiteToken: inbox.websiteToken });
    const { customerId } = await session(visitor);
    const acks = [];
    for (let i = 0; i < 4; i++) acks.push(await send(visitor, `Сообщение ${i}`, `limited-msg-${i}`));
    expect(acks.slice(0, 3).every((a) => a.ok)).toBe(true);
    expect(acks[3]).toMatchObject({ ok: false, error: expect.stringMatching(/^Too many messages from this address, retry in \d+ s$/) });
    expect((await db().getRepository(MessageEntity).findBy({ customerId })).map((m) => m.content).sort()).toEqual(['Сообщение 0', 'Сообщение 1', 'Сообщение 2']);
  });

  it('takes limits in a web chat inbox config and refuses ones it cannot apply with 400', async () => {
    const inbox = await webchatInbox('Настройки', { connectionsPerMinute: 30, messagesPerMinute: 60 });
    expect(inbox.config).toEqual({ limits: { connectionsPerMinute: 30, messagesPerMinute: 60 } });
    const bad = await api(t.url, 'PATCH', `/api/inboxes/${inbox.id}`, { config: { limits: { messagesPerMinute: 0 } } }, t.token);
    expect(bad).toMatchObject({ status: 400, body: { statusCode: 400, message: 'The webchat settings were refused: limits.messagesPerMinute must be a whole number from 1 to 1000000' } });
    const unknown = await api(t.url, 'POST', '/api/inboxes', { name: 'Опечатка', channel: 'webchat', config: { limits: { messagesPerHour: 5 } } }, t.token);
    expect(unknown.status).toBe(400);
  });

  it('announces a customer id derived from the visitor, the same on every node', async () => {
    const visitor = t.open('/widget', { websiteToken: t.websiteToken });
    const { visitorToken, customerId } = await session(visitor);
    expect(customerId).toBe(customerIdOfVisitor(verifyVisitorToken(await t.app.app.get(SecretsService).visitorTokenKeys(), visitorToken)!));
  });
});

describe('intake: widget rate limits shared through Redis', () => {
  const clients: Redis[] = [];
  const client = (url: string) => {
    const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    redis.on('error', () => undefined);
    clients.push(redis);
    return redis;
  };
  const ready = (redis: Redis) => new Promise<void>((resolve) => (redis.status === 'ready' ? resolve() : redis.once('ready', () => resolve())));
  afterAll(() => Promise.all(clients.map((c) => c.quit().catch(() => undefined))));

  it('counts an address once across api nodes', async () => {
    const prefix = `parley-test-${randomBytes(4).toString('hex')}`;
    const [a, b] = [client(REDIS), client(REDIS)];
    await Promise.all([ready(a), ready(b)]);
    const nodeA = new VisitorRateLimiter(a, prefix);
    const nodeB = new VisitorRateLimiter(b, prefix);
    expect(await nodeA.consume('connection', 'inbox-1', '198.51.100.4', 2)).toEqual({ allowed: true });
    expect(await nodeB.consume('connection', 'inbox-1', '198.51.100.4', 2)).toEqual({ allowed: true });
    expect(await nodeA.consume('connection', 'inbox-1', '198.51.100.4', 2)).toMatchObject({ allowed: false });
    expect(await nodeB.consume('connection', 'inbox-1', '198.51.100.4', 2)).toMatchObject({ allowed: false });
  });

  it('falls back to counting in memory while Redis is unreachable', async () => {
    const limiter = new VisitorRateLimiter(client('redis://127.0.0.1:1'), `parley-test-${randomBytes(4).toString('hex')}`);
    expect(await limiter.consume('message', 'inbox-1', '198.51.100.5', 1)).toEqual({ allowed: true });
    expect(await limiter.consume('message', 'inbox-1', '198.51.100.5', 1)).toMatchObject({ allowed: false });
  });
});
