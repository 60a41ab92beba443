import type { AttachmentDto, CustomerDto, MessageDto } from '@parley/contracts';
import { api, useRunningApp } from './harness';
import { createTelegramInbox, messagesOf, telegramUser, useTelegramEmulator, waitFor, waitForMessage } from './telegram-fixtures';

describe('Telegram outbound, through telegraf against the Bot API emulator', () => {
  const t = useRunningApp();
  const tg = useTelegramEmulator(t);

  /** A Telegram user who wrote to a fresh bot, and the conversation that opened. */
  async function chatWithCustomer(name = 'Ivan') {
    const inbox = await createTelegramInbox(t, tg.emu);
    const bot = tg.emu.bot(inbox.token);
    const user = telegramUser(name);
    await bot.userSends(user, { text: 'Hello?' }).delivered;
    const [hello] = await messagesOf(t, inbox.id);
    return { inbox, bot, user, conversationId: hello.conversationId, customerId: hello.customerId };
  }

  const reply = (conversationId: string, body: Record<string, unknown>) =>
    api<MessageDto>(t.url, 'POST', `/api/conversations/${conversationId}/messages`, body, t.token);

  /** Delivery runs on the queue: waits until the reply leaves `pending`. */
  const delivered = (inboxId: string, id: string) =>
    waitForMessage(t, inboxId, (m) => m.id === id && m.deliveryStatus !== 'pending', 'the delivery');

  it('sends agent text in HTML parse mode, escaped, with safe bold and code', async () => {
    const { inbox, bot, user, conversationId } = await chatWithCustomer();
    const sent = await reply(conversationId, { content: 'Use <b>tags</b> & "quotes" > none; **Order 1042** ships, code `a<b`' });
    expect(sent.status).toBe(201);
    const message = await delivered(inbox.id, sent.body.id);
    expect(message.deliveryStatus).toBe('sent');
    const [out] = bot.sentTo(user.id);
    expect(out.text).toBe('Use <b>tags</b> & "quotes" > none; Order 1042 ships, code a<b');
    expect(out.entities.map((e: { type: string }) => e.type)).toEqual(['bold', 'code']);
    expect(message.metadata).toMatchObject({ telegramMessageIds: [out.message_id] });
  });

  it('sends buttons as an inline keyboard, answers the press and records it in the conversation', async () => {
    const { inbox, bot, user, conversationId } = await chatWithCustomer();
    const buttons = [{ text: 'Yes', data: 'confirm:yes' }, { text: 'No', data: 'confirm:no' }, { text: 'Track', url: 'https://example.com/track/1042' }];
    const sent = await reply(conversationId, { content: 'Shall we reship?', buttons });
    await delivered(inbox.id, sent.body.id);
    const [out] = bot.sentTo(user.id);
    expect(out.reply_markup.inline_keyboard).toEqual([[
      { text: 'Yes', callback_data: 'confirm:yes' },
      { text: 'No', callback_data: 'confirm:no' },
      { text: 'Track', url: 'https://example.com/track/1042' },
    ]]);
    await api(t.url, 'POST', `/api/conversations/${conversationId}/status`, { status: 'resolved' }, t.token);

    const press = bot.userPresses(user, out.message_id, 'confirm:yes');
    expect(await press.delivered).toBe(204);
    expect(bot.callbackAnswered(press.update.callback_query.id)).toBe(true);
    const answer = await waitForMessage(t, inbox.id, (m) => m.metadata?.callbackData === 'confirm:yes', 'the pressed button');
    expect(answer).toMatchObject({ direction: 'inbound', content: 'Yes', conversationId });
    const conversation = await api(t.url, 'GET', `/api/conversations/${conversationId}`, undefined, t.token);
    expect(conversation.body.status).toBe('open');
  });

  it('sends attachments: an image as a photo with its caption, other files as documents', async () => {
    const { inbox, bot, user, conversationId } = await chatWithCustomer();
    const upload = async (data: Buffer, type: string, name: string) =>
      (await fetch(`${t.url}/api/attachments?fileName=${name}`, { method: 'POST', headers: { authorization: `Bearer ${t.token}`, 'content-type': type }, body: data }).then((r) => r.json())) as AttachmentDto;
    // A real PNG signature: uploads are sniffed, and bytes that are not an image are not sent as a photo.
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const label = await upload(png, 'image/png', 'label.png');
    const one = await reply(conversationId, { content: 'Your **label**', attachmentIds: [label.id] });
    await delivered(inbox.id, one.body.id);
    const pdf = await upload(Buffer.from('%PDF invoice'), 'application/pdf', 'invoice.pdf');
    const two = await reply(conversationId, { content: 'Invoice and label attached', attachmentIds: [pdf.id, label.id] });
    expect((await delivered(inbox.id, two.body.id)).deliveryStatus).toBe('sent');

    const out = bot.sentTo(user.id);
    expect(out.map((m) => [m.photo ? 'photo' : m.document ? 'document' : 'text', m.caption ?? m.text])).toEqual([
      ['photo', 'Your label'],
      ['document', undefined],
      ['photo', undefined],
      ['text', 'Invoice and label attached'],
    ]);
    const photoCall = bot.callsOf('sendPhoto')[0];
    expect(photoCall.params.photo).toMatchObject({ fileName: 'label.png', size: png.length });
    expect(out[1].document).toMatchObject({ file_name: 'invoice.pdf' });
  });

  it("honours a 429's retry_after and sends the message once", async () => {
    const { inbox, bot, user, conversationId } = await chatWithCustomer();
    bot.failNext('sendMessage', 429, 'Too Many Requests: retry after 1', { retryAfter: 1 });
    const sent = await reply(conversationId, { content: 'After the flood' });
    expect((await delivered(inbox.id, sent.body.id)).deliveryStatus).toBe('sent');
    expect(bot.sentTo(user.id).map((m) => m.text)).toEqual(['After the flood']);
    expect(bot.callsOf('sendMessage').map((c) => c.status)).toEqual([429, 200]);
  });

  it('marks the identity unreachable when the user blocked the bot, until they write again', async () => {
    const { inbox, bot, user, conversationId, customerId } = await chatWithCustomer();
    bot.setBlocked(user, true);
    const sent = await reply(conversationId, { content: 'Are you there?' });
    const failed = await delivered(inbox.id, sent.body.id);
    expect(failed).toMatchObject({ deliveryStatus: 'failed', deliveryError: expect.stringContaining('bot was blocked by the user') });
    expect(bot.callsOf('sendMessage').map((c) => c.status)).toEqual([403]);
    const identity = async () => (await api<CustomerDto>(t.url, 'GET', `/api/customers/${customerId}`, undefined, t.token)).body.identities[0];
    expect(await identity()).toMatchObject({ channel: 'telegram', unreachable: true });
    const refused = await reply(conversationId, { content: 'Hello??' });
    expect(refused.status).toBe(422);

    bot.setBlocked(user, false);
    await bot.userSends(user, { text: 'Sorry, unblocked you' }).delivered;
    await waitFor(async () => !(await identity()).unreachable, 'the identity to be reachable again');
    expect((await reply(conversationId, { content: 'Welcome back' })).status).toBe(201);
  });
});
