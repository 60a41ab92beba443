import { DataSource } from 'typeorm';
import { MessageEntity } from '@parley/persistence';
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
});
