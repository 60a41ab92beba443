import type { RealtimePublisher } from '@parley/channels-core';
import type { MessageEntity } from '@parley/persistence';
import type { JobQueue } from '@parley/queue';
import { DeliveryStatusService } from './delivery-status.service';
import { DELIVERY_QUEUE } from './outbound.service';
import { InMemoryOutboxRepository } from './testing/in-memory-outbox.repository';

function service(messages: Partial<MessageEntity>[] = []) {
  const queued: { queue: string; name: string; jobId?: string; data: unknown }[] = [];
  const broadcasts: unknown[] = [];
  const outbox = new InMemoryOutboxRepository();
  for (const m of messages) outbox.messages.set(m.id!, { ...m } as MessageEntity);
  const queue = {
    addMany: async (name: string, jobs: { name: string; data: unknown; opts?: { jobId?: string } }[]) =>
      void queued.push(...jobs.map((j) => ({ queue: name, name: j.name, jobId: j.opts?.jobId, data: j.data }))),
  } as unknown as JobQueue;
  const realtime = { toAgents: (_: string, dto: unknown) => void broadcasts.push(dto) } as unknown as RealtimePublisher;
  return { statuses: new DeliveryStatusService(outbox, realtime, queue), queued, outbox, broadcasts };
}

const sms: Partial<MessageEntity> = {
  id: 'm-1', inboxId: 'inbox-1', conversationId: 'c-1', customerId: 'cust-1', providerMessageId: 'SM1', direction: 'outbound',
  content: 'Ваш заказ отправлен', deliveryStatus: 'sent', deliveryError: null, metadata: null, attachments: [], createdAt: new Date(), updatedAt: new Date(),
} as Partial<MessageEntity>;

describe('DeliveryStatusService', () => {
  it('queues one job per provider message and status, so a provider retry queues nothing new', async () => {
    const { statuses, queued } = service();
    await statuses.queueDeliveryStatus('inbox-1', [{ providerMessageId: 'SM1', status: 'delivered' }]);
    await statuses.queueDeliveryStatus('inbox-1', [{ providerMessageId: 'SM1', status: 'delivered' }, { providerMessageId: 'SM1', status: 'read' }]);
    expect(queued.every((j) => j.queue === DELIVERY_QUEUE && j.name === 'status')).toBe(true);
    expect(queued[0].jobId).toBe(queued[1].jobId);
    expect(queued[2].jobId).not.toBe(queued[0].jobId);
  });

  it('moves a known message forward and tells the consoles, but never back', async () => {
    const { statuses, outbox, broadcasts } = service([sms]);
    const dto = await statuses.applyDeliveryStatus('inbox-1', { providerMessageId: 'SM1', status: 'delivered' });
    expect(dto).toMatchObject({ id: 'm-1', deliveryStatus: 'delivered' });
    expect(outbox.messages.get('m-1')).toMatchObject({ deliveryStatus: 'delivered' });
    expect(broadcasts).toHaveLength(1);
    const stale = service([{ ...sms, deliveryStatus: 'delivered' }]);
    expect(await stale.statuses.applyDeliveryStatus('inbox-1', { providerMessageId: 'SM1', status: 'sent' })).toBeNull();
    expect(stale.outbox.messages.get('m-1')).toMatchObject({ deliveryStatus: 'delivered' });
    expect(stale.broadcasts).toEqual([]);
  });

  it('keeps the newer status when two reports of one message are applied at once', async () => {
    const { statuses, outbox, broadcasts } = service([{ ...sms, deliveryStatus: 'queued' }]);
    await Promise.all([
      statuses.applyQueuedStatus({ inboxId: 'inbox-1', update: { providerMessageId: 'SM1', status: 'delivered' } }, 2),
      statuses.applyQueuedStatus({ inboxId: 'inbox-1', update: { providerMessageId: 'SM1', status: 'sent' } }, 2),
    ]);
    expect(outbox.messages.get('m-1')).toMatchObject({ deliveryStatus: 'delivered' });
    expect(broadcasts).toHaveLength(1);
  });

  it('retries a report for a message not recorded yet, and drops it after the last try', async () => {
    const { statuses } = service();
    const report = { inboxId: 'inbox-1', update: { providerMessageId: 'SM404', status: 'delivered' as const } };
    await expect(statuses.applyQueuedStatus(report, 1)).rejects.toThrow('No message SM404 yet');
    await expect(statuses.applyQueuedStatus(report, 8)).resolves.toBeUndefined();
  });

  it('applies a read watermark to every message sent to that recipient up to it, and to nothing later or elsewhere', async () => {
    const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 12, m));
    const mine = (id: string, minute: number, status: string, extra: Partial<MessageEntity> = {}) =>
      ({ ...sms, id, providerMessageId: `mid.${id}`, createdAt: at(minute), deliveryStatus: status, ...extra }) as Partial<MessageEntity>;
    const { statuses, outbox } = service([
      mine('a', 1, 'sent'), mine('b', 2, 'delivered'), mine('c', 9, 'sent'), mine('d', 1, 'sent', { customerId: 'someone-else' }), mine('e', 1, 'failed'),
    ]);
    outbox.identities.push({ id: 'i-1', customerId: 'cust-1', channel: 'messenger', externalId: 'PSID-1' } as never);
    await statuses.applyQueuedStatus({ inboxId: 'inbox-1', update: { providerMessageId: 'read:PSID-1', status: 'read', upTo: { recipient: 'PSID-1', at: at(5).toISOString() } } }, 1);
    const state = (id: string) => outbox.messages.get(id)!.deliveryStatus;
    expect(['a', 'b', 'c', 'd', 'e'].map(state)).toEqual(['read', 'read', 'sent', 'sent', 'failed']);
  });

  it('keeps a watermark waiting while a message before it is still being sent, and applies what it can meanwhile', async () => {
    const at = new Date(Date.UTC(2026, 0, 1, 12, 5));
    const { statuses, outbox } = service([
      { ...sms, id: 'sent', providerMessageId: 'mid.sent', createdAt: new Date(Date.UTC(2026, 0, 1, 12, 1)) },
      { ...sms, id: 'sending', providerMessageId: null, deliveryStatus: 'pending', createdAt: new Date(Date.UTC(2026, 0, 1, 12, 2)) },
    ] as Partial<MessageEntity>[]);
    outbox.identities.push({ id: 'i-1', customerId: 'cust-1', channel: 'messenger', externalId: 'PSID-1' } as never);
    const report = { inboxId: 'inbox-1', update: { providerMessageId: 'read:PSID-1', status: 'read' as const, upTo: { recipient: 'PSID-1', at: at.toISOString() } } };
    await expect(statuses.applyQueuedStatus(report, 1)).rejects.toThrow(/still being sent/);
    expect(outbox.messages.get('sent')!.deliveryStatus).toBe('read');
    await expect(statuses.applyQueuedStatus(report, 8)).resolves.toBeUndefined();
  });
});
