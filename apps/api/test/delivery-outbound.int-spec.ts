import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DeadLetterEntity, MessageEntity } from '@parley/persistence';
import { api } from './harness';
import { deliveryOf, inboundMessage, reply, SMS_NUMBER, useTwilioSuite } from './twilio-fixture';

describe('outbound delivery retries', () => {
  const t = useTwilioSuite();

  it('delivers the same text sent twice once each, though the second send first failed at the network', async () => {
    await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79991200001', body: 'Когда доставка?' });
    const inbound = await inboundMessage(t, t.sms, 'Когда доставка?');
    const first = (await reply(t, inbound.conversationId, { content: 'Спасибо, заказ принят' })).body;
    await deliveryOf(t, first, (m) => m.deliveryStatus === 'delivered');

    // The retry asks Twilio whether the interrupted attempt went out; the first reply matches
    // recipient, body and time, but is already recorded for the first message.
    t.emulator.dropNextSends(1);
    const second = (await reply(t, inbound.conversationId, { content: 'Спасибо, заказ принят' })).body;
    await deliveryOf(t, second, (m) => m.deliveryStatus === 'delivered');

    const atTwilio = t.emulator.list({ direction: 'outbound-api', to: '+79991200001' });
    expect(atTwilio.map((m) => m.body)).toEqual(['Спасибо, заказ принят', 'Спасибо, заказ принят']);
    const rows = await t.app.app.get(DataSource).getRepository(MessageEntity).findBy({ conversationId: inbound.conversationId, direction: 'outbound' });
    expect(rows.map((r) => r.providerMessageId).sort()).toEqual(atTwilio.map((m) => m.sid).sort());
    expect(rows.find((r) => r.id === second.id)).toMatchObject({ deliveryAttempts: 2, deliveryStatus: 'delivered' });
  });

  it('sends a reply that ran out of attempts again when an admin replays its dead letter', async () => {
    await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79991200002', body: 'Вы работаете в выходные?' });
    const inbound = await inboundMessage(t, t.sms, 'Вы работаете в выходные?');
    t.emulator.failNextSends(1, 503);
    const sent = (await reply(t, inbound.conversationId, { content: 'Да, с 10 до 18' })).body;
    // Its first attempt met the outage; as if every other one had too, it ends failed and dead.
    await deliveryOf(t, sent, (m) => !!m.deliveryError);
    const db = t.app.app.get(DataSource);
    await db.getRepository(MessageEntity).update({ id: sent.id }, { deliveryStatus: 'failed', deliveryError: 'Twilio is unavailable (HTTP 503)' });
    const deadLetterId = randomUUID();
    await db.getRepository(DeadLetterEntity).insert({
      id: deadLetterId, queue: 'delivery', name: 'deliver', jobId: sent.id, data: { messageId: sent.id } as Record<string, any>, attempts: 8, maxAttempts: 8, backoffMs: 2000,
      error: 'Twilio is unavailable (HTTP 503)', failedAt: new Date(), replayedAt: null,
    });
    expect((await deliveryOf(t, sent, () => true)).deliveryStatus).toBe('failed');

    expect((await api(t.url, 'POST', `/api/dead-letters/${deadLetterId}/replay`, undefined, t.token)).status).toBe(200);
    const delivered = await deliveryOf(t, sent, (m) => m.deliveryStatus === 'delivered');
    expect(delivered.deliveryError).toBeNull();
    expect(t.emulator.list({ direction: 'outbound-api', to: '+79991200002' }).map((m) => m.body)).toEqual(['Да, с 10 до 18']);
  });
});
