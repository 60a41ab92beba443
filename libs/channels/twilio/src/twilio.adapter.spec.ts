import twilio from 'twilio';
import { AttachmentSink, PermanentDeliveryError } from '@parley/channels-core';
import { deliveryError, TwilioSmsAdapter, TwilioWhatsAppAdapter } from './twilio.adapter';

const options = { publicUrl: 'https://parley.example.test', defaultPhoneRegion: 'RU', maxMediaBytes: 1024 };
const store: AttachmentSink = { save: jest.fn() };
const config = { accountSid: 'AC' + '0'.repeat(32), authToken: 'token', from: '+15005550006' };
const inbox = (channel: 'sms' | 'whatsapp') => ({ id: 'inbox-1', channel, config: channel === 'sms' ? config : { ...config, from: 'whatsapp:+14155238886' } });
const request = (body: Record<string, string>) => ({ url: 'https://parley.example.test/webhooks/twilio/inbox-1', headers: {}, body });
const restError = (status: number, code: number, message: string) => new twilio.RestException({ statusCode: status, body: { code, message } });

describe('Twilio adapter', () => {
  const sms = new TwilioSmsAdapter(store, options);
  const whatsapp = new TwilioWhatsAppAdapter(store, options);

  it('turns a WhatsApp webhook into a message from the E.164 sender, with the profile name filling the customer', async () => {
    const [message] = await whatsapp.parse(
      request({ MessageSid: 'SM1', AccountSid: config.accountSid, From: 'whatsapp:+79161234567', To: 'whatsapp:+14155238886', Body: 'Привет', ProfileName: 'Иван', NumMedia: '0' }),
      inbox('whatsapp'),
    );
    expect(message).toMatchObject({
      channel: 'whatsapp',
      providerMessageId: 'SM1',
      sender: { externalId: '+79161234567', displayName: 'Иван', phone: '+79161234567' },
      content: 'Привет',
      customerFill: { name: 'Иван', phone: '+79161234567' },
      verifiedPhone: '+79161234567',
    });
    expect(message.identityUpdate).toBeUndefined();
  });

  it('keeps only the media references of a webhook, fetching nothing before the acknowledgement', async () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    const [message] = await whatsapp.parse(
      request({
        MessageSid: 'MM1', AccountSid: config.accountSid, From: 'whatsapp:+79161234567', To: 'whatsapp:+14155238886', Body: 'Фото посылки', NumMedia: '2',
        MediaUrl0: 'https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM1/Media/ME1', MediaContentType0: 'image/jpeg',
        MediaUrl1: 'https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM1/Media/ME2', MediaContentType1: 'application/pdf',
      }),
      inbox('whatsapp'),
    );
    expect(message.media).toEqual([
      { url: 'https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM1/Media/ME1', contentType: 'image/jpeg' },
      { url: 'https://api.twilio.com/2010-04-01/Accounts/AC0/Messages/MM1/Media/ME2', contentType: 'application/pdf' },
    ]);
    expect(message.attachments).toEqual([]);
    expect(message.metadata).toMatchObject({ mediaPending: 2 });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(store.save).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });

  it('records STOP as an opt-out and keeps a short-code sender as it is', async () => {
    const [stop] = await sms.parse(request({ MessageSid: 'SM2', From: '+79161234567', Body: 'Stop' }), inbox('sms'));
    expect(stop.identityUpdate).toMatchObject({ optedOut: true });
    expect(stop.metadata).toMatchObject({ keyword: 'stop' });
    const [shortCode] = await sms.parse(request({ MessageSid: 'SM3', From: '90210', Body: 'Your code' }), inbox('sms'));
    expect(shortCode.sender).toMatchObject({ externalId: '90210', phone: null });
    expect(shortCode.verifiedPhone).toBeUndefined();
  });

  it('reads a shared WhatsApp location as text', async () => {
    const [message] = await whatsapp.parse(request({ MessageSid: 'SM4', From: 'whatsapp:+79161234567', Latitude: '55.75', Longitude: '37.62', Address: 'Red Square' }), inbox('whatsapp'));
    expect(message.content).toBe('📍 55.75, 37.62 — Red Square');
  });

  it("refuses a webhook for another account's messages", async () => {
    await expect(sms.parse(request({ MessageSid: 'SM5', AccountSid: 'AC' + '1'.repeat(32), From: '+79161234567' }), inbox('sms'))).rejects.toThrow('AccountSid does not match');
  });

  it('maps status callbacks to delivery states, with failures in plain words', () => {
    expect(sms.parseStatus(request({ MessageSid: 'SM6', MessageStatus: 'sent' }))).toEqual([{ providerMessageId: 'SM6', status: 'sent', errorCode: null, errorMessage: null }]);
    expect(sms.parseStatus(request({ MessageSid: 'SM6', MessageStatus: 'undelivered', ErrorCode: '30007' }))).toEqual([
      { providerMessageId: 'SM6', status: 'undelivered', errorCode: '30007', errorMessage: 'Blocked by carrier filtering (the carrier took it for spam) (Twilio 30007)' },
    ]);
    expect(whatsapp.parseStatus(request({ MessageSid: 'SM6', MessageStatus: 'read' }))[0].status).toBe('read');
    expect(sms.parseStatus(request({ MessageSid: 'SM7', SmsStatus: 'received' }))).toEqual([]);
  });

  it('retries outages and rate limits, and gives up at once on refusals', () => {
    const outage = deliveryError(restError(503, 20500, 'Service Unavailable'));
    expect(outage).not.toBeInstanceOf(PermanentDeliveryError);
    expect(deliveryError(restError(429, 20429, 'Too Many Requests'))).not.toBeInstanceOf(PermanentDeliveryError);
    const refused = deliveryError(restError(400, 21211, "The 'To' number is not a valid phone number."));
    expect(refused).toBeInstanceOf(PermanentDeliveryError);
    expect(refused).toMatchObject({ message: 'The phone number is not valid (Twilio 21211)', code: '21211' });
    expect(deliveryError(restError(400, 21610, 'Attempt to send to unsubscribed recipient'))).toMatchObject({ code: '21610', identityUpdate: { optedOut: true } });
  });

  it('lets WhatsApp templates through only on WhatsApp, and free text only inside the 24-hour window', () => {
    const now = new Date('2025-03-10T12:00:00Z');
    const context = (hoursAgo: number | null, metadata: Record<string, unknown> | null = null) => ({
      lastInboundAt: hoursAgo === null ? null : new Date(now.getTime() - hoursAgo * 3_600_000),
      identity: null,
      metadata,
      now,
    });
    const template = { template: { id: 'HX' + 'a'.repeat(32), variables: {} } };
    expect(whatsapp.checkSendable(context(2), inbox('whatsapp'))).toBeNull();
    expect(whatsapp.checkSendable(context(30), inbox('whatsapp'))).toMatch(/24-hour window/);
    expect(whatsapp.checkSendable(context(30, template), inbox('whatsapp'))).toBeNull();
    expect(sms.checkSendable(context(30), inbox('sms'))).toBeNull();
    expect(sms.checkSendable(context(1, template), inbox('sms'))).toMatch(/Templates are for WhatsApp/);
  });

  it('refuses a default phone region that is not a country', () => {
    expect(() => new TwilioSmsAdapter(store, { ...options, defaultPhoneRegion: 'XX' })).toThrow(/DEFAULT_PHONE_REGION/);
  });
});
