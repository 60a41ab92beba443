import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { CustomerDto } from '@parley/contracts';
import { IngestService } from '@parley/conversations';
import { InboxEntity } from '@parley/persistence';
import { metaSignature } from '@parley/channels-meta';
import { api } from './harness';
import { conversationsOf, eventually, messagesOf, storedMessage, useMetaSuite, VERIFY_TOKEN } from './meta-fixture';

describe('Messenger and Instagram in', () => {
  const t = useMetaSuite();

  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(t.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then(async (r) => ({ status: r.status, text: await r.text() }));
  const signed = (path: string, payload: unknown, secret = t.appCredentials.appSecret) => {
    const body = JSON.stringify(payload);
    return post(path, body, { 'x-hub-signature-256': metaSignature(secret, body) });
  };
  const event = (psid: string, message: Record<string, unknown>) => ({
    object: 'page', entry: [{ id: t.page.pageId, time: Date.now(), messaging: [{ sender: { id: psid }, recipient: { id: t.page.pageId }, timestamp: Date.now(), message }] }],
  });

  it('answers the hub.challenge with the verify token only', async () => {
    const path = `/webhooks/meta/${t.messenger.id}`;
    const get = (query: Record<string, string>) => fetch(`${t.url}${path}?${new URLSearchParams(query)}`).then(async (r) => ({ status: r.status, text: await r.text() }));
    expect(await get({ 'hub.mode': 'subscribe', 'hub.verify_token': VERIFY_TOKEN, 'hub.challenge': '1158201444' })).toEqual({ status: 200, text: '1158201444' });
    expect((await get({ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' })).status).toBe(403);
    expect((await get({})).status).toBe(403);
    expect((await fetch(`${t.url}/webhooks/meta/${randomUUID()}?hub.mode=subscribe`)).status).toBe(404);
    expect((await fetch(`${t.url}/webhooks/twilio/${t.messenger.id}?hub.mode=subscribe`)).status).toBe(404);
  });

  it('refuses missing and forged signatures with 403 and stores nothing', async () => {
    const path = `/webhooks/meta/${t.messenger.id}`;
    const payload = event('7000000000000001', { mid: 'm_forged', text: 'подделка' });
    expect((await post(path, JSON.stringify(payload), {})).status).toBe(403);
    expect((await signed(path, payload, 'not-the-app-secret')).status).toBe(403);
    const forged = await t.emulator.sendInbound({ channel: 'messenger', from: 'Мошенник', text: 'подделка', signWith: 'wrong' });
    expect(forged.status).toBe(403);
    const unsigned = await t.emulator.sendInbound({ channel: 'messenger', from: 'Мошенник', text: 'без подписи', signWith: null });
    expect(unsigned.status).toBe(403);
    const genuine = await t.emulator.sendInbound({ channel: 'messenger', from: 'Мошенник', text: 'настоящее' });
    expect(genuine).toMatchObject({ status: 200, body: 'EVENT_RECEIVED' });
    const stored = await storedMessage(t, t.messenger, 'настоящее');
    expect((await messagesOf(t, stored.conversationId)).map((m) => m.content)).toEqual(['настоящее']);
  });

  it('stores a message Meta delivers again once, with the customer\'s name from their profile', async () => {
    const first = await t.emulator.sendInbound({ channel: 'messenger', from: 'Анна Смирнова', text: 'Где мой заказ?' });
    const again = await t.emulator.redeliver(first.mid);
    expect([first.status, again.status]).toEqual([200, 200]);
    const stored = await storedMessage(t, t.messenger, 'Где мой заказ?');
    await t.emulator.redeliver(first.mid);
    await t.emulator.sendInbound({ channel: 'messenger', from: 'Анна Смирнова', text: 'метка после повторов' });
    await storedMessage(t, t.messenger, 'метка после повторов');
    expect((await messagesOf(t, stored.conversationId)).map((m) => m.content)).toEqual(['Где мой заказ?', 'метка после повторов']);
    const customer = (await api<CustomerDto>(t.url, 'GET', `/api/customers/${stored.customerId}`, undefined, t.token)).body;
    expect(customer.name).toBe('Анна Смирнова');
    expect(customer.identities.map((i) => [i.channel, i.externalId])).toEqual([['messenger', first.userId]]);
  });

  it('keeps photos (fetched after the acknowledgement), reactions and Instagram messages', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const photo = await t.emulator.sendInbound({ channel: 'messenger', from: 'Emily Carter', text: 'My parcel', media: [{ contentType: 'image/png', data: png }] });
    expect(photo.status).toBe(200);
    const stored = await storedMessage(t, t.messenger, 'My parcel');
    const withMedia = await eventually(async () => (await messagesOf(t, stored.conversationId)).find((m) => m.id === stored.id && m.attachments.length === 1), 'the fetched photo');
    expect(withMedia.attachments[0]).toMatchObject({ contentType: 'image/png' });

    const ig = await t.emulator.sendInbound({ channel: 'instagram', from: 'Мария', text: 'Привет из Instagram' });
    expect(ig.status).toBe(200);
    const igMessage = await storedMessage(t, t.instagram, 'Привет из Instagram');
    expect(igMessage.channel).toBe('instagram');
    expect(igMessage.customerId).not.toBe(stored.customerId);
  });

  it('acknowledges unknown events and other objects, and answers 400 to what is not a Meta payload', async () => {
    const path = `/webhooks/meta/${t.messenger.id}`;
    const optin = { object: 'page', entry: [{ id: t.page.pageId, messaging: [{ sender: { id: '1' }, recipient: { id: t.page.pageId }, optin: { ref: 'x' } }] }] };
    expect((await signed(path, optin)).status).toBe(200);
    expect((await signed(path, { object: 'user', entry: [{ changes: [] }] })).status).toBe(200);
    const broken = await signed(path, { object: 'page', entry: [{ messaging: [{ sender: { id: '1' }, recipient: { id: '2' }, message: { text: 'no mid' } }] }] });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.text).message).toMatch(/message\.mid is required/);
    const malformed = '{"object":"page","entry":';
    expect((await post(path, malformed, { 'x-hub-signature-256': metaSignature(t.appCredentials.appSecret, malformed) })).status).toBe(400);
    const huge = JSON.stringify(event('1', { mid: 'm_huge', text: 'я'.repeat(3 * 1024 * 1024) }));
    expect((await post(path, huge, { 'x-hub-signature-256': metaSignature(t.appCredentials.appSecret, huge) })).status).toBe(413);
  });

  it('stores what the page wrote in its own inbox as outbound and sent, leaving the conversation alone', async () => {
    const hello = await t.emulator.sendInbound({ channel: 'messenger', from: 'Дмитрий Козлов', text: 'Можно вернуть товар?' });
    const stored = await storedMessage(t, t.messenger, 'Можно вернуть товар?');
    const answer = await t.emulator.replyFromPageInbox(hello.userId, 'Да, в течение 14 дней');
    expect(answer.status).toBe(200);
    const echoed = await storedMessage(t, t.messenger, 'Да, в течение 14 дней', 'outbound');
    expect(echoed).toMatchObject({ conversationId: stored.conversationId, deliveryStatus: 'sent', authorId: null });
    // Meta retries the echo: still one row; and the customer's reaction to it joins the conversation.
    await signed(`/webhooks/meta/${t.messenger.id}`, JSON.parse(t.emulator.webhooks[t.emulator.webhooks.length - 1].body));
    expect((await t.emulator.react(answer.mid, '👍')).status).toBe(200);
    await storedMessage(t, t.messenger, '👍');
    const thread = await messagesOf(t, stored.conversationId);
    expect(thread.map((m) => [m.direction, m.content])).toEqual([['inbound', 'Можно вернуть товар?'], ['outbound', 'Да, в течение 14 дней'], ['inbound', '👍']]);
  });

  it('makes one customer of the SMS and Messenger histories when the person shares their phone by quick reply', async () => {
    const ingest = t.app.app.get(IngestService);
    const smsInboxId = randomUUID();
    await t.app.app.get(DataSource).getRepository(InboxEntity).insert({ id: smsInboxId, name: 'SMS', channel: 'sms', config: {}, websiteToken: null, createdAt: new Date(), updatedAt: new Date() });
    const sms = await ingest.ingest({ inboxId: smsInboxId, channel: 'sms', providerMessageId: `SM${randomUUID().replace(/-/g, '')}`, sender: { externalId: '+79161234567', phone: '+79161234567' }, content: 'Заказ 77' });
    const hello = await t.emulator.sendInbound({ channel: 'messenger', from: 'Ольга', text: 'Это я, из SMS' });
    const first = await storedMessage(t, t.messenger, 'Это я, из SMS');
    expect(first.customerId).not.toBe(sms.conversation.customerId);
    await t.emulator.sendInbound({ channel: 'messenger', from: hello.userId, quickReply: { title: '+79161234567', payload: '+79161234567' } });
    const merged = await eventually(async () => {
      const c = (await api<CustomerDto>(t.url, 'GET', `/api/customers/${sms.conversation.customerId}`, undefined, t.token)).body;
      return c.identities.length === 2 ? c : null;
    }, 'the merge');
    expect(merged.identities.map((i) => i.channel).sort()).toEqual(['messenger', 'sms']);
    expect((await conversationsOf(t, t.messenger)).some((c) => c.customerId === sms.conversation.customerId)).toBe(true);
  });
});
