import type { MessageDto, SurveyDto } from '@parley/contracts';
import { api, useRunningApp } from './harness';
import { messagesOf, waitFor, waitForMessage } from './telegram-fixtures';
import { createVkInbox, useVkEmulator, vkCustomer } from './vk-fixtures';

describe('VK outbound, through vk-io against the VK emulator', () => {
  const t = useRunningApp();
  const vk = useVkEmulator(t);

  async function dialog(config: Record<string, unknown> = {}) {
    const { inbox, community } = await createVkInbox(t, vk.emu, config);
    const user = vkCustomer(community, 'Olga', 'Petrova');
    community.userSends(user, { text: 'Здравствуйте' }, '');
    const hello = await waitForMessage(t, inbox.id, (m) => m.content === 'Здравствуйте', 'the first message');
    return { inbox, community, user, conversationId: hello.conversationId };
  }

  const reply = (conversationId: string, body: Record<string, unknown>) => api<MessageDto>(t.url, 'POST', `/api/conversations/${conversationId}/messages`, body, t.token);
  const delivered = (inboxId: string, id: string) => waitForMessage(t, inboxId, (m) => m.id === id && m.deliveryStatus !== 'pending', 'the delivery', );

  it('sends a reply once with a random_id derived from the message, even when VK’s answer is lost and the send is retried', async () => {
    const { inbox, community, user, conversationId } = await dialog();
    community.failNext('messages.send', 0, '', { dropAnswer: true });
    const sent = await reply(conversationId, { content: 'Ваш заказ уже в пути' });
    const message = await delivered(inbox.id, sent.body.id);
    expect(message.deliveryStatus).toBe('sent');
    const sends = community.calls.filter((c) => c.method === 'messages.send');
    expect(sends.length).toBeGreaterThanOrEqual(2);
    expect(new Set(sends.map((c) => c.params.random_id)).size).toBe(1);
    expect(community.sentTo(user.id).map((m) => m.text)).toEqual(['Ваш заказ уже в пути']);
    expect(message.metadata).toMatchObject({ vkMessageIds: [community.sentTo(user.id)[0].id] });
  });

  it('marks a reply failed, without retrying, when the customer forbade the community’s messages', async () => {
    const { inbox, community, user, conversationId } = await dialog();
    // Forbidden in VK, and the message_deny not yet processed by us.
    user.allowed = false;
    const sent = await reply(conversationId, { content: 'Ответ' });
    const message = await delivered(inbox.id, sent.body.id);
    expect(message.deliveryStatus).toBe('failed');
    expect(message.deliveryError).toMatch(/does not allow messages/);
    expect(community.calls.filter((c) => c.method === 'messages.send')).toHaveLength(1);
  });

  it('uploads an image as a photo and other files as documents', async () => {
    const { inbox, community, user, conversationId } = await dialog();
    const upload = async (name: string, type: string, data: Buffer) =>
      fetch(`${t.url}/api/attachments?fileName=${encodeURIComponent(name)}`, { method: 'POST', headers: { authorization: `Bearer ${t.token}`, 'content-type': type }, body: data }).then((r) => r.json() as Promise<{ id: string }>);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const photo = await upload('фото.png', 'image/png', png);
    const doc = await upload('счёт.pdf', 'application/pdf', Buffer.from('%PDF-1.4'));
    const sent = await reply(conversationId, { content: 'Фото и счёт', attachmentIds: [photo.id, doc.id] });
    expect(sent.status).toBe(201);
    expect((await delivered(inbox.id, sent.body.id)).deliveryStatus).toBe('sent');
    const [out] = community.sentTo(user.id);
    expect(out.text).toBe('Фото и счёт');
    expect(out.attachments.map((a: { type: string }) => a.type)).toEqual(['photo', 'doc']);
    expect(out.attachments[1].doc.title).toBe('счёт.pdf');
  });

  it('runs the survey with callback buttons: a press is the answer, answered to VK, and the conversation stays resolved', async () => {
    const { inbox, community, user, conversationId } = await dialog();
    expect((await api(t.url, 'PUT', '/api/surveys/settings', { scope: 'inbox', scopeId: inbox.id, type: 'ces', delayMinutes: 0 }, t.token)).status).toBe(200);
    await reply(conversationId, { content: 'Готово, проверьте' });
    await api(t.url, 'POST', `/api/conversations/${conversationId}/status`, { status: 'resolved' }, t.token);
    const question = await waitFor(async () => community.sentTo(user.id).find((m) => m.keyboard), 'the survey question');
    const keys = question.keyboard.buttons.flat();
    expect(question.keyboard.inline).toBe(true);
    expect(keys.map((k: { action: { label: string } }) => k.action.label)).toEqual(['1', '2', '3', '4', '5', '6', '7']);

    const press = community.userPresses(user, question.id, keys[5].action.payload);
    expect(await press.delivered).toBe(200);
    await waitFor(async () => community.eventAnswers.has(press.event.object.event_id), 'the event answer');
    await waitFor(async () => community.sentTo(user.id).find((m) => /почему|why/i.test(m.text)), 'the why question');
    community.userSends(user, { text: 'Долго ждал ответа' }, '');
    const survey = await waitFor(async () => {
      const list = (await api<SurveyDto[]>(t.url, 'GET', `/api/surveys?conversationId=${conversationId}`, undefined, t.token)).body;
      return list.find((s) => s.state === 'completed');
    }, 'the completed survey');
    expect(survey.response).toMatchObject({ score: 6, comment: 'Долго ждал ответа' });
    expect((await api(t.url, 'GET', `/api/conversations/${conversationId}`, undefined, t.token)).body.status).toBe('resolved');
  });

  it('reads a Long Poll inbox in the worker: messages in, replies out, nothing delivered to a webhook', async () => {
    const { inbox, community } = await createVkInbox(t, vk.emu, { mode: 'longpoll' });
    expect(community.servers).toEqual([]);
    expect(community.longPoll.enabled).toBe(true);
    // Events before the worker's source asked for a Long Poll server are not for it (as at VK).
    await waitFor(async () => community.calls.filter((c) => c.method === 'groups.getLongPollServer').length >= 2, 'the worker\'s Long Poll source');
    const user = vkCustomer(community, 'Иван', 'Long Poll');
    const png = Buffer.from('89504e470d0a1a0a', 'hex');
    community.userSends(user, { text: 'Через Long Poll', files: [{ data: png, contentType: 'image/png', fileName: 'x.png' }] }, vk.emu.url);
    const message = await waitForMessage(t, inbox.id, (m) => m.content === 'Через Long Poll' && m.attachments.length === 1, 'the polled message', );
    const sent = await reply(message.conversationId, { content: 'Ответ через API' });
    expect((await delivered(inbox.id, sent.body.id)).deliveryStatus).toBe('sent');
    expect(community.sentTo(user.id).map((m) => m.text)).toEqual(['Ответ через API']);
    // Our own send comes back on the poll as message_reply and is not stored a second time.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await messagesOf(t, inbox.id)).map((m) => m.content)).toEqual(['Через Long Poll', 'Ответ через API']);
  });
});
