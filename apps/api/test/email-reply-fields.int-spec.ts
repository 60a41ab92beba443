import { simpleParser } from 'mailparser';
import type { MessageDto, WidgetSession } from '@parley/contracts';
import { conversationToken } from '@parley/channels-email';
import { api, connect, demoWebsiteToken, next } from './harness';
import { SUPPORT, useEmailApp } from './email-harness';

/** The composer's Subject and CC fields on an email reply. */
describe('email reply with subject and CC', () => {
  const t = useEmailApp();
  const reply = (conversationId: string, body: Record<string, unknown>) =>
    api<MessageDto>(t.url, 'POST', `/api/conversations/${conversationId}/messages`, body, t.token);

  async function conversationFrom(from: string, subject: string, text: string): Promise<MessageDto> {
    const shown = t.nextMessage((m) => m.content === text);
    await t.sink.sendAsCustomer({ from, to: SUPPORT, subject, text });
    return shown;
  }

  it('sends the agent\'s subject and copies the CC addresses', async () => {
    const customer = 'olga.petrova@example.ru';
    const inbound = await conversationFrom(customer, 'Возврат заказа 1042', 'Хочу вернуть заказ 1042');
    const sentStatus = t.nextMessage((m) => m.conversationId === inbound.conversationId && m.deliveryStatus === 'sent', 'message.updated');
    const sent = await reply(inbound.conversationId, {
      content: 'Ольга, возврат оформлен.\nДеньги придут в течение трёх дней.',
      subject: 'Re: Возврат заказа 1042 — оформлен',
      cc: 'buh@example.ru, Sklad@Example.ru',
    });
    expect(sent.status).toBe(201);
    expect(sent.body.metadata).toMatchObject({ subject: 'Re: Возврат заказа 1042 — оформлен', cc: ['buh@example.ru', 'sklad@example.ru'] });
    await sentStatus;

    const mail = await simpleParser((await t.sink.waitForMail((m) => m.to.includes(customer))).raw);
    expect(mail.subject).toBe('Re: Возврат заказа 1042 — оформлен');
    expect(mail.messageId).toContain(conversationToken(inbound.conversationId));
    expect((mail.cc as { value: { address: string }[] }).value.map((v) => v.address).sort()).toEqual(['buh@example.ru', 'sklad@example.ru']);
    expect(mail.text).toContain('Ольга, возврат оформлен.\nДеньги придут в течение трёх дней.');
  });

  it('refuses bad CC addresses with a 400 naming them, and subject or CC outside email', async () => {
    const inbound = await conversationFrom('ivan@example.ru', 'Доставка', 'Когда доставка?');
    const bad = await reply(inbound.conversationId, { content: 'Завтра', cc: 'buh@example.ru, не-адрес, @example.ru' });
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as { message: string }).message).toBe('cc has invalid email addresses: не-адрес, @example.ru');
    expect((await reply(inbound.conversationId, { content: 'Завтра', cc: [42] })).status).toBe(400);
    expect((await reply(inbound.conversationId, { content: 'Завтра', subject: null })).status).toBe(400);
    expect(await t.messages(inbound.conversationId)).toHaveLength(1);

    const visitor = connect(t.url, '/widget', { websiteToken: await demoWebsiteToken(t.url, t.token) });
    try {
      await next<WidgetSession>(visitor, 'session');
      const chat = t.nextMessage((m) => m.content === 'Привет из чата');
      await visitor.emitWithAck('message:send', { content: 'Привет из чата', clientMessageId: 'reply-fields-1' });
      const refused = await reply((await chat).conversationId, { content: 'Здравствуйте', subject: 'Тема' });
      expect(refused.status).toBe(400);
      expect((refused.body as unknown as { message: string }).message).toBe('subject and cc can only be set on email conversations');
    } finally {
      visitor.disconnect();
    }
  });
});
