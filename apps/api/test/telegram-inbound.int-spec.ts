import { randomUUID } from 'node:crypto';
import type { CustomerDto, InboxDto, TimelineEventDto } from '@parley/contracts';
import { IngestService } from '@parley/conversations';
import { InboxEntity } from '@parley/persistence';
import { DataSource } from 'typeorm';
import { api, useRunningApp } from './harness';
import {
  botToken, conversationsOf, createTelegramInbox, messagesOf, postUpdate, telegramUser, useTelegramEmulator, waitFor, waitForMessage,
} from './telegram-fixtures';

describe('Telegram inbound, through telegraf against the Bot API emulator', () => {
  const t = useRunningApp();
  const tg = useTelegramEmulator(t);

  it('checks the token with getMe and sets the webhook with a secret token on inbox creation', async () => {
    const inbox = await createTelegramInbox(t, tg.emu);
    const bot = tg.emu.bot(inbox.token);
    // Telegram's ceiling of parallel webhook requests, not its default of 40: more updates in flight, bigger group commits.
    expect(bot.webhook).toMatchObject({ url: `${t.url}/webhooks/telegram/${inbox.id}`, secretToken: expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/), maxConnections: 100 });
    expect(inbox.config).toMatchObject({ mode: 'webhook', botUsername: bot.username, botId: bot.id });
    expect(JSON.stringify(inbox.config)).not.toContain(inbox.token.split(':')[1]);
    expect(JSON.stringify(inbox.config)).not.toContain(bot.webhook!.secretToken);
  });

  it('refuses an invalid or revoked bot token with a clear 400 and saves nothing', async () => {
    const before = (await api<InboxDto[]>(t.url, 'GET', '/api/inboxes', undefined, t.token)).body.length;
    const malformed = await api(t.url, 'POST', '/api/inboxes', { name: 'Bad bot', channel: 'telegram', config: { botToken: 'not-a-token', apiBaseUrl: tg.emu.url } }, t.token);
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/bot token was refused by Telegram \(401: Unauthorized\)/);
    const revoked = botToken();
    tg.emu.revoke(revoked);
    expect((await api(t.url, 'POST', '/api/inboxes', { name: 'Revoked', channel: 'telegram', config: { botToken: revoked, apiBaseUrl: tg.emu.url } }, t.token)).status).toBe(400);
    const missing = await api(t.url, 'POST', '/api/inboxes', { name: 'No token', channel: 'telegram', config: { apiBaseUrl: tg.emu.url } }, t.token);
    expect(missing.body.message).toMatch(/botToken is required/);
    const tooMany = await api(t.url, 'POST', '/api/inboxes', { name: 'Too many', channel: 'telegram', config: { botToken: botToken(), apiBaseUrl: tg.emu.url, maxConnections: 500 } }, t.token);
    expect([tooMany.status, tooMany.body.message]).toEqual([400, 'The telegram settings were refused: maxConnections must be a whole number from 1 to 100']);
    expect((await api<InboxDto[]>(t.url, 'GET', '/api/inboxes', undefined, t.token)).body.length).toBe(before);
  });

  it('rejects a wrong or missing secret, malformed updates and unknown inboxes, storing nothing', async () => {
    const inbox = await createTelegramInbox(t, tg.emu);
    const secret = tg.emu.bot(inbox.token).webhook!.secretToken!;
    const update = { update_id: 1, message: { message_id: 1, from: { id: 42, first_name: 'Mallory' }, chat: { id: 42, type: 'private' }, date: 1, text: 'forged' } };
    expect((await postUpdate(t, inbox.id, update, 'wrong-secret')).status).toBe(403);
    expect((await postUpdate(t, inbox.id, update)).status).toBe(403);
    expect((await postUpdate(t, inbox.id, { message: { text: 'no update_id' } }, secret)).status).toBe(400);
    expect((await postUpdate(t, inbox.id, '{"update_id":', secret)).status).toBe(400);
    expect((await postUpdate(t, randomUUID(), update, secret)).status).toBe(404);
    const huge = { ...update, message: { ...update.message, text: 'x'.repeat(2 * 1024 * 1024) } };
    expect((await postUpdate(t, inbox.id, huge, secret)).status).toBe(413);
    expect(await conversationsOf(t, inbox.id)).toEqual([]);
  });

  it('stores a message once however often Telegram delivers its update', async () => {
    const inbox = await createTelegramInbox(t, tg.emu);
    const bot = tg.emu.bot(inbox.token);
    const user = telegramUser('Olga', { last_name: 'Ivanova', username: 'olga_i' });
    const sent = bot.userSends(user, { text: 'Where is my parcel?' });
    expect(await sent.delivered).toBe(204);
    const again = await postUpdate(t, inbox.id, sent.update, bot.webhook!.secretToken!);
    expect(again.status).toBe(204);
    const messages = await messagesOf(t, inbox.id);
    expect(messages.map((m) => m.content)).toEqual(['Where is my parcel?']);
    expect(messages[0]).toMatchObject({ channel: 'telegram', direction: 'inbound', metadata: { chatId: user.id, updateId: sent.update.update_id } });
    const customer = await api<CustomerDto>(t.url, 'GET', `/api/customers/${messages[0].customerId}`, undefined, t.token);
    expect(customer.body).toMatchObject({ name: 'Olga Ivanova', identities: [{ channel: 'telegram', externalId: String(user.id), unreachable: false, metadata: { username: 'olga_i' } }] });
  });

  it('keeps one chat in the order it was written', async () => {
    const inbox = await createTelegramInbox(t, tg.emu);
    const bot = tg.emu.bot(inbox.token);
    const user = telegramUser('Petr');
    const words = ['one', 'two', 'three', 'four', 'five', 'six'];
    const sends = words.map((text) => bot.userSends(user, { text }));
    await Promise.all(sends.map((s) => s.delivered));
    expect((await messagesOf(t, inbox.id)).map((m) => m.content)).toEqual(words);
  });

  it('keeps photos, documents, voice, video notes and stickers as attachments, and locations as text', async () => {
    const inbox = await createTelegramInbox(t, tg.emu);
    const bot = tg.emu.bot(inbox.token);
    const user = telegramUser('Anna');
    const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const pdf = Buffer.from('%PDF-1.4 order 1042');
    for (const input of [
      { photo: { data: photo, fileName: 'broken.jpg' }, caption: 'It arrived broken' },
      { document: { data: pdf, fileName: 'receipt.pdf', contentType: 'application/pdf' } },
      { voice: { data: Buffer.from('OggS voice'), contentType: 'audio/ogg' } },
      { video_note: { data: Buffer.from('mp4 circle'), contentType: 'video/mp4' } },
      { sticker: { data: Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 ')]), emoji: '😢' } },
      { location: { latitude: 55.7558, longitude: 37.6173 } },
    ]) {
      expect(await bot.userSends(user, input).delivered).toBe(204);
    }
    const messages = await messagesOf(t, inbox.id);
    expect(messages.map((m) => [m.content, m.attachments.map((a) => a.contentType)])).toEqual([
      ['It arrived broken', ['image/jpeg']],
      ['', ['application/pdf']],
      ['', ['audio/ogg']],
      ['', ['video/mp4']],
      ['😢', ['image/webp']],
      ['📍 55.7558, 37.6173', []],
    ]);
    const download = async (url: string) => Buffer.from(await (await fetch(t.url + url)).arrayBuffer());
    expect(await download(messages[0].attachments[0].url)).toEqual(photo);
    expect(messages[1].attachments[0].fileName).toBe('receipt.pdf');
    expect(await download(messages[1].attachments[0].url)).toEqual(pdf);
  });

  it('shows an edit in the thread and keeps the original', async () => {
    const inbox = await createTelegramInbox(t, tg.emu);
    const bot = tg.emu.bot(inbox.token);
    const user = telegramUser('Boris');
    const first = bot.userSends(user, { text: 'I ordered the wrong szie' });
    await first.delivered;
    const edit = bot.userEdits(user, first.update.message.message_id, 'I ordered the wrong size');
    expect(await edit.delivered).toBe(204);
    expect((await postUpdate(t, inbox.id, edit.update, bot.webhook!.secretToken!)).status).toBe(204);
    const [message, ...rest] = await messagesOf(t, inbox.id);
    expect(rest).toEqual([]);
    expect(message.content).toBe('I ordered the wrong size');
    expect(message.metadata?.edits).toEqual([{ id: `edit:${edit.update.update_id}`, content: 'I ordered the wrong szie', editedAt: expect.any(String) }]);
    const timeline = await api<{ items: TimelineEventDto[] }>(t.url, 'GET', `/api/customers/${message.customerId}/timeline`, undefined, t.token);
    expect(timeline.body.items.find((e) => e.messageId === message.id)?.content).toBe('I ordered the wrong size');
  });

  it('threads a reply into the conversation of the message it answers, even a resolved one', async () => {
    const inbox = await createTelegramInbox(t, tg.emu);
    const bot = tg.emu.bot(inbox.token);
    const user = telegramUser('Vera');
    const first = bot.userSends(user, { text: 'Order 1042 is late' });
    await first.delivered;
    const [conversation] = await conversationsOf(t, inbox.id);
    await api(t.url, 'POST', `/api/conversations/${conversation.id}/status`, { status: 'resolved' }, t.token);
    await bot.userSends(user, { text: 'Still late!', replyTo: first.update.message.message_id }).delivered;
    const conversations = await conversationsOf(t, inbox.id);
    expect(conversations.map((c) => [c.id, c.status])).toEqual([[conversation.id, 'open']]);
  });

  it('keeps a /start deep-link payload on the customer', async () => {
    const inbox = await createTelegramInbox(t, tg.emu);
    const bot = tg.emu.bot(inbox.token);
    await bot.userSends(telegramUser('Gleb'), { text: '/start order-1042' }).delivered;
    const [message] = await messagesOf(t, inbox.id);
    const customer = await api<CustomerDto>(t.url, 'GET', `/api/customers/${message.customerId}`, undefined, t.token);
    expect(customer.body.attributes).toMatchObject({ telegramStartPayload: 'order-1042' });
    expect(customer.body.identities[0].metadata).toMatchObject({ startPayload: 'order-1042' });
  });

  it('makes one customer of the SMS and Telegram histories when the user shares their phone', async () => {
    const ingest = t.app.app.get(IngestService);
    // An SMS inbox of its own (messages reference their inbox): no provider is called here.
    const smsInboxId = randomUUID();
    await t.app.app.get(DataSource).getRepository(InboxEntity).insert({ id: smsInboxId, name: 'SMS', channel: 'sms', config: {}, websiteToken: null, createdAt: new Date(), updatedAt: new Date() });
    const sms = await ingest.ingest({
      inboxId: smsInboxId,
      channel: 'sms',
      providerMessageId: `SM${randomUUID().replace(/-/g, '')}`,
      sender: { externalId: '+14155550123', phone: '+14155550123' },
      content: 'Hi, texting about order 77',
    });
    const inbox = await createTelegramInbox(t, tg.emu);
    const bot = tg.emu.bot(inbox.token);
    const user = telegramUser('Dana');
    await bot.userSends(user, { text: 'Hello from Telegram' }).delivered;
    const [hello] = await messagesOf(t, inbox.id);
    expect(hello.customerId).not.toBe(sms.conversation.customerId);

    // Someone else's contact card links nobody.
    await bot.userSends(user, { contact: { phone_number: '14155550123', first_name: 'Other', user_id: 1 } }).delivered;
    expect((await api<CustomerDto>(t.url, 'GET', `/api/customers/${hello.customerId}`, undefined, t.token)).body.mergedIntoId).toBeNull();

    expect(await bot.userSends(user, { contact: { phone_number: '14155550123' } }).delivered).toBe(204);
    const merged = await api<CustomerDto>(t.url, 'GET', `/api/customers/${sms.conversation.customerId}`, undefined, t.token);
    expect(merged.body.identities.map((i) => [i.channel, i.externalId]).sort()).toEqual([['sms', '+14155550123'], ['telegram', String(user.id)]]);
    expect(merged.body.phone).toBe('+14155550123');
    const source = await api<CustomerDto>(t.url, 'GET', `/api/customers/${hello.customerId}`, undefined, t.token);
    expect(source.body.mergedIntoId).toBe(sms.conversation.customerId);
    const timeline = await api<{ items: TimelineEventDto[] }>(t.url, 'GET', `/api/customers/${sms.conversation.customerId}/timeline?limit=50`, undefined, t.token);
    const contents = timeline.body.items.filter((e) => e.type === 'message').map((e) => [e.channel, e.content]);
    expect(contents).toEqual(expect.arrayContaining([['sms', 'Hi, texting about order 77'], ['telegram', 'Hello from Telegram'], ['telegram', '📞 +14155550123 (Dana)']]));

    // The next Telegram message lands on the merged customer straight away.
    await bot.userSends(user, { text: 'Any news?' }).delivered;
    const later = (await messagesOf(t, inbox.id)).find((m) => m.content === 'Any news?');
    expect(later?.customerId).toBe(sms.conversation.customerId);
  });

  it('reads polling inboxes with getUpdates, several bots at once, and stops when one is switched to a webhook', async () => {
    const inbox = await createTelegramInbox(t, tg.emu, { mode: 'polling' });
    const other = await createTelegramInbox(t, tg.emu, { mode: 'polling' });
    const bot = tg.emu.bot(inbox.token);
    expect(bot.webhook).toBeNull();
    const user = telegramUser('Polly');
    bot.userSends(user, { text: 'polled one' });
    bot.userSends(user, { text: 'polled two' });
    tg.emu.bot(other.token).userSends(telegramUser('Pavel'), { text: 'to the other bot' });
    await waitForMessage(t, inbox.id, (m) => m.content === 'polled two', 'the polled messages');
    await waitForMessage(t, other.id, (m) => m.content === 'to the other bot', 'the other bot\'s message');
    expect((await messagesOf(t, inbox.id)).map((m) => m.content)).toEqual(['polled one', 'polled two']);
    // Confirmed to Telegram by the next offset: nothing is handed out twice.
    await waitFor(async () => bot.queue.length === 0, 'the offset to confirm the updates');

    const switched = await api(t.url, 'PATCH', `/api/inboxes/${inbox.id}`, { config: { mode: 'webhook' } }, t.token);
    expect(switched.status).toBe(200);
    expect(bot.webhook?.url).toBe(`${t.url}/webhooks/telegram/${inbox.id}`);
    expect(await bot.userSends(user, { text: 'via webhook now' }).delivered).toBe(204);
    expect((await messagesOf(t, inbox.id)).map((m) => m.content)).toEqual(['polled one', 'polled two', 'via webhook now']);
  });
});
