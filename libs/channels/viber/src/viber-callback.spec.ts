import { createHmac } from 'node:crypto';
import { inboundOf, readCallback, signatureValid, statusOf, tokenOf } from './viber-callback';

const raw = (o: unknown) => Buffer.from(JSON.stringify(o));
const sender = { id: 'pttm25kSGUo1919sBORWyA==', name: 'Ольга Петрова', avatar: 'https://media.example/a.jpg', language: 'ru', country: 'RU', api_version: 10 };

describe('Viber callbacks', () => {
  it('checks X-Viber-Content-Signature: hex HMAC-SHA256 of the raw body with the bot token', () => {
    const body = raw({ event: 'message' });
    const good = createHmac('sha256', 'tok').update(body).digest('hex');
    expect(signatureValid(body, good, 'tok')).toBe(true);
    expect(signatureValid(body, good, 'other')).toBe(false);
    expect(signatureValid(raw({ event: 'messagE' }), good, 'tok')).toBe(false);
    expect(signatureValid(body, undefined, 'tok')).toBe(false);
    expect(signatureValid(body, 'zz', 'tok')).toBe(false);
  });

  it('reads message_token from the raw body, where JSON numbers would round it', () => {
    const text = '{"event":"message","message_token":4912661846655238145}';
    const parsed = JSON.parse(text);
    expect(String(parsed.message_token)).not.toBe('4912661846655238145');
    expect(tokenOf(parsed, Buffer.from(text))).toBe('4912661846655238145');
    expect(() => tokenOf({ event: 'message' }, raw({ event: 'message' }))).toThrow('message_token');
  });

  it('turns a text message into an inbound message of the sender, Cyrillic kept', () => {
    const cb = { event: 'message', timestamp: 1700000000000, message_token: 5, sender, message: { type: 'text', text: 'Где мой заказ?' } };
    const inbound = inboundOf(readCallback(cb), raw(cb), 'inbox-1')!;
    expect(inbound).toMatchObject({
      channel: 'viber', providerMessageId: '5', content: 'Где мой заказ?', sender: { externalId: sender.id, displayName: 'Ольга Петрова' },
      identityUpdate: { optedOut: false, metadata: { languageCode: 'ru', country: 'RU', apiVersion: 10 } },
      customerFill: { name: 'Ольга Петрова' },
    });
    expect(inbound.occurredAt).toEqual(new Date(1700000000000));
  });

  it('keeps pictures, files and stickers as media to fetch after the acknowledgement', () => {
    const pic = { event: 'message', message_token: 6, sender, message: { type: 'picture', text: 'вот', media: 'https://dl.example/p.jpg' } };
    expect(inboundOf(pic, raw(pic), 'i')).toMatchObject({ content: 'вот', media: [{ url: 'https://dl.example/p.jpg', contentType: 'image/jpeg' }], metadata: { mediaPending: 1 } });
    const file = { event: 'message', message_token: 7, sender, message: { type: 'file', media: 'https://dl.example/f', file_name: 'счёт.pdf', size: 10 } };
    expect(inboundOf(file, raw(file), 'i')!.media).toEqual([{ url: 'https://dl.example/f', contentType: 'application/pdf', fileName: 'счёт.pdf' }]);
    const sticker = { event: 'message', message_token: 8, sender, message: { type: 'sticker', sticker_id: 40133, media: 'https://dl.example/s.png' } };
    expect(inboundOf(sticker, raw(sticker), 'i')).toMatchObject({ content: '', metadata: { media: 'sticker', stickerId: 40133 }, media: [{ contentType: 'image/png' }] });
  });

  it('shows locations and contacts as text; only a card of the sender themselves proves their phone', () => {
    const loc = { event: 'message', message_token: 9, sender, message: { type: 'location', location: { lat: 55.75, lon: 37.61 } } };
    expect(inboundOf(loc, raw(loc), 'i')).toMatchObject({ content: '📍 55.75, 37.61', metadata: { location: { latitude: 55.75, longitude: 37.61 } } });
    const own = { event: 'message', message_token: 10, sender, message: { type: 'contact', contact: { name: 'Ольга Петрова', phone_number: '79161234567', avatar: sender.avatar } } };
    expect(inboundOf(own, raw(own), 'i')).toMatchObject({ content: '📞 +79161234567 (Ольга Петрова)', verifiedPhone: '+79161234567', sender: { phone: '+79161234567' } });
    const other = { event: 'message', message_token: 11, sender, message: { type: 'contact', contact: { name: 'Мама', phone_number: '79160000000' } } };
    expect(inboundOf(other, raw(other), 'i')!.verifiedPhone).toBeUndefined();
  });

  it('makes the press of a keyboard button carry its data, from the tracking_data of our message', () => {
    const tracking = JSON.stringify({ parley: { buttons: { '5': 'survey:abc:5' } } });
    const cb = { event: 'message', message_token: 12, sender, message: { type: 'text', text: '5', tracking_data: tracking } };
    expect(inboundOf(cb, raw(cb), 'i')).toMatchObject({ content: '5', metadata: { callbackData: 'survey:abc:5' } });
  });

  it('turns subscribed and unsubscribed into identity-only updates: an opt-in with the profile, an opt-out', () => {
    const un = { event: 'unsubscribed', timestamp: 1700000000000, user_id: sender.id, message_token: 13 };
    expect(inboundOf(un, raw(un), 'i')).toEqual({
      inboxId: 'i', channel: 'viber', providerMessageId: '13', sender: { externalId: sender.id, displayName: null }, content: '',
      occurredAt: new Date(1700000000000), identityOnly: true, identityUpdate: { optedOut: true, metadata: { optedOutAt: '2023-11-14T22:13:20.000Z' } },
    });
    const sub = { event: 'subscribed', timestamp: 1700000000000, user: { ...sender, language: 'ru-RU' }, message_token: 14 };
    expect(inboundOf(sub, raw(sub), 'i')).toEqual(expect.objectContaining({
      identityOnly: true, content: '',
      identityUpdate: { optedOut: false, metadata: { subscribedAt: '2023-11-14T22:13:20.000Z', languageCode: 'ru-RU', country: 'RU', apiVersion: 10, avatar: sender.avatar } },
      customerFill: { name: 'Ольга Петрова', attributes: { language: 'ru' } },
    }));
    expect(inboundOf(sub, raw(sub), 'i')!.metadata).toBeUndefined();
  });

  it('keeps the deep link a chat was opened with on the identity and the customer, and nothing of a plain open', () => {
    const opened = { event: 'conversation_started', timestamp: 1700000000000, message_token: 15, type: 'open', context: ' реклама-весна ', user: sender, subscribed: false };
    const inbound = inboundOf(opened, raw(opened), 'i')!;
    expect(inbound).toMatchObject({
      identityOnly: true,
      identityUpdate: { metadata: { context: 'реклама-весна', contextAt: '2023-11-14T22:13:20.000Z', languageCode: 'ru' } },
      customerFill: { name: 'Ольга Петрова', attributes: { language: 'ru', viberContext: 'реклама-весна' } },
    });
    expect(inbound.identityUpdate!.optedOut).toBeUndefined();
    const long = { ...opened, context: 'я'.repeat(500) };
    expect((inboundOf(long, raw(long), 'i')!.identityUpdate!.metadata!.context as string).length).toBe(200);
    expect(inboundOf({ ...opened, context: '' }, undefined, 'i')).toBeNull();
  });

  it('ignores the webhook check and events it does not know; refuses what is no callback', () => {
    for (const event of ['webhook', 'conversation_started', 'client_status', 'action']) expect(inboundOf({ event, message_token: 1 }, undefined, 'i')).toBeNull();
    expect(() => readCallback([])).toThrow();
    expect(() => readCallback({ nothing: 1 })).toThrow('event');
    expect(() => inboundOf({ event: 'message', message_token: 1, sender }, undefined, 'i')).toThrow('message.type');
    expect(() => inboundOf({ event: 'subscribed', message_token: 1 }, undefined, 'i')).toThrow('no user');
  });

  it('reads delivered, seen and failed as delivery statuses', () => {
    const text = '{"event":"seen","timestamp":1,"message_token":4912661846655238145,"user_id":"u"}';
    expect(statusOf(JSON.parse(text), Buffer.from(text))).toEqual([{ providerMessageId: '4912661846655238145', status: 'read' }]);
    expect(statusOf({ event: 'delivered', message_token: 2 }, undefined)).toEqual([{ providerMessageId: '2', status: 'delivered' }]);
    expect(statusOf({ event: 'failed', message_token: 3, desc: 'no device' }, undefined)[0]).toMatchObject({ status: 'failed', errorMessage: expect.stringContaining('no device') });
  });
});
