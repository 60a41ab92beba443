import type { ChannelAdapter, OutboundMessage, RealtimePublisher } from '@parley/channels-core';
import { PermanentDeliveryError } from '@parley/channels-core';
import type { CustomersService } from '@parley/customers';
import type { AttachmentStore, ChannelIdentityEntity, ConversationEntity, InboxEntity } from '@parley/persistence';
import { PermanentJobError, type JobQueue } from '@parley/queue';
import type { ChannelRegistry } from './channel-registry';
import type { ConversationsService } from './conversations.service';
import { DELIVERY_QUEUE, OutboundService } from './outbound.service';
import { InMemoryOutboxRepository } from './testing/in-memory-outbox.repository';

const agent = { id: 'u-1', name: 'Ольга' };
const t0 = new Date('2026-12-01T10:00:00Z');

function setup(send: ChannelAdapter['send'] = async () => ({ providerMessageId: 'SM1', status: 'sent' })) {
  const outbox = new InMemoryOutboxRepository();
  outbox.conversations.set('c-1', {
    id: 'c-1', customerId: 'cust-1', inboxId: 'in-1', channel: 'sms', status: 'open', unreadCount: 3, firstResponseAt: null,
    lastInboundAt: t0, lastMessageAt: t0, lastMessagePreview: 'Где мой заказ?', metadata: null, createdAt: t0, updatedAt: t0,
  } as unknown as ConversationEntity);
  outbox.inboxes.set('in-1', { id: 'in-1', channel: 'sms', config: { from: '+15550000000' } } as unknown as InboxEntity);
  outbox.identities.push({ id: 'id-1', customerId: 'cust-1', channel: 'sms', externalId: '+79161234567', optedOut: false, unreachable: false, metadata: null, createdAt: t0 } as unknown as ChannelIdentityEntity);
  const sent: OutboundMessage[] = [];
  const adapter = { channel: 'sms', send: async (m: OutboundMessage, inbox: never) => { sent.push(m); return send(m, inbox); } } as unknown as ChannelAdapter;
  const jobs: { queue: string; name: string; data: Record<string, unknown> }[] = [];
  const queue = { add: async (queue: string, name: string, data: Record<string, unknown>) => void jobs.push({ queue, name, data }) } as unknown as JobQueue;
  const broadcasts: { event: string; payload: any }[] = [];
  const realtime = { toAgents: (event: string, payload: unknown) => void broadcasts.push({ event, payload }) } as unknown as RealtimePublisher;
  const conversations = { toDto: async (c: ConversationEntity) => ({ id: c.id, unreadCount: c.unreadCount }) } as unknown as ConversationsService;
  const channels = { get: () => adapter } as unknown as ChannelRegistry;
  const attachments = { describe: async (ids: string[]) => ids.map((id) => ({ id })) } as unknown as AttachmentStore;
  const customers = { get: async (id: string) => ({ id }) } as unknown as CustomersService;
  const service = new OutboundService(outbox, conversations, channels, realtime, queue, attachments, customers);
  return { service, outbox, sent, jobs, broadcasts };
}

describe('OutboundService on an in-memory outbox', () => {
  it('stores a reply as a pending outbox row with its timeline event and the conversation answered, then queues its delivery', async () => {
    const { service, outbox, jobs, broadcasts } = setup();
    const dto = await service.reply('c-1', agent, 'Заказ уже в пути', false);
    const row = outbox.messages.get(dto.id)!;
    expect(row).toMatchObject({ direction: 'outbound', deliveryStatus: 'pending', content: 'Заказ уже в пути', authorName: 'Ольга' });
    expect(outbox.timeline).toEqual([expect.objectContaining({ type: 'message', messageId: dto.id, direction: 'outbound', customerId: 'cust-1' })]);
    expect(outbox.conversations.get('c-1')).toMatchObject({ unreadCount: 0, lastMessagePreview: 'Заказ уже в пути' });
    expect(outbox.conversations.get('c-1')!.firstResponseAt).toBeInstanceOf(Date);
    expect(jobs.map((j) => `${j.queue}/${j.name}`)).toEqual([`${DELIVERY_QUEUE}/deliver`, 'follow-up/message.replied']);
    expect(broadcasts.map((b) => b.event)).toEqual(['message.created', 'conversation.updated', 'timeline.created']);
  });

  it('keeps a private note out of the outbox, leaves the conversation unanswered and publishes only the note', async () => {
    const { service, outbox, jobs } = setup();
    const dto = await service.reply('c-1', agent, 'Клиент VIP', true);
    expect(outbox.messages.get(dto.id)).toMatchObject({ private: true, deliveryStatus: 'sent' });
    expect(outbox.timeline[0]).toMatchObject({ type: 'note' });
    expect(outbox.conversations.get('c-1')).toMatchObject({ unreadCount: 3, firstResponseAt: null });
    expect(jobs.map((j) => `${j.queue}/${j.name}`)).toEqual(['follow-up/note.added']);
  });

  it('refuses a reply to an opted-out customer and writes nothing', async () => {
    const { service, outbox } = setup();
    outbox.identities[0].optedOut = true;
    await expect(service.reply('c-1', agent, 'Здравствуйте', false)).rejects.toThrow('opted out');
    expect(outbox.messages.size).toBe(0);
    expect(outbox.timeline).toEqual([]);
  });

  it('refuses a reply that still holds a canned response placeholder, and writes nothing', async () => {
    const { service, outbox } = setup();
    await expect(service.reply('c-1', agent, 'Здравствуйте, {{customer.first_name}}! Заказ в пути', false)).rejects.toThrow('Fill in or remove {{customer.first_name}} before sending');
    expect(outbox.messages.size).toBe(0);
    expect((await service.reply('c-1', agent, 'Шаблон {{customer.first_name}} не заполнен', true)).private).toBe(true);
  });

  it('refuses an unknown conversation with a 404', async () => {
    const { service } = setup();
    await expect(service.reply('c-404', agent, 'Здравствуйте', false)).rejects.toMatchObject({ status: 404 });
  });

  it('sends a pending row once: a second run of the same job sends nothing', async () => {
    const { service, outbox, sent, broadcasts } = setup();
    const dto = await service.reply('c-1', agent, 'Заказ уже в пути', false);
    await service.deliver(dto.id, 1, false);
    await service.deliver(dto.id, 2, false);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ content: 'Заказ уже в пути', recipient: { externalId: '+79161234567' } });
    expect(outbox.messages.get(dto.id)).toMatchObject({ deliveryStatus: 'sent', providerMessageId: 'SM1', deliveryAttempts: 1, metadata: null });
    expect(broadcasts.filter((b) => b.event === 'message.updated').map((b) => b.payload.deliveryStatus)).toEqual(['sent']);
  });

  it('keeps a row pending with the error after a failed attempt, and fails it on the last one', async () => {
    const { service, outbox } = setup(async () => { throw new Error('Twilio 503'); });
    const dto = await service.reply('c-1', agent, 'Заказ уже в пути', false);
    await expect(service.deliver(dto.id, 1, false)).rejects.toThrow('Twilio 503');
    expect(outbox.messages.get(dto.id)).toMatchObject({ deliveryStatus: 'pending', deliveryAttempts: 1, deliveryError: 'Twilio 503' });
    await expect(service.deliver(dto.id, 8, true)).rejects.toThrow('Twilio 503');
    expect(outbox.messages.get(dto.id)).toMatchObject({ deliveryStatus: 'failed', deliveryError: 'Twilio 503' });
  });

  it('fails a refused message for good and marks the recipient unreachable', async () => {
    const { service, outbox } = setup(async () => { throw new PermanentDeliveryError('Forbidden: bot was blocked by the user', '403', { unreachable: true }); });
    const dto = await service.reply('c-1', agent, 'Заказ уже в пути', false);
    await expect(service.deliver(dto.id, 1, false)).rejects.toBeInstanceOf(PermanentJobError);
    expect(outbox.messages.get(dto.id)).toMatchObject({ deliveryStatus: 'failed' });
    expect(outbox.identities[0].unreachable).toBe(true);
  });

  it('sends a replayed dead letter again, but only one that never reached the provider', async () => {
    const { service, outbox, sent } = setup();
    const dto = await service.reply('c-1', agent, 'Заказ уже в пути', false);
    await outbox.updateMessage(dto.id, { deliveryStatus: 'failed', deliveryError: 'Twilio 503' });
    await service.deliver(dto.id, 1, false, true);
    expect(sent).toHaveLength(1);
    expect(outbox.messages.get(dto.id)).toMatchObject({ deliveryStatus: 'sent', deliveryError: null });
    await outbox.updateMessage(dto.id, { deliveryStatus: 'failed' });
    await service.deliver(dto.id, 1, false, true);
    expect(sent).toHaveLength(1);
  });

  it('re-queues pending rows whose job was lost', async () => {
    const { service, outbox, jobs } = setup();
    const dto = await service.reply('c-1', agent, 'Заказ уже в пути', false);
    outbox.messages.get(dto.id)!.updatedAt = new Date(Date.now() - 120_000);
    jobs.length = 0;
    expect(await service.sweepPending()).toBe(1);
    expect(jobs).toEqual([expect.objectContaining({ queue: DELIVERY_QUEUE, name: 'deliver', data: { messageId: dto.id } })]);
  });
});
