import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { CustomerDto } from '@parley/contracts';
import { IngestService } from '@parley/conversations';
import { InboxEntity } from '@parley/persistence';
import { api, useRunningApp } from './harness';
import { conversationsOf, messagesOf, waitFor, waitForMessage } from './telegram-fixtures';
import { createViberInbox, postCallback, useViberEmulator, viberUser } from './viber-fixture';

describe('Viber inbound, through the REST API emulator', () => {
  const t = useRunningApp();
  const vb = useViberEmulator(t);

  it('checks the token and sets the webhook on creation (Viber checks it first); refuses a bad token with a 400', async () => {
    const inbox = await createViberInbox(t, vb.emu);
    expect(inbox.bot.webhook?.url).toBe(`${t.url}/webhooks/viber/${inbox.id}`);
    expect(inbox.bot.callbacks.find((c) => c.event === 'webhook')).toMatchObject({ status: 200 });
    expect(inbox.config).toMatchObject({ botId: inbox.bot.id, botName: inbox.bot.name });
    expect(JSON.stringify(inbox.config)).not.toContain(inbox.token);
    const bad = await api(t.url, 'POST', '/api/inboxes', { name: 'Bad', channel: 'viber', config: { authToken: 'not-a-token', apiBaseUrl: vb.emu.url } }, t.token);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('auth token was refused');
  });

  it('refuses forged and missing signatures and malformed callbacks, storing nothing; ignores unknown events', async () => {
    const inbox = await createViberInbox(t, vb.emu);
    const message = { event: 'message', timestamp: Date.now(), message_token: 4912661846655238145n.toString(), sender: { id: 'x==', name: 'Eve' }, message: { type: 'text', text: 'forged' } };
    expect((await postCallback(t, inbox.id, message)).status).toBe(403);
    expect((await postCallback(t, inbox.id, message, 'aaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb-cccccccccccccccc')).status).toBe(403);
    expect((await postCallback(t, inbox.id, '{"event":"message","message_token":1,', inbox.token)).status).toBe(400);
    expect((await postCallback(t, inbox.id, { event: 'message', message_token: 2, sender: { id: 'x==' } }, inbox.token)).status).toBe(400);
    expect((await postCallback(t, inbox.id, { event: 'client_status', message_token: 3 }, inbox.token)).status).toBe(200);
    expect(await messagesOf(t, inbox.id)).toEqual([]);
  });

  it('answers conversation_started with the welcome in the customer language and stores a message once however often it comes', async () => {
    const inbox = await createViberInbox(t, vb.emu);
    const user = viberUser('Ольга');
    const opened = await vb.emu.user(inbox.bot, user).open();
    expect(opened).toMatchObject({ status: 200, welcome: { type: 'text', sender: { name: 'Ромашка' }, text: expect.stringContaining('Здравствуйте! Это Ромашка') } });
    const english = await vb.emu.user(inbox.bot, viberUser('Emily', { language: 'en' })).open();
    expect(english.welcome).toMatchObject({ text: expect.stringContaining('Hello! This is Ромашка') });

    const body = `{"event":"message","timestamp":${Date.now()},"message_token":5098034272017990101,"sender":{"id":"${user.id}","name":"Ольга"},"message":{"type":"text","text":"Где мой заказ?"}}`;
    // A token that differs only past a double's precision is another message.
    const other = body.replace('5098034272017990101', '5098034272017990102').replace('Где мой заказ?', 'И ещё вопрос');
    for (const raw of [body, body, other, body]) expect((await postCallback(t, inbox.id, raw, inbox.token)).status).toBe(200);
    const stored = await waitFor(async () => {
      const all = await messagesOf(t, inbox.id);
      return all.length >= 2 && all;
    }, 'both messages');
    await new Promise((r) => setTimeout(r, 300));
    const all = await messagesOf(t, inbox.id);
    expect(all.map((m) => m.content).sort()).toEqual(['Где мой заказ?', 'И ещё вопрос']);
    expect(stored[0].channel).toBe('viber');
  });

  it('keeps pictures and files as attachments, stickers and locations shown sensibly', async () => {
    const inbox = await createViberInbox(t, vb.emu);
    const who = viberUser('Ира');
    const user = vb.emu.user(inbox.bot, who);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const emuBase = vb.emu.url.replace(/\/pa$/, '');
    const upload = await fetch(`${emuBase}/_emulator/bots/${inbox.bot.index}/users/${encodeURIComponent(who.id)}/send`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ file: { name: 'чек.png', contentType: 'image/png', base64: png.toString('base64') }, caption: 'Вот чек', user: { name: 'Ира' } }),
    });
    expect(upload.status).toBe(200);
    const picture = await waitForMessage(t, inbox.id, (m) => m.content === 'Вот чек' && m.attachments.length === 1, 'the picture with its bytes');
    expect(picture.attachments[0]).toMatchObject({ contentType: 'image/png', fileName: 'чек.png' });
    await fetch(`${emuBase}/_emulator/bots/${inbox.bot.index}/users/${encodeURIComponent(who.id)}/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sticker: 40133 }) });
    const sticker = await waitForMessage(t, inbox.id, (m) => m.metadata?.media === 'sticker' && m.attachments.length === 1, 'the sticker');
    expect(sticker.attachments[0].contentType).toBe('image/png');
    await user.send({ type: 'location', location: { lat: 55.7558, lon: 37.6173 } });
    await waitForMessage(t, inbox.id, (m) => m.content === '📍 55.7558, 37.6173', 'the location');
  });

  it('keeps subscriptions and the deep link a chat was opened with on the customer, never as a message or a conversation', async () => {
    const inbox = await createViberInbox(t, vb.emu);
    const who = viberUser('Ксения Орлова', { language: 'ru', avatar: 'https://media.example/ксения.jpg' });
    const user = vb.emu.user(inbox.bot, who);
    const customerOf = async () => {
      const found = (await api<{ items: CustomerDto[] }>(t.url, 'GET', `/api/customers?query=${encodeURIComponent(who.id)}`, undefined, t.token)).body.items;
      return found.find((c) => c.identities.some((i) => i.channel === 'viber' && i.externalId === who.id));
    };
    const viberIdentity = (c: CustomerDto) => c.identities.find((i) => i.channel === 'viber')!;

    const opened = await user.open('реклама-весна');
    expect(opened.welcome).toMatchObject({ text: expect.stringContaining('Здравствуйте') });
    const introduced = await waitFor(async () => customerOf(), 'the customer from the deep link');
    expect(introduced).toMatchObject({ name: 'Ксения Орлова', attributes: { viberContext: 'реклама-весна', language: 'ru' } });
    expect(viberIdentity(introduced).metadata).toMatchObject({ context: 'реклама-весна', avatar: who.avatar, languageCode: 'ru' });

    expect((await user.unsubscribe()).status).toBe(200);
    await waitFor(async () => viberIdentity((await customerOf())!).optedOut, 'the opt-out');
    expect((await user.subscribe()).status).toBe(200);
    const back = await waitFor(async () => {
      const c = (await customerOf())!;
      return !viberIdentity(c).optedOut && c;
    }, 'the opt-in');
    expect(viberIdentity(back).metadata).toMatchObject({ subscribedAt: expect.any(String), context: 'реклама-весна' });

    // A stranger's unsubscribe introduces nobody; nothing of it all is a message or a conversation.
    const stranger = viberUser('Незнакомец');
    expect((await vb.emu.user(inbox.bot, stranger).unsubscribe()).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect((await api<{ items: CustomerDto[] }>(t.url, 'GET', `/api/customers?query=${encodeURIComponent(stranger.id)}`, undefined, t.token)).body.items).toEqual([]);
    expect(await messagesOf(t, inbox.id)).toEqual([]);
    expect(await conversationsOf(t, inbox.id)).toEqual([]);
  });

  it('makes one customer of the SMS and Viber histories when the user shares their own phone', async () => {
    const smsInboxId = randomUUID();
    await t.app.app.get(DataSource).getRepository(InboxEntity).insert({ id: smsInboxId, name: 'SMS', channel: 'sms', config: {}, websiteToken: null, createdAt: new Date(), updatedAt: new Date() });
    const sms = await t.app.app.get(IngestService).ingest({
      inboxId: smsInboxId, channel: 'sms', providerMessageId: `SM${randomUUID().replace(/-/g, '')}`,
      sender: { externalId: '+79161112233', phone: '+79161112233' }, content: 'Пишу по SMS про заказ 77',
    });
    const inbox = await createViberInbox(t, vb.emu);
    const who = viberUser('Дана');
    const user = vb.emu.user(inbox.bot, who);
    await user.send({ type: 'text', text: 'Привет из Viber' });
    const hello = await waitForMessage(t, inbox.id, (m) => m.content === 'Привет из Viber', 'the hello');
    expect(hello.customerId).not.toBe(sms.conversation.customerId);
    // A card from the address book is someone else: it links nobody.
    await user.send({ type: 'contact', contact: { name: 'Мама', phone_number: '79161112233' } });
    await waitForMessage(t, inbox.id, (m) => m.content.includes('(Мама)'), 'the other card');
    expect((await api<CustomerDto>(t.url, 'GET', `/api/customers/${hello.customerId}`, undefined, t.token)).body.mergedIntoId).toBeNull();
    await user.send({ type: 'contact', contact: { name: 'Дана', phone_number: '79161112233' } });
    const merged = await waitFor(async () => {
      const c = (await api<CustomerDto>(t.url, 'GET', `/api/customers/${sms.conversation.customerId}`, undefined, t.token)).body;
      return c.identities.length === 2 && c;
    }, 'the merge');
    expect(merged.identities.map((i) => [i.channel, i.externalId]).sort()).toEqual([['sms', '+79161112233'], ['viber', who.id]]);
    expect((await api<CustomerDto>(t.url, 'GET', `/api/customers/${hello.customerId}`, undefined, t.token)).body.mergedIntoId).toBe(sms.conversation.customerId);
  });
});
