import { DataSource } from 'typeorm';
import type { MessageDto } from '@parley/contracts';
import { DELIVERY_QUEUE, DeliveryReconciliation, RECONCILE_JOB } from '@parley/conversations';
import { MessageEntity } from '@parley/persistence';
import { JOB_QUEUE, JobQueue } from '@parley/queue';
import { TEST_NUMBERS } from '../../../tools/emulators/src/twilio/twilio-emulator';
import { deliveryOf, eventually, inboundMessage, messagesOf, reply, SMS_NUMBER, TwilioSuite, useTwilioSuite } from './twilio-fixture';

const TEN_MINUTES = 10 * 60_000;

describe('delivery status reconciled with Twilio', () => {
  const t = useTwilioSuite();

  /** A reply Twilio took and moved on silently: its status callbacks never reach Parley. */
  async function silentReply(suite: TwilioSuite, from: string, content: string): Promise<MessageDto> {
    await suite.emulator.sendInbound({ to: SMS_NUMBER, from, body: `Вопрос от ${from}` });
    const inbound = await inboundMessage(suite, suite.sms, `Вопрос от ${from}`);
    suite.emulator.muteStatusCallbacks();
    try {
      const sent = (await reply(suite, inbound.conversationId, { content })).body;
      const queued = await deliveryOf(suite, sent, (m) => m.deliveryStatus === 'queued');
      await suite.emulator.settled();
      return queued;
    } finally {
      suite.emulator.muteStatusCallbacks(false);
    }
  }

  /** As if the last word on it was `ms` ago. */
  const silentFor = (message: MessageDto, ms: number) =>
    t.app.app.get(DataSource).getRepository(MessageEntity).update({ id: message.id }, { updatedAt: new Date(Date.now() - ms) });

  const statusOf = async (message: MessageDto) => (await messagesOf(t, message.conversationId)).find((m) => m.id === message.id)!;

  it('settles messages left queued past ten minutes from Twilio’s Message resource, failures in plain words', async () => {
    const delivered = await silentReply(t, '+79991500001', 'Ваш заказ доставлен');
    const filtered = await silentReply(t, TEST_NUMBERS.carrierFiltered, 'Код подтверждения 4821');
    const recent = await silentReply(t, '+79991500002', 'Ещё в пути');
    expect(t.emulator.list({ direction: 'outbound-api', to: '+79991500002' })[0].status).toBe('delivered');
    await silentFor(delivered, TEN_MINUTES + 60_000);
    await silentFor(filtered, TEN_MINUTES + 60_000);
    await silentFor(recent, 60_000);

    const round = await t.app.app.get(DeliveryReconciliation).reconcile();
    expect(round).toEqual({ checked: 2, settled: 2 });
    expect(await statusOf(delivered)).toMatchObject({ deliveryStatus: 'delivered', deliveryError: null });
    expect(await statusOf(filtered)).toMatchObject({
      deliveryStatus: 'undelivered',
      deliveryError: 'Blocked by carrier filtering (the carrier took it for spam) (Twilio 30007)',
      metadata: expect.objectContaining({ errorCode: '30007' }),
    });
    // Not silent for long enough: Twilio's callbacks may still come.
    expect((await statusOf(recent)).deliveryStatus).toBe('queued');
  });

  it('asks again only after another full wait when Twilio knows no more, and runs as the delivery queue’s repeating job', async () => {
    const lost = await silentReply(t, '+79991500003', 'Сообщение без отчёта');
    const [atTwilio] = t.emulator.list({ direction: 'outbound-api', to: '+79991500003' });
    atTwilio.status = 'sent'; // the carrier never sends a delivery receipt
    await silentFor(lost, TEN_MINUTES + 60_000);

    const reconciliation = t.app.app.get(DeliveryReconciliation);
    expect(await reconciliation.reconcile()).toEqual({ checked: 1, settled: 1 });
    expect((await statusOf(lost)).deliveryStatus).toBe('sent');
    await silentFor(lost, TEN_MINUTES + 60_000);
    expect(await reconciliation.reconcile()).toEqual({ checked: 1, settled: 0 });
    expect(await reconciliation.reconcile()).toEqual({ checked: 0, settled: 0 });

    atTwilio.status = 'delivered';
    await silentFor(lost, TEN_MINUTES + 60_000);
    await t.app.app.get<JobQueue>(JOB_QUEUE).add(DELIVERY_QUEUE, RECONCILE_JOB, {});
    await eventually(async () => (await statusOf(lost)).deliveryStatus === 'delivered', 'the queued round to settle it');
  });
});
