import type { ConversationDto, CustomerDto, MessageDto, SurveyDto } from '@parley/contracts';
import { api, useRunningApp } from './harness';
import { messagesOf, waitFor, waitForMessage } from './telegram-fixtures';
import { createViberInbox, useViberEmulator, viberUser } from './viber-fixture';

describe('Viber outbound, through the REST API emulator', () => {
  const t = useRunningApp();
  const vb = useViberEmulator(t);

  async function chatWithCustomer(name = 'Ольга') {
    const inbox = await createViberInbox(t, vb.emu);
    const who = viberUser(name);
    const user = vb.emu.user(inbox.bot, who);
    await user.send({ type: 'text', text: 'Здравствуйте, где мой заказ?' });
    const hello = await waitForMessage(t, inbox.id, () => true, 'the first message');
    return { inbox, who, user, conversationId: hello.conversationId };
  }
  const reply = (conversationId: string, body: Record<string, unknown>) => api<MessageDto>(t.url, 'POST', `/api/conversations/${conversationId}/messages`, body, t.token);
  const botMessages = (inbox: { bot: { chats: Map<string, { entries: { fromBot: boolean; message: Record<string, any> }[] }> } }, userId: string) =>
    (inbox.bot.chats.get(userId)?.entries ?? []).filter((e) => e.fromBot);

  it('sends a reply with the sender name; delivery reports arriving out of order never move it back', async () => {
    const { inbox, who, conversationId } = await chatWithCustomer();
    inbox.bot.reports = 'reversed';
    const sent = await reply(conversationId, { content: 'Заказ уже в пути 🚚' });
    expect(sent.status).toBe(201);
    const read = await waitForMessage(t, inbox.id, (m) => m.id === sent.body.id && m.deliveryStatus === 'read', 'seen, then delivered');
    expect(read.metadata?.viberTokens).toEqual([expect.stringMatching(/^\d{19}$/)]);
    const [out] = botMessages(inbox, who.id);
    expect(out.message).toMatchObject({ type: 'text', text: 'Заказ уже в пути 🚚', sender: { name: 'Ромашка' } });
    await new Promise((r) => setTimeout(r, 300));
    expect((await messagesOf(t, inbox.id)).find((m) => m.id === sent.body.id)?.deliveryStatus).toBe('read');
  });

  it('sends a reply once across a lost answer: the retry does not send it again and says it may have arrived', async () => {
    const { inbox, who, conversationId } = await chatWithCustomer();
    inbox.bot.fail({ method: 'send_message', lose: true, times: 1 });
    const sent = await reply(conversationId, { content: 'Один раз, пожалуйста' });
    const settled = await waitForMessage(t, inbox.id, (m) => m.id === sent.body.id && m.deliveryStatus === 'failed', 'the verdict');
    expect(settled.deliveryError).toContain('may have reached the customer');
    expect(botMessages(inbox, who.id).filter((e) => e.message.text === 'Один раз, пожалуйста')).toHaveLength(1);
    expect(inbox.bot.calls.filter((c) => c.method === 'send_message')).toHaveLength(1);
  });

  it('records an unsubscribe as an opt-out, with no empty message: the next reply is refused before anything is sent', async () => {
    const { inbox, user, conversationId } = await chatWithCustomer();
    const { customerId } = (await api<ConversationDto>(t.url, 'GET', `/api/conversations/${conversationId}`, undefined, t.token)).body;
    expect((await user.unsubscribe()).status).toBe(200);
    await waitFor(async () => {
      const customer = (await api<CustomerDto>(t.url, 'GET', `/api/customers/${customerId}`, undefined, t.token)).body;
      return customer.identities.find((i) => i.channel === 'viber')?.optedOut;
    }, 'the opt-out');
    expect((await messagesOf(t, inbox.id)).map((m) => m.content)).toEqual(['Здравствуйте, где мой заказ?']);
    const refused = await reply(conversationId, { content: 'Вы тут?' });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('opted out');
    // Writing again subscribes again.
    await user.send({ type: 'text', text: 'Я вернулась' });
    await waitForMessage(t, inbox.id, (m) => m.content === 'Я вернулась', 'the return');
    expect((await reply(conversationId, { content: 'С возвращением' })).status).toBe(201);
  });

  it('sends a video as a video, and refuses a file Viber would not take before storing the reply (in Russian)', async () => {
    const { inbox, who, conversationId } = await chatWithCustomer();
    const upload = async (fileName: string, contentType: string, bytes: Buffer) => (await (await fetch(`${t.url}/api/attachments?fileName=${encodeURIComponent(fileName)}`, {
      method: 'POST', headers: { authorization: `Bearer ${t.token}`, 'content-type': contentType }, body: bytes,
    })).json()) as { id: string };
    const video = await upload('обзор.mp4', 'video/mp4', Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(64)]));
    const sent = await reply(conversationId, { content: 'Видео по заказу', attachmentIds: [video.id] });
    expect(sent.status).toBe(201);
    await waitFor(async () => botMessages(inbox, who.id).find((e) => e.message.type === 'video'), 'the video');
    expect(botMessages(inbox, who.id).find((e) => e.message.type === 'video')!.message).toMatchObject({ size: expect.any(Number), media: expect.stringContaining('/attachments/') });

    const exe = await upload('setup.exe', 'application/octet-stream', Buffer.from('MZ\u0090\u0000 not really a program'));
    const before = (await messagesOf(t, inbox.id)).length;
    const res = await fetch(`${t.url}/api/conversations/${conversationId}/messages`, {
      method: 'POST', headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json', 'accept-language': 'ru-RU' },
      body: JSON.stringify({ content: 'Установщик', attachmentIds: [exe.id] }),
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 'viber_file_type_refused', message: 'Viber не доставляет файлы такого типа: «setup.exe»' });
    expect((await messagesOf(t, inbox.id)).length).toBe(before);
  });

  it('runs the survey on a Viber keyboard: a press is the score, then the comment', async () => {
    const { inbox, who, user, conversationId } = await chatWithCustomer('Olga');
    expect((await api(t.url, 'PUT', '/api/surveys/settings', { scope: 'inbox', scopeId: inbox.id, type: 'csat', delayMinutes: 0 }, t.token)).status).toBe(200);
    await reply(conversationId, { content: 'Всё исправили' });
    await api(t.url, 'POST', `/api/conversations/${conversationId}/status`, { status: 'resolved' }, t.token);
    const question = await waitFor(async () => botMessages(inbox, who.id).find((e) => e.message.keyboard), 'the survey keyboard');
    const keys = question.message.keyboard.Buttons;
    expect(keys.map((k: { ActionType: string; ActionBody: string }) => [k.ActionType, k.ActionBody])).toEqual(['1', '2', '3', '4', '5'].map((n) => ['reply', n]));
    await user.send({ type: 'text', text: keys[4].ActionBody });
    await waitFor(async () => botMessages(inbox, who.id).find((e) => String(e.message.text).includes('почему') || /why/i.test(String(e.message.text))), 'the why question');
    await user.send({ type: 'text', text: 'Быстро ответили' });
    const survey = await waitFor(async () => {
      const list = (await api<SurveyDto[]>(t.url, 'GET', `/api/surveys?conversationId=${conversationId}`, undefined, t.token)).body;
      return list.find((s) => s.state === 'completed');
    }, 'the completed survey');
    expect(survey.response).toMatchObject({ score: 5, comment: 'Быстро ответили' });
    expect((await api(t.url, 'GET', `/api/conversations/${conversationId}`, undefined, t.token)).body.status).toBe('resolved');
  });
});
