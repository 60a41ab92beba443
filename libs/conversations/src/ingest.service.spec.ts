import { QueryFailedError } from 'typeorm';
import { AGENT_EVENTS } from '@parley/contracts';
import type { InboundMessage, RealtimePublisher } from '@parley/channels-core';
import type { CustomersService } from '@parley/customers';
import { newId } from '@parley/domain';
import type { ChannelIdentityEntity, CustomerEntity } from '@parley/persistence';
import type { JobQueue } from '@parley/queue';
import { ConversationHooks } from './conversation-hooks';
import type { ConversationsService } from './conversations.service';
import { IngestService, refusedForItsData } from './ingest.service';
import { InMemoryIngestStore } from './ingest/in-memory-ingest';
import { MessageEdits } from './ingest/message-edit';
import { PhoneLink } from './ingest/phone-link';
import { SenderOnly } from './ingest/sender-only';
import { StoreOne } from './ingest/store-one';
import { inMemoryIdentities, InMemoryIngestRepository } from './testing/in-memory-ingest.repository';

const INBOX = '5e0c9a1e-0000-4000-8000-00000000a001';

describe('which group commit failures are split to find the message', () => {
  const refusedBy = (code: string) => new QueryFailedError('INSERT …', [], Object.assign(new Error('refused'), { code }));

  it('splits a batch PostgreSQL refused for a value one message holds', () => {
    expect(refusedForItsData(refusedBy('22021'))).toBe(true); // invalid byte sequence (a NUL)
    expect(refusedForItsData(refusedBy('22001'))).toBe(true); // value too long for the column
    expect(refusedForItsData(refusedBy('23514'))).toBe(true); // check constraint
    expect(refusedForItsData(refusedBy('54000'))).toBe(true); // index row too large
    expect(refusedForItsData(refusedBy('P0001'))).toBe(true); // raised by a trigger
    expect(refusedForItsData(Object.assign(new Error('poison message'), { code: 'SQLITE_CONSTRAINT_TRIGGER' }))).toBe(true);
    expect(refusedForItsData(new TypeError("Cannot read properties of undefined (reading 'trim')"))).toBe(true);
  });

  it('fails a batch at once when the database itself is away', () => {
    expect(refusedForItsData(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(refusedForItsData(refusedBy('57P01'))).toBe(false); // terminating connection due to administrator command
    expect(refusedForItsData(refusedBy('08006'))).toBe(false); // connection failure
    expect(refusedForItsData(refusedBy('53300'))).toBe(false); // too many connections
    expect(refusedForItsData(new Error('Connection terminated unexpectedly'))).toBe(false);
  });

  it('leaves a unique violation to each message\'s own duplicate handling', () => {
    expect(refusedForItsData(refusedBy('23505'))).toBe(false);
    expect(refusedForItsData(refusedBy('SQLITE_CONSTRAINT_UNIQUE'))).toBe(false);
  });
});

function pipeline(kind: 'postgres' | 'sqlite' = 'sqlite') {
  const repo = new InMemoryIngestRepository(new InMemoryIngestStore(), kind);
  const store = repo.store;
  const events: [string, { id?: string; content?: string; customerId?: string }][] = [];
  const jobs: string[] = [];
  const merges: [string, string, string][] = [];
  const realtime = { toAgents: (event: string, payload: never) => events.push([event, payload]) } as unknown as RealtimePublisher;
  const queue = {
    add: async (_queue: string, name: string) => void jobs.push(name),
    addMany: async (_queue: string, many: { name: string }[]) => void jobs.push(...many.map((j) => j.name)),
  } as unknown as JobQueue;
  const customers = {
    get: async (id: string) => ({ id }),
    merge: async (targetId: string, sourceId: string, evidence: string) => void merges.push([targetId, sourceId, evidence]),
  } as unknown as CustomersService;
  const conversations = {
    announceCustomerChange: async () => undefined,
    get: async (id: string) => ({ id, customerId: merges.at(-1)?.[0] }),
  } as unknown as ConversationsService;
  const hooks = new ConversationHooks();
  const service = new IngestService(
    repo, realtime, queue, customers, hooks, store, store,
    new StoreOne(repo, inMemoryIdentities(store), hooks),
    new MessageEdits(repo, realtime),
    new PhoneLink(repo, customers, conversations),
    new SenderOnly(repo, inMemoryIdentities(store)),
  );
  return { service, store, events, jobs, merges };
}

const telegram = (providerMessageId: string, content: string, over: Partial<InboundMessage> = {}): InboundMessage => ({
  inboxId: INBOX, channel: 'telegram', providerMessageId, content,
  sender: { externalId: 'tg-501', displayName: 'Ольга Смирнова' },
  occurredAt: new Date('2026-12-01T10:00:00Z'), ...over,
} as InboundMessage);

describe('the one-by-one ingest pipeline on in-memory storage', () => {
  it('stores a first message from a new sender in a new conversation', async () => {
    const { service, store, events } = pipeline();

    const result = await service.ingest(telegram('501', 'Здравствуйте, заказ не пришёл'));

    expect(result.duplicate).toBe(false);
    expect(store.messages.map((m) => m.content)).toEqual(['Здравствуйте, заказ не пришёл']);
    expect([...store.customers.values()].map((c) => c.name)).toEqual(['Ольга Смирнова']);
    expect(result.conversation.customerId).toBe([...store.customers.keys()][0]);
    expect(events.map(([e]) => e)).toContain(AGENT_EVENTS.messageCreated);
  });

  it('stores a redelivered provider message once and says it was a duplicate', async () => {
    const { service, store, events } = pipeline();
    const first = await service.ingest(telegram('502', 'Где мой заказ?'));
    const announced = events.length;
    const timeline = store.timeline.length;

    const again = await service.ingest(telegram('502', 'Где мой заказ?'));

    expect(again.duplicate).toBe(true);
    expect(again.message.id).toBe(first.message.id);
    expect(store.messages).toHaveLength(1);
    expect(store.timeline).toHaveLength(timeline);
    expect(events).toHaveLength(announced);
  });

  it('applies an edit: the message shows the new text and keeps the old one', async () => {
    const { service, store, events } = pipeline();
    const original = await service.ingest(telegram('503', 'Привет, заказ 1234'));

    const edited = await service.ingest(telegram('503-e1', 'Привет, заказ 12345', { edits: '503', occurredAt: new Date('2026-12-01T10:05:00Z') }));

    expect(edited.duplicate).toBe(false);
    expect(edited.message.id).toBe(original.message.id);
    expect(edited.message.content).toBe('Привет, заказ 12345');
    expect(store.messages).toHaveLength(1);
    expect(store.messages[0].metadata).toEqual({ edits: [{ id: '503-e1', content: 'Привет, заказ 1234', editedAt: '2026-12-01T10:05:00.000Z' }] });
    expect(store.timeline.find((e) => e.messageId === original.message.id)?.content).toBe('Привет, заказ 12345');
    expect(events.at(-1)).toEqual([AGENT_EVENTS.messageUpdated, expect.objectContaining({ content: 'Привет, заказ 12345' })]);

    const redelivered = await service.ingest(telegram('503-e1', 'Привет, заказ 12345', { edits: '503' }));
    expect(redelivered.duplicate).toBe(true);
    expect((store.messages[0].metadata!.edits as unknown[])).toHaveLength(1);
  });

  it('stores an edit of a message it never saw as that message, under the original id', async () => {
    const { service, store } = pipeline();

    await service.ingest(telegram('504-e1', 'Уже исправленный текст', { edits: '504' }));

    expect(store.messages.map((m) => [m.providerMessageId, m.content])).toEqual([['504', 'Уже исправленный текст']]);
    expect(store.messages[0].metadata).toEqual({ edits: [{ id: '504-e1', content: null, editedAt: '2026-12-01T10:00:00.000Z' }] });
  });

  it('links a Telegram sender who shared a proven phone to the SMS customer with that number', async () => {
    const { service, store, merges } = pipeline();
    const sms = seedCustomer(store, 'Ольга (SMS)', { channel: 'sms', externalId: '+79161234567' });

    const result = await service.ingest(telegram('505', 'Мой номер', { verifiedPhone: '+79161234567' }));

    const telegramCustomer = [...store.customers.values()].find((c) => c.id !== sms)!.id;
    expect(merges).toEqual([[sms, telegramCustomer, '+79161234567 (telegram)']]);
    expect(result.message.customerId).toBe(sms);
    expect(result.conversation.customerId).toBe(sms);
  });

  it('does not link on a phone a visitor merely typed into their record', async () => {
    const { service, store, merges } = pipeline();
    const typedBy = seedCustomer(store, 'Кто-то другой', null, { phone: '+79161234567', phoneSource: 'prechat' });

    const result = await service.ingest(telegram('506', 'Мой номер', { verifiedPhone: '+79161234567' }));

    expect(merges).toEqual([]);
    expect(store.customers.size).toBe(2);
    expect(result.message.customerId).not.toBe(typedBy);
  });

  it('runs group commits side by side on PostgreSQL only', () => {
    expect(pipeline('postgres').service.groupCommits).toBe(true);
    expect(pipeline('sqlite').service.groupCommits).toBe(false);
  });
});

describe('identity-only updates (a subscription, an unsubscription): no message, no conversation', () => {
  const viber = (providerMessageId: string, over: Partial<InboundMessage>): InboundMessage => ({
    inboxId: INBOX, channel: 'viber', providerMessageId, content: '', identityOnly: true,
    sender: { externalId: 'vb-ольга==', displayName: 'Ольга Смирнова' }, occurredAt: new Date('2026-12-01T10:00:00Z'), ...over,
  } as InboundMessage);

  it('introduces a subscriber: customer and identity, with their name and language, and nothing else', async () => {
    const { service, store, events, jobs } = pipeline();

    const outcome = await service.receive(viber('7001', {
      identityUpdate: { optedOut: false, metadata: { languageCode: 'ru' } },
      customerFill: { name: 'Ольга Смирнова', attributes: { language: 'ru' } },
    }));

    expect(outcome).toEqual({ identityOnly: true, customerId: expect.any(String), changed: true, duplicate: false });
    const [customer] = [...store.customers.values()];
    expect(customer).toMatchObject({ name: 'Ольга Смирнова', attributes: { language: 'ru' } });
    expect([...store.identities.values()][0]).toMatchObject({ channel: 'viber', optedOut: false, metadata: { languageCode: 'ru' } });
    expect(store.messages).toEqual([]);
    expect(store.conversations.size).toBe(0);
    expect(store.timeline).toEqual([]);
    expect(jobs).toEqual([]);
    expect(events).toEqual([[AGENT_EVENTS.customerUpdated, { id: customer.id }]]);
  });

  it('clears an opt-out of a known customer and leaves their conversation alone', async () => {
    const { service, store, events } = pipeline();
    await service.ingest(telegram('601', 'Здравствуйте', { channel: 'viber', sender: { externalId: 'vb-ольга==', displayName: 'Ольга' } }));
    await service.receive(viber('7002', { identityUpdate: { optedOut: true, metadata: { optedOutAt: '2026-12-01T10:01:00.000Z' } } }));
    expect([...store.identities.values()][0].optedOut).toBe(true);
    const conversation = { ...[...store.conversations.values()][0] };
    events.length = 0;

    const outcome = await service.receive(viber('7003', { identityUpdate: { optedOut: false }, customerFill: { name: 'Ольга Смирнова' } }));

    expect(outcome).toMatchObject({ identityOnly: true, changed: true });
    expect([...store.identities.values()][0].optedOut).toBe(false);
    expect([...store.customers.values()][0].name).toBe('Ольга');
    expect(store.messages).toHaveLength(1);
    expect([...store.conversations.values()][0]).toEqual(conversation);
    expect(events.map(([e]) => e)).toEqual([AGENT_EVENTS.customerUpdated]);
  });

  it('stores nothing for an opt-out from someone never seen, and nothing new for a repeated event', async () => {
    const { service, store, events } = pipeline();

    const stranger = await service.receive(viber('7004', { sender: { externalId: 'vb-незнакомец' }, identityUpdate: { optedOut: true } }));
    expect(stranger).toEqual({ identityOnly: true, customerId: null, changed: false, duplicate: false });
    expect(store.customers.size).toBe(0);

    const subscribed = viber('7005', { identityUpdate: { optedOut: false }, customerFill: { name: 'Ольга' } });
    await service.receive(subscribed);
    events.length = 0;
    const again = await service.receive(subscribed);
    expect(again).toMatchObject({ changed: false, duplicate: true });
    expect(store.customers.size).toBe(1);
    expect(events).toEqual([]);
  });

  it('is refused, untouched, where a message is expected', async () => {
    const { service, store } = pipeline();
    await expect(service.ingest(viber('7006', { customerFill: { name: 'Ольга' } }))).rejects.toThrow('an identity-only update is not a message');
    expect(store.customers.size).toBe(0);
  });
});

function seedCustomer(store: InMemoryIngestStore, name: string, identity: { channel: string; externalId: string } | null, over: Partial<CustomerEntity> = {}): string {
  const at = new Date('2026-11-01T09:00:00Z');
  const id = newId();
  store.customers.set(id, { id, name, email: null, phone: null, attributes: {}, tags: [], mergedIntoId: null, createdAt: at, updatedAt: at, ...over } as CustomerEntity);
  const identityId = newId();
  if (identity) store.identities.set(identityId, { id: identityId, customerId: id, ...identity, displayName: name, optedOut: false, unreachable: false, metadata: null, createdAt: at } as ChannelIdentityEntity);
  return id;
}
