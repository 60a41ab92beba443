import { DataSource } from 'typeorm';
import type { MessageDto, TimelineEventDto } from '@parley/contracts';
import { AttachmentEntity } from '@parley/persistence';
import { twilioSignature } from '../../../tools/emulators/src/twilio/twilio-signature';
import { api } from './harness';
import {
  conversationsOf, customer, eventually, inboundMessage, messagesOf, PUBLIC_URL, reply, SMS_NUMBER, useTwilioSuite, WHATSAPP_NUMBER,
} from './twilio-fixture';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

describe('Twilio SMS and WhatsApp in', () => {
  const t = useTwilioSuite();

  /** A webhook POSTed straight at the app, signed (or not) by hand. */
  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(t.url + path, { method: 'POST', headers, body }).then(async (r) => ({ status: r.status, text: await r.text() }));
  const signedForm = (path: string, params: Record<string, string>, token = t.account.authToken) =>
    post(path, new URLSearchParams(params).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(token, PUBLIC_URL + path, params),
    });

  it('rejects missing and forged signatures with 403 and stores nothing', async () => {
    const path = `/webhooks/twilio/${t.sms.id}`;
    const params = { MessageSid: 'SM' + '1'.repeat(32), AccountSid: t.account.accountSid, From: '+79990000001', To: SMS_NUMBER, Body: 'unsigned' };
    const unsigned = await post(path, new URLSearchParams(params).toString(), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(unsigned.status).toBe(403);
    const forged = await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79990000001', body: 'forged', signWith: 'not-the-auth-token' });
    expect(forged.status).toBe(403);
    // Signed over the address the app listens on instead of PUBLIC_URL (a proxy set up wrong).
    const wrongUrl = await post(path, new URLSearchParams({ ...params, Body: 'wrong url' }).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(t.account.authToken, t.url + path, { ...params, Body: 'wrong url' }),
    });
    expect(wrongUrl.status).toBe(403);
    const tampered = await post(path, new URLSearchParams({ ...params, Body: 'tampered' }).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilioSignature(t.account.authToken, PUBLIC_URL + path, params),
    });
    expect(tampered.status).toBe(403);

    const genuine = await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79990000001', body: 'genuine' });
    expect(genuine).toMatchObject({ status: 200, body: EMPTY_TWIML });
    const stored = await inboundMessage(t, t.sms, 'genuine');
    expect((await messagesOf(t, stored.conversationId)).map((m) => m.content)).toEqual(['genuine']);
  });

  it("stores a message Twilio delivers again once, and acknowledges every delivery with empty TwiML", async () => {
    const first = await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79990000002', body: 'Где мой заказ?' });
    const again = await t.emulator.redeliver(first.sid);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toBe(EMPTY_TWIML);
    const stored = await inboundMessage(t, t.sms, 'Где мой заказ?');
    expect((await t.emulator.redeliver(first.sid)).status).toBe(200);
    await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79990000002', body: 'marker after the retries' });
    await inboundMessage(t, t.sms, 'marker after the retries');
    const thread = await messagesOf(t, stored.conversationId);
    expect(thread.map((m) => m.content)).toEqual(['Где мой заказ?', 'marker after the retries']);
    expect(thread[0].deliveryStatus).toBe('delivered');
  });

  it('puts SMS and WhatsApp from one number, however it is written, on one customer and one timeline', async () => {
    // Twilio sends E.164; the national form shows the default region (RU) at work all the same.
    await t.emulator.sendInbound({ to: SMS_NUMBER, from: '89161234567', body: 'SMS: order A-1001?' });
    const sms = await inboundMessage(t, t.sms, 'SMS: order A-1001?');
    await t.emulator.sendInbound({ to: WHATSAPP_NUMBER, from: '+7 916 123-45-67', profileName: 'Иван Петров', body: 'WhatsApp: and A-1002?' });
    const whatsapp = await inboundMessage(t, t.whatsapp, 'WhatsApp: and A-1002?');

    expect(whatsapp.customerId).toBe(sms.customerId);
    expect(whatsapp.conversationId).not.toBe(sms.conversationId);
    const person = await customer(t, sms.customerId);
    expect(person.name).toBe('Иван Петров');
    expect(person.phone).toBe('+79161234567');
    expect(person.identities.map((i) => [i.channel, i.externalId]).sort()).toEqual([
      ['sms', '+79161234567'],
      ['whatsapp', '+79161234567'],
    ]);
    const timeline = await api<{ items: TimelineEventDto[] }>(t.url, 'GET', `/api/customers/${sms.customerId}/timeline`, undefined, t.token);
    const messages = timeline.body.items.filter((e) => e.type === 'message');
    expect(messages.map((e) => [e.channel, e.content])).toEqual([
      ['whatsapp', 'WhatsApp: and A-1002?'],
      ['sms', 'SMS: order A-1001?'],
    ]);
  });

  it("does not overwrite a customer's name with a WhatsApp profile name", async () => {
    await t.emulator.sendInbound({ to: WHATSAPP_NUMBER, from: '+79990000003', profileName: 'Masha', body: 'first' });
    const first = await inboundMessage(t, t.whatsapp, 'first');
    expect((await customer(t, first.customerId)).name).toBe('Masha');
    await api(t.url, 'PATCH', `/api/customers/${first.customerId}`, { name: 'Мария Иванова' }, t.token);
    await t.emulator.sendInbound({ to: WHATSAPP_NUMBER, from: '+79990000003', profileName: 'Masha 🌸', body: 'second' });
    await inboundMessage(t, t.whatsapp, 'second');
    expect((await customer(t, first.customerId)).name).toBe('Мария Иванова');
  });

  const withMedia = (message: MessageDto, done: (m: MessageDto) => boolean) =>
    eventually(async () => (await messagesOf(t, message.conversationId)).find((m) => m.id === message.id && done(m)), `media of ${message.id}`);

  it('keeps media as attachments, fetched with the account credentials, and records media over the size limit', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const sent = await t.emulator.sendInbound({ to: WHATSAPP_NUMBER, from: '+79990000004', body: 'photo of the parcel', media: [{ contentType: 'image/png', data: png }] });
    // The media is fetched by the worker once the message is stored (twilio-media-off-ack.int-spec.ts).
    const withPhoto = await withMedia(await inboundMessage(t, t.whatsapp, 'photo of the parcel'), (m) => m.attachments.length > 0);
    expect(withPhoto.attachments).toEqual([expect.objectContaining({ contentType: 'image/png', size: png.length, fileName: 'media-1.png' })]);
    const download = await fetch(t.url + withPhoto.attachments[0].url);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(png);

    // Twilio sends it again (our answer was lost): the media is fetched again but stored once.
    const attachments = t.app.app.get(DataSource).getRepository(AttachmentEntity);
    const before = await attachments.count();
    expect((await t.emulator.redeliver(sent.sid)).status).toBe(200);
    await t.emulator.settled();
    expect(await attachments.count()).toBe(before);
    expect((await messagesOf(t, withPhoto.conversationId)).filter((m) => m.content === 'photo of the parcel')).toHaveLength(1);

    const huge = Buffer.alloc(10 * 1024 * 1024 + 1, 1);
    await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79990000004', body: 'a huge video', media: [{ contentType: 'video/mp4', data: huge }] });
    const withoutVideo = await withMedia(await inboundMessage(t, t.sms, 'a huge video'), (m) => !!m.metadata?.mediaSkipped);
    expect(withoutVideo.attachments).toEqual([]);
    expect(withoutVideo.metadata?.mediaSkipped).toEqual([expect.objectContaining({ contentType: 'video/mp4', reason: expect.stringMatching(/attachment limit/) })]);
  });

  it('records STOP and СТОП on the identity, refuses replies while opted out, and START lifts it', async () => {
    await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79990000005', body: 'Hello' });
    const hello = await inboundMessage(t, t.sms, 'Hello');
    const optedOut = async () => (await customer(t, hello.customerId)).identities.find((i) => i.channel === 'sms')!.optedOut;

    await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79990000005', body: 'СТОП' });
    await inboundMessage(t, t.sms, 'СТОП');
    expect(await optedOut()).toBe(true);
    const refused = await reply(t, hello.conversationId, { content: 'Are you sure?' });
    expect(refused).toMatchObject({ status: 422, body: { statusCode: 422, message: 'The customer opted out of messages on this channel' } });

    await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79990000005', body: 'start' });
    await inboundMessage(t, t.sms, 'start');
    expect(await optedOut()).toBe(false);
    expect((await reply(t, hello.conversationId, { content: 'Welcome back' })).status).toBe(201);

    await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79990000005', body: 'STOP' });
    await inboundMessage(t, t.sms, 'STOP');
    expect(await optedOut()).toBe(true);
  });

  it('answers bad webhooks with a clear 4xx: unknown inbox, non-form payload, missing fields, oversized body', async () => {
    const unknown = await signedForm('/webhooks/twilio/01900000-0000-7000-8000-000000000000', { MessageSid: 'SM1' });
    expect(unknown.status).toBe(404);
    expect((await signedForm('/webhooks/twilio/not-an-id', { MessageSid: 'SM1' })).status).toBe(404);
    expect((await signedForm(`/webhooks/telegram/${t.sms.id}`, { MessageSid: 'SM1' })).status).toBe(404);

    const path = `/webhooks/twilio/${t.sms.id}`;
    const json = await post(path, JSON.stringify({ MessageSid: 'SM1' }), { 'content-type': 'application/json', 'x-twilio-signature': 'x' });
    expect(json.status).toBe(415);
    expect(JSON.parse(json.text).message).toMatch(/form-encoded/);

    const noSid = await signedForm(path, { AccountSid: t.account.accountSid, From: '+79990000006', Body: 'no sid' });
    expect(noSid.status).toBe(400);
    expect(JSON.parse(noSid.text).message).toBe('Malformed payload: MessageSid is required');
    const noFrom = await signedForm(path, { MessageSid: 'SM' + '6'.repeat(32), Body: 'no from' });
    expect(JSON.parse(noFrom.text)).toMatchObject({ statusCode: 400, message: 'Malformed payload: From is required' });
    const noStatus = await signedForm(`${path}/status`, { MessageSid: 'SM' + '6'.repeat(32) });
    expect(JSON.parse(noStatus.text)).toMatchObject({ statusCode: 400, message: 'Malformed payload: MessageSid and MessageStatus are required' });

    const oversized = await signedForm(path, { MessageSid: 'SM' + '7'.repeat(32), From: '+79990000006', Body: 'x'.repeat(1_100_000) });
    expect(oversized.status).toBe(413);
    expect(await conversationsOf(t, t.sms).then((cs) => cs.some((c) => c.customer.phone === '+79990000006'))).toBe(false);
  });

  it('checks the inbox settings with Twilio and refuses what Twilio refuses', async () => {
    const create = (config: Record<string, unknown>) =>
      api(t.url, 'POST', '/api/inboxes', { name: 'Bad', channel: 'sms', config: { ...t.account, from: '+15005550007', apiBaseUrl: t.emulator.url, ...config } }, t.token);
    expect((await create({ authToken: 'wrong-token' })).body).toMatchObject({ statusCode: 400, message: 'The sms settings were refused: Twilio rejected the Account SID and Auth Token' });
    expect((await create({ accountSid: 'AC123' })).body.message).toMatch(/accountSid must be AC followed by 32 hex/);
    expect((await create({ from: 'not a number' })).body.message).toMatch(/from must be a phone number/);
    const national = await create({ from: '8 (916) 000-00-01' });
    expect(national.status).toBe(201);
    expect(national.body.config).toMatchObject({ from: '+79160000001', authToken: expect.stringMatching(/^••••/) });
    // The number's unset webhook now points at the new inbox, so the emulator can deliver to it.
    const number = t.emulator.numbers.get('+79160000001');
    expect(number?.smsUrl).toBe(`${PUBLIC_URL}/webhooks/twilio/${national.body.id}`);
    expect((await t.emulator.sendInbound({ to: '+79160000001', from: '+79990000007', body: 'to the new inbox' })).status).toBe(200);
  });
});
