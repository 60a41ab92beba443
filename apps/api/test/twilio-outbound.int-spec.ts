import { DataSource } from 'typeorm';
import { ConversationEntity, MessageEntity } from '@parley/persistence';
import { TEST_NUMBERS } from '../../../tools/emulators/src/twilio/twilio-emulator';
import { customer, deliveryOf, inboundMessage, reply, SHIPPED_TEMPLATE, SMS_NUMBER, TwilioSuite, useTwilioSuite, WHATSAPP_NUMBER } from './twilio-fixture';

describe('Twilio SMS and WhatsApp out', () => {
  const t = useTwilioSuite();

  /** A conversation opened by `from` texting the inbox (its number must have written first). */
  async function conversationWith(suite: TwilioSuite, from: string, whatsapp = false) {
    const body = `hi from ${from}`;
    await suite.emulator.sendInbound({ to: whatsapp ? WHATSAPP_NUMBER : SMS_NUMBER, from, body, profileName: 'Test' });
    return inboundMessage(suite, whatsapp ? suite.whatsapp : suite.sms, body);
  }

  it('sends a reply through the Messages API and follows its status callbacks to delivered', async () => {
    const inbound = await conversationWith(t, '+79991000001');
    const sent = await reply(t, inbound.conversationId, { content: 'Ваш заказ отправлен сегодня' });
    expect(sent.status).toBe(201);
    expect(sent.body.deliveryStatus).toBe('pending');
    const delivered = await deliveryOf(t, sent.body, (m) => m.deliveryStatus === 'delivered');
    expect(delivered.deliveryError).toBeNull();
    expect(delivered.metadata).toMatchObject({ segments: 1 });

    const [twilioMessage] = t.emulator.list({ direction: 'outbound-api', to: '+79991000001' });
    expect(twilioMessage).toMatchObject({ from: SMS_NUMBER, body: 'Ваш заказ отправлен сегодня', statusCallback: `https://parley.example.test/webhooks/twilio/${t.sms.id}/status` });
    await t.emulator.settled();
    expect(twilioMessage.callbacks).toEqual([
      { status: 'sent', httpStatus: 200 },
      { status: 'delivered', httpStatus: 200 },
    ]);
    // A late report does not move the message back.
    expect(await t.emulator.sendStatus(twilioMessage.sid, 'sent')).toBe(200);
    expect((await deliveryOf(t, sent.body, () => true)).deliveryStatus).toBe('delivered');
  });

  it('applies status callbacks that arrive before Twilio has answered the send', async () => {
    const inbound = await conversationWith(t, TEST_NUMBERS.reportsFirst);
    const sent = (await reply(t, inbound.conversationId, { content: 'Your parcel is at the pick-up point' })).body;
    const delivered = await deliveryOf(t, sent, (m) => m.deliveryStatus === 'delivered');
    const [twilioMessage] = t.emulator.list({ direction: 'outbound-api', to: TEST_NUMBERS.reportsFirst });
    expect(delivered.deliveryError).toBeNull();
    expect(twilioMessage.status).toBe('delivered');
    expect(twilioMessage.callbacks).toEqual([
      { status: 'sent', httpStatus: 200 },
      { status: 'delivered', httpStatus: 200 },
    ]);
  });

  it('shows carrier failures reported by status callbacks in plain words', async () => {
    const filtered = await conversationWith(t, TEST_NUMBERS.carrierFiltered);
    const unreachable = await conversationWith(t, TEST_NUMBERS.unreachable);
    const a = (await reply(t, filtered.conversationId, { content: 'Your code is 1234' })).body;
    const b = (await reply(t, unreachable.conversationId, { content: 'Your code is 5678' })).body;
    const blocked = await deliveryOf(t, a, (m) => m.deliveryStatus === 'undelivered');
    expect(blocked.deliveryError).toBe('Blocked by carrier filtering (the carrier took it for spam) (Twilio 30007)');
    expect(blocked.metadata).toMatchObject({ errorCode: '30007' });
    expect((await deliveryOf(t, b, (m) => m.deliveryStatus === 'undelivered')).deliveryError).toMatch(/unreachable.*30003/);
  });

  it('fails at once, without retrying, when Twilio refuses the message for good, and records an opt-out Twilio knows of', async () => {
    const invalid = await conversationWith(t, TEST_NUMBERS.invalid);
    const refused = await deliveryOf(t, (await reply(t, invalid.conversationId, { content: 'Hello?' })).body, (m) => m.deliveryStatus === 'failed');
    expect(refused.deliveryError).toBe('The phone number is not valid (Twilio 21211)');

    const unsubscribed = await conversationWith(t, TEST_NUMBERS.optedOut);
    const sent = (await reply(t, unsubscribed.conversationId, { content: 'Hello?' })).body;
    const failed = await deliveryOf(t, sent, (m) => m.deliveryStatus === 'failed');
    expect(failed.deliveryError).toBe('The recipient opted out (replied STOP); they must reply START to get messages again (Twilio 21610)');
    expect((await customer(t, unsubscribed.customerId)).identities.find((i) => i.channel === 'sms')?.optedOut).toBe(true);
    expect((await reply(t, unsubscribed.conversationId, { content: 'Hello again?' })).status).toBe(422);
    expect(t.emulator.list({ direction: 'outbound-api' }).filter((m) => [TEST_NUMBERS.invalid, TEST_NUMBERS.optedOut].includes(m.to as never))).toEqual([]);
  });

  it('keeps a reply queued through a Twilio outage and rate limit, then sends it exactly once', async () => {
    const inbound = await conversationWith(t, '+79991000002');
    t.emulator.failNextSends(1, 503);
    t.emulator.failNextSends(1, 429);
    const sent = (await reply(t, inbound.conversationId, { content: 'Sent after the outage' })).body;
    await deliveryOf(t, sent, (m) => m.deliveryStatus === 'delivered');
    expect(t.emulator.list({ direction: 'outbound-api', to: '+79991000002' }).map((m) => m.body)).toEqual(['Sent after the outage']);
  });

  it('does not send twice when Twilio took the message but its answer was lost', async () => {
    const inbound = await conversationWith(t, '+79991000004');
    t.emulator.loseNextAnswers(1);
    const sent = (await reply(t, inbound.conversationId, { content: 'Sent once, answered never' })).body;
    const delivered = await deliveryOf(t, sent, (m) => m.deliveryStatus === 'delivered');
    const atTwilio = t.emulator.list({ direction: 'outbound-api', to: '+79991000004' });
    expect(atTwilio.map((m) => m.body)).toEqual(['Sent once, answered never']);
    expect(delivered.metadata).not.toHaveProperty('sendStartedAt');
    // The first attempt lost its answer; the second found the message at Twilio instead of sending.
    const row = await t.app.app.get(DataSource).getRepository(MessageEntity).findOneByOrFail({ id: sent.id });
    expect(row).toMatchObject({ deliveryAttempts: 2, providerMessageId: atTwilio[0].sid });
  });

  describe('WhatsApp', () => {
    it('refuses a free-form reply outside the 24-hour window and sends an approved template instead', async () => {
      const inbound = await conversationWith(t, '+79991000003', true);
      const db = t.app.app.get(DataSource);
      await db.getRepository(ConversationEntity).update({ id: inbound.conversationId }, { lastInboundAt: new Date(Date.now() - 25 * 3600 * 1000) });

      const refused = await reply(t, inbound.conversationId, { content: 'Any news?' });
      expect(refused.body).toMatchObject({
        statusCode: 422,
        message: "Outside WhatsApp's 24-hour window (the customer last wrote 25 hours ago): free-form replies are not allowed. Send an approved template instead.",
      });
      const incomplete = await reply(t, inbound.conversationId, { content: 'Hi Ivan', template: { id: SHIPPED_TEMPLATE.id, variables: { 1: 'Ivan' } } });
      expect(incomplete.body).toMatchObject({ statusCode: 422, message: 'Fill in the template variables: {{2}}' });

      const template = await reply(t, inbound.conversationId, {
        content: 'Hi Ivan, order A-1001 is on its way.',
        template: { id: SHIPPED_TEMPLATE.id, variables: { 1: 'Ivan', 2: 'A-1001' } },
      });
      expect(template.status).toBe(201);
      const read = await deliveryOf(t, template.body, (m) => m.deliveryStatus === 'read');
      expect(read.metadata).toMatchObject({ template: { id: SHIPPED_TEMPLATE.id } });
      const [sent] = t.emulator.list({ direction: 'outbound-api', to: 'whatsapp:+79991000003' });
      expect(sent).toMatchObject({ from: WHATSAPP_NUMBER, contentSid: SHIPPED_TEMPLATE.id, contentVariables: '{"1":"Ivan","2":"A-1001"}' });
    });

    it('sends free-form replies inside the window, and templates only on WhatsApp', async () => {
      const inbound = await conversationWith(t, '+79991000004', true);
      const sent = await reply(t, inbound.conversationId, { content: 'Сейчас проверю' });
      expect(sent.status).toBe(201);
      await deliveryOf(t, sent.body, (m) => m.deliveryStatus === 'read');

      const sms = await conversationWith(t, '+79991000004');
      expect(sms.customerId).toBe(inbound.customerId);
      const templated = await reply(t, sms.conversationId, { content: 'x', template: { id: SHIPPED_TEMPLATE.id, variables: { 1: 'a', 2: 'b' } } });
      expect(templated.body).toMatchObject({ statusCode: 422, message: 'Templates are for WhatsApp: send SMS as plain text' });
    });
  });
});
