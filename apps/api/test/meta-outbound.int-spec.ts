import type { CustomerDto, MessageDto, SurveyDto } from '@parley/contracts';
import { api } from './harness';
import { deliveryOf, eventually, messagesOf, reply, storedMessage, useMetaSuite } from './meta-fixture';

describe('Messenger and Instagram out', () => {
  const t = useMetaSuite();

  async function conversationWith(name: string, text: string, channel: 'messenger' | 'instagram' = 'messenger') {
    const sent = await t.emulator.sendInbound({ channel, from: name, text });
    const stored = await storedMessage(t, channel === 'messenger' ? t.messenger : t.instagram, text);
    return { userId: sent.userId, conversationId: stored.conversationId, customerId: stored.customerId };
  }

  it('delivers a reply once, its echo adds nothing, and delivery then read move it forward', async () => {
    const c = await conversationWith('Анна', 'Когда доставка?');
    const sent = await reply(t, c.conversationId, { content: 'Завтра до 18:00' });
    expect(sent.status).toBe(201);
    const read = await deliveryOf(t, sent.body, (m) => m.deliveryStatus === 'read');
    expect(read.deliveryError).toBeNull();
    const atMeta = t.emulator.list({ userId: c.userId, direction: 'out' });
    expect(atMeta.map((m) => [m.text, m.metadata])).toEqual([['Завтра до 18:00', `parley:${sent.body.id}`]]);
    await t.emulator.settled();
    expect((await messagesOf(t, c.conversationId)).map((m) => [m.direction, m.content])).toEqual([['inbound', 'Когда доставка?'], ['outbound', 'Завтра до 18:00']]);
  });

  it('ends at read when the read event overtakes the delivery one, on Instagram by mid', async () => {
    t.emulator.outOfOrder = true;
    try {
      const c = await conversationWith('Борис', 'Есть размер M?');
      const sent = await reply(t, c.conversationId, { content: 'Да, есть' });
      await deliveryOf(t, sent.body, (m) => m.deliveryStatus === 'read');
      await t.emulator.settled();
      expect((await messagesOf(t, c.conversationId)).find((m) => m.id === sent.body.id)!.deliveryStatus).toBe('read');
    } finally {
      t.emulator.outOfOrder = false;
    }
    const ig = await conversationWith('insta_user', 'Hello from IG', 'instagram');
    const igSent = await reply(t, ig.conversationId, { content: 'Hi there!' });
    await deliveryOf(t, igSent.body, (m) => m.deliveryStatus === 'read');
  });

  it('sends a reply once across a lost Send API answer', async () => {
    const c = await conversationWith('Вера', 'Где чек?');
    t.emulator.loseNextAnswers(1);
    const sent = await reply(t, c.conversationId, { content: 'Чек отправлен на почту' });
    const done = await deliveryOf(t, sent.body, (m) => m.deliveryStatus === 'read' || m.deliveryStatus === 'failed');
    expect(done.deliveryStatus).toBe('read');
    await t.emulator.settled();
    expect(t.emulator.list({ userId: c.userId, direction: 'out' }).map((m) => m.text)).toEqual(['Чек отправлен на почту']);
  });

  it('refuses a reply outside the 24-hour window in the agent\'s language, and lets a HUMAN_AGENT reply through for 7 days', async () => {
    const c = await conversationWith('Глеб', 'Жду ответа');
    t.emulator.ageConversation(c.userId, 30);
    // Parley's own record of the customer's last message is aged the same way.
    const { DataSource } = await import('typeorm');
    const { ConversationEntity } = await import('@parley/persistence');
    await t.app.app.get(DataSource).getRepository(ConversationEntity).update({ id: c.conversationId }, { lastInboundAt: new Date(Date.now() - 30 * 3600_000) });

    const en = await reply(t, c.conversationId, { content: 'Простите за задержку' });
    expect(en.status).toBe(422);
    expect(en.body).toMatchObject({ code: 'meta_window_closed', message: expect.stringMatching(/^Outside the 24-hour messaging window on Messenger \(the customer last wrote 30 hours ago\)/) });
    const ru = await reply(t, c.conversationId, { content: 'Простите за задержку' }, 'ru');
    expect(ru.body).toMatchObject({ code: 'meta_window_closed', message: expect.stringMatching(/^Прошло больше 24 часов/) });

    const tagged = await reply(t, c.conversationId, { content: 'Простите за задержку', messageTag: 'HUMAN_AGENT' });
    expect(tagged.status).toBe(201);
    await deliveryOf(t, tagged.body, (m) => m.deliveryStatus === 'read');
    expect(t.emulator.list({ userId: c.userId, direction: 'out' }).map((m) => m.tag)).toEqual(['HUMAN_AGENT']);

    await t.app.app.get(DataSource).getRepository(ConversationEntity).update({ id: c.conversationId }, { lastInboundAt: new Date(Date.now() - 8 * 24 * 3600_000) });
    const late = await reply(t, c.conversationId, { content: 'Ещё раз', messageTag: 'HUMAN_AGENT' });
    expect(late).toMatchObject({ status: 422, body: { code: 'meta_tag_window_closed' } });
    expect((await reply(t, c.conversationId, { content: 'x', messageTag: 'CONFIRMED_EVENT_UPDATE' })).status).toBe(400);
  });

  it('marks a person who blocked the page unreachable and refuses further replies', async () => {
    const c = await conversationWith('Денис', 'Больше не пишите');
    t.emulator.failNextSends(1, { status: 400, code: 551, subcode: 1545041, message: 'This person isn\'t available right now.' });
    const sent = await reply(t, c.conversationId, { content: 'Хорошо' });
    const failed = await deliveryOf(t, sent.body, (m) => m.deliveryStatus === 'failed');
    expect(failed.deliveryError).toMatch(/cannot be reached on Messenger/);
    const customer = (await api<CustomerDto>(t.url, 'GET', `/api/customers/${c.customerId}`, undefined, t.token)).body;
    expect(customer.identities[0]).toMatchObject({ unreachable: true });
    expect((await reply(t, c.conversationId, { content: 'Ещё одно' })).status).toBe(422);
  });

  it('asks the survey with quick replies and takes a tap as the score', async () => {
    expect((await api(t.url, 'PUT', '/api/surveys/settings', { scope: 'inbox', scopeId: t.messenger.id, type: 'csat', delayMinutes: 0 }, t.token)).status).toBe(200);
    const c = await conversationWith('Елена', 'Спасибо, всё пришло');
    await reply(t, c.conversationId, { content: 'Рады помочь!' });
    await api(t.url, 'POST', `/api/conversations/${c.conversationId}/status`, { status: 'resolved' }, t.token);
    const question = await eventually(async () => t.emulator.list({ userId: c.userId, direction: 'out' }).find((m) => m.quickReplies.length > 0), 'the survey question');
    expect(question.quickReplies.map((q) => q.title)).toEqual(['1', '2', '3', '4', '5']);
    expect(question.text).not.toMatch(/1.*5.*ответ/i);
    await t.emulator.sendInbound({ channel: 'messenger', from: c.userId, quickReply: question.quickReplies[4] });
    const survey = await eventually(async () => {
      const list = (await api<SurveyDto[]>(t.url, 'GET', `/api/surveys?conversationId=${c.conversationId}`, undefined, t.token)).body;
      return list.find((s) => s.response?.score === 5);
    }, 'the answered survey');
    expect(survey.response).toMatchObject({ score: 5 });
    expect((await api(t.url, 'GET', `/api/conversations/${c.conversationId}`, undefined, t.token)).body.status).toBe('resolved');
  });

  it('sends a file as an attachment the provider fetches through a signed link', async () => {
    const c = await conversationWith('Жанна', 'Пришлите накладную');
    const upload = await fetch(`${t.url}/api/attachments?fileName=${encodeURIComponent('накладная.pdf')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/octet-stream' },
      body: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n'),
    });
    expect(upload.status).toBe(201);
    const attachmentIds = [((await upload.json()) as { id: string }).id];
    const sent = await reply(t, c.conversationId, { content: 'Вот она', attachmentIds });
    expect(sent.status).toBe(201);
    await deliveryOf(t, sent.body, (m) => m.deliveryStatus === 'read');
    const out = t.emulator.list({ userId: c.userId, direction: 'out' });
    expect(out.map((m) => (m.attachments[0] ? m.attachments[0].type : m.text))).toEqual(['file', 'Вот она']);
    expect(out[0].attachments[0].url).toMatch(/^https:\/\/parley\.example\.test\/attachments\/.+sig=/);
    const stored = (await messagesOf(t, c.conversationId)).find((m) => m.id === sent.body.id) as MessageDto;
    expect(stored.attachments.map((a) => a.fileName)).toEqual(['накладная.pdf']);
  });
});
