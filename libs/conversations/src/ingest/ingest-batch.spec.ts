import type { InboundMessage, RealtimePublisher } from '@parley/channels-core';
import { newId } from '@parley/domain';
import type { ChannelIdentityEntity, ConversationEntity, CustomerEntity } from '@parley/persistence';
import type { JobQueue } from '@parley/queue';
import { InMemoryIngestStore } from './in-memory-ingest';
import { IngestBatch } from './ingest-batch';
import type { IngestResult } from './ingest-result';

const INBOX = newId();
const T0 = new Date('2026-12-01T10:00:00Z');

function setUp() {
  const store = new InMemoryIngestStore();
  const events: string[] = [];
  const jobs: { name: string; data: Record<string, unknown> }[] = [];
  const singles: string[] = [];
  const realtime = { toAgents: (event: string) => events.push(event) } as unknown as RealtimePublisher;
  const queue = { add: async (_q: string, name: string, data: Record<string, unknown>) => void jobs.push({ name, data }) } as unknown as JobQueue;
  const batch = new IngestBatch({
    reads: store, writer: store, realtime, queue,
    single: async (inbound) => {
      singles.push(inbound.providerMessageId);
      return { duplicate: false, message: { id: inbound.providerMessageId }, conversation: {} } as unknown as IngestResult;
    },
    customerChanged: async (id) => void events.push(`customer ${id}`),
  });
  const sender = (n: number, status: ConversationEntity['status'] | null = 'open', customerId = newId()) => {
    if (!store.customers.has(customerId)) store.customers.set(customerId, { id: customerId, name: `Клиент ${n}`, email: null, phone: null, attributes: {}, tags: [], mergedIntoId: null, createdAt: T0, updatedAt: T0 } as CustomerEntity);
    const identity = { id: newId(), customerId, channel: 'telegram', externalId: `tg-${n}`, displayName: null, optedOut: false, metadata: null, unreachable: false, createdAt: T0 } as ChannelIdentityEntity;
    store.identities.set(identity.id, identity);
    if (status && ![...store.conversations.values()].some((c) => c.customerId === customerId)) {
      const id = newId();
      store.conversations.set(id, { id, customerId, inboxId: INBOX, channel: 'telegram', status, assigneeId: null, teamId: null, priority: 'normal', snoozedUntil: null, firstResponseAt: null, resolvedAt: null, lastMessageAt: T0, lastInboundAt: T0, lastMessagePreview: null, metadata: null, unreadCount: 0, createdAt: T0, updatedAt: T0 } as ConversationEntity);
    }
    return customerId;
  };
  const message = (n: number, id: string, over: Partial<InboundMessage> = {}): InboundMessage =>
    ({ inboxId: INBOX, channel: 'telegram', providerMessageId: id, sender: { externalId: `tg-${n}` }, content: `сообщение ${id}`, ...over }) as InboundMessage;
  return { store, batch, events, jobs, singles, sender, message };
}

describe('a group commit of inbound messages (IngestBatch on in-memory ports)', () => {
  it('writes the everyday messages of known senders as one batch, announces them and queues one follow-up', async () => {
    const t = setUp();
    t.sender(1);
    t.sender(2, 'snoozed');
    const results = await t.batch.run([t.message(1, 'a'), t.message(2, 'b')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(t.store.batches).toHaveLength(1);
    expect(t.store.batches[0]).toHaveLength(2);
    expect(t.singles).toEqual([]);
    expect(t.events.filter((e) => e === 'message.created')).toHaveLength(2);
    // One domain events job for the whole batch: a message.received per message.
    expect(t.jobs).toEqual([{ name: 'message.received', data: { events: [
      expect.objectContaining({ type: 'message.received', resumed: false }),
      expect.objectContaining({ type: 'message.received', resumed: true }),
    ] } }]);
    const [value] = results as PromiseFulfilledResult<IngestResult>[];
    expect(value.value).toMatchObject({ duplicate: false, conversation: { unreadCount: 1, status: 'open' }, message: { content: 'сообщение a' } });
  });

  it('opens a conversation for a known sender whose last one was resolved, with its own follow-up', async () => {
    const t = setUp();
    t.sender(1, 'resolved');
    await t.batch.run([t.message(1, 'a')]);
    expect(t.store.conversations.size).toBe(2);
    expect(t.jobs).toEqual([{ name: 'message.received', data: { events: [
      expect.objectContaining({ type: 'conversation.opened' }),
      expect.objectContaining({ type: 'message.received', opened: true }),
    ] } }]);
    expect(t.events).toContain('conversation.created');
  });

  it('leaves new senders, threaded or edited messages, claimable ones and a second message to one conversation to the one-by-one pipeline', async () => {
    const t = setUp();
    const shared = t.sender(1);
    t.sender(2, 'open', shared); // a second identity of the same customer
    t.sender(3);
    t.store.claimable.add('claimed');
    t.sender(4);
    await t.batch.run([
      t.message(1, 'a'), t.message(2, 'same-conversation'), t.message(9, 'new-sender'),
      t.message(3, 'claimed'), t.message(4, 'edit', { edits: 'a' }),
    ]);
    expect(t.store.batches).toEqual([[expect.any(String)]]);
    expect(t.singles).toEqual(['same-conversation', 'new-sender', 'claimed', 'edit']);
  });

  it('hands the whole batch to the one-by-one pipeline when a message of it was stored already (a redelivery)', async () => {
    const t = setUp();
    t.sender(1);
    t.sender(2);
    await t.batch.run([t.message(1, 'a')]);
    await t.batch.run([t.message(2, 'b'), t.message(1, 'a')]);
    expect(t.store.batches).toHaveLength(1);
    expect(t.singles).toEqual(['b', 'a']);
  });

  it('writes an opt-out with the batch and tells the customer panel', async () => {
    const t = setUp();
    const customer = t.sender(1);
    await t.batch.run([t.message(1, 'stop', { identityUpdate: { optedOut: true } })]);
    expect([...t.store.identities.values()][0].optedOut).toBe(true);
    expect(t.events).toContain(`customer ${customer}`);
  });
});
