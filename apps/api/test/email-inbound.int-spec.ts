import { randomBytes } from 'node:crypto';
import type { ConversationDto, MessageDto } from '@parley/contracts';
import { conversationToken } from '@parley/channels-email';
import { api } from './harness';
import { fixture, SUPPORT, useEmailApp } from './email-harness';

/** Mail relayed to Parley's SMTP listener, stored, and shown to agents. */
describe('email in: the SMTP listener', () => {
  const t = useEmailApp({ maxBytes: 512 * 1024 });
  const unique = () => randomBytes(4).toString('hex');
  const conversations = async (): Promise<ConversationDto[]> =>
    (await api(t.url, 'GET', `/api/conversations?inboxId=${t.inboxId}&limit=100`, undefined, t.token)).body.items;

  it('opens a conversation from a Gmail mail and shows it to agents live', async () => {
    const shown = t.nextMessage((m) => m.channel === 'email' && m.content.includes('blue kettle'));
    const answer = await t.relay(fixture('gmail-en-new.eml', { 'support@shop.example': SUPPORT }), { from: 'emma.wilson1987@gmail.com', to: [SUPPORT] });
    expect(answer.response).toMatch(/^250 /);
    const message = await shown;
    expect(message).toMatchObject({ direction: 'inbound', inboxId: t.inboxId, attachments: [] });
    expect(message.metadata).toMatchObject({ subject: 'Order #10482 not shipped yet', from: 'Emma Wilson <emma.wilson1987@gmail.com>' });
    const conversation = (await api<ConversationDto>(t.url, 'GET', `/api/conversations/${message.conversationId}`, undefined, t.token)).body;
    expect(conversation.customer).toMatchObject({ name: 'Emma Wilson', email: 'emma.wilson1987@gmail.com' });
    expect(conversation.metadata).toMatchObject({ subject: 'Order #10482 not shipped yet' });
  });

  it('stores a re-delivered Message-ID once and still answers 250', async () => {
    const raw = `From: dup@example.com\r\nTo: ${SUPPORT}\r\nSubject: Twice\r\nMessage-ID: <dup-${unique()}@example.com>\r\n\r\nSame mail twice\r\n`;
    const first = t.nextMessage((m) => m.content === 'Same mail twice');
    await t.relay(raw, { from: 'dup@example.com', to: [SUPPORT] });
    const stored = await first;
    expect((await t.relay(raw, { from: 'dup@example.com', to: [SUPPORT] })).response).toMatch(/^250 /);
    expect((await t.messages(stored.conversationId)).filter((m) => m.content === 'Same mail twice')).toHaveLength(1);
  });

  it('decodes The Bat! (windows-1251) and Thunderbird (koi8-r) mail, collapsing quotes and signatures', async () => {
    const bat = t.nextMessage((m) => m.content.startsWith('Здравствуйте, Shop.'));
    await t.relay(fixture('the-bat-ru-cp1251.eml'), { from: 'i.sidorov@mail.ru', to: [SUPPORT] });
    const batMessage = await bat;
    expect(batMessage.content).toContain('ООО «Ромашка»');
    expect(batMessage.content).not.toContain('Вы писали');
    expect(batMessage.metadata).toMatchObject({ subject: 'Счёт-фактура по заказу №10511', fullText: expect.stringContaining('Вы писали 20 ноября') });

    const tb = t.nextMessage((m) => m.content.startsWith('Добрый вечер!'));
    await t.relay(fixture('thunderbird-ru-koi8r.eml'), { from: 'a.kozlov@yandex.ru', to: [SUPPORT] });
    const tbMessage = await tb;
    expect(tbMessage.content).toBe('Добрый вечер!\n\nЯ так и не получил ответа по возврату. Приложил фото чека.');
    expect(tbMessage.attachments.map((a) => a.fileName)).toEqual(['чек.txt']);
  });

  it('keeps attachments and inline images, served from the attachment store', async () => {
    const outlook = t.nextMessage((m) => m.content.includes('Please find the invoice attached'));
    await t.relay(fixture('outlook-en-reply-attachment.eml'), { from: 'd.novak@novak-interiors.example', to: [SUPPORT] });
    const message = await outlook;
    expect(message.attachments).toEqual([expect.objectContaining({ fileName: 'Invoice INV-2025-0931.pdf', contentType: 'application/pdf' })]);
    const pdf = await fetch(t.url + message.attachments[0].url);
    expect(pdf.status).toBe(200);
    expect((await pdf.text()).startsWith('%PDF-1.4')).toBe(true);

    const apple = t.nextMessage((m) => m.content === 'Here is a photo of the crack on the lid.');
    await t.relay(fixture('apple-mail-en-inline-image.eml', { '+aaaaaaaaaaaaaaaaaaaaaaaaaa': '' }), { from: 'oliver.grant@icloud.com', to: [SUPPORT] });
    const photo = await apple;
    expect(photo.attachments).toEqual([]);
    const src = /<img src="(\/attachments\/[0-9a-f-]{36}[^"]*)"/.exec(String(photo.metadata!.html))?.[1]?.replaceAll('&amp;', '&');
    expect(src).toBeDefined();
    const image = await fetch(t.url + src);
    expect(image.headers.get('content-type')).toBe('image/png');
  });

  it('stores sanitized HTML only: no script, handler or javascript: link survives', async () => {
    const hostile = t.nextMessage((m) => m.content.includes('Hello agent'));
    await t.relay(fixture('html-hostile.eml'), { from: 'promo@spam.example', to: [SUPPORT] });
    const html = String((await hostile).metadata!.html);
    expect(html).toContain('<b>agent</b>');
    expect(html).not.toMatch(/<script|onerror|onload|javascript:|<iframe|<form/i);
  });

  it('opens no conversation for auto-replies, vacation notices or our own mail', async () => {
    const before = (await conversations()).length;
    const auto = (await t.relay(fixture('auto-reply-outlook.eml'), { from: 'd.novak@novak-interiors.example', to: [SUPPORT] })).response;
    const vacation = (await t.relay(fixture('auto-reply-yandex.eml'), { from: 'a.kozlov@yandex.ru', to: [SUPPORT] })).response;
    const own = `From: ${SUPPORT}\r\nTo: ${SUPPORT}\r\nSubject: Re: loop\r\nMessage-ID: <parley.own-${unique()}@shop.example>\r\nX-Parley-Message-Id: 0195f3a2-0000-7000-8000-000000000001\r\n\r\nOur own reply\r\n`;
    const ownAnswer = (await t.relay(own, { from: SUPPORT, to: [SUPPORT] })).response;
    // 250 comes after the mail was handled: by now anything stored would be listed.
    for (const response of [auto, vacation, ownAnswer]) expect(response).toMatch(/^250 .*ignored/);
    expect((await conversations()).length).toBe(before);
  });

  it('refuses recipients that are not an inbox with 550, and accepts the ones that are', async () => {
    const raw = `From: someone@example.com\r\nTo: nobody@shop.example\r\nSubject: Hi\r\n\r\nHello\r\n`;
    const refused = await t.relay(raw, { from: 'someone@example.com', to: ['nobody@shop.example'] }).catch((e) => e);
    expect(refused.responseCode).toBe(550);
    expect(refused.message).toContain('no such mailbox');
    const both = await t.relay(raw.replace('Hello', 'Hello plus'), { from: 'someone@example.com', to: ['nobody@shop.example', `support+${unique()}@shop.example`] });
    expect(both.accepted).toHaveLength(1);
    expect(both.rejected).toEqual(['nobody@shop.example']);
  });

  it('refuses mail over the size limit with 552 and stores nothing', async () => {
    const before = (await conversations()).length;
    const big = `From: big@example.com\r\nTo: ${SUPPORT}\r\nSubject: Huge\r\n\r\n${'x'.repeat(76).concat('\r\n').repeat(8000)}`;
    const refused = await t.relay(big, { from: 'big@example.com', to: [SUPPORT] }).catch((e) => e);
    expect(refused.responseCode).toBe(552);
    expect((await conversations()).length).toBe(before);
  });

  it('survives malformed MIME: stores what it can read, refuses what has no sender, keeps serving', async () => {
    const broken = t.nextMessage((m) => m.content.startsWith('My order'));
    expect((await t.relay(fixture('malformed.eml'), { from: 'broken@example.net', to: [SUPPORT] })).response).toMatch(/^250 /);
    expect((await broken).metadata).toMatchObject({ subject: expect.stringContaining('order') });
    const garbage = await t.relay(Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x80, 0x81]), { from: 'x@example.com', to: [SUPPORT] }).catch((e) => e);
    expect(garbage.responseCode).toBe(554);
    const after = t.nextMessage((m) => m.content === 'Still here?');
    await t.relay(`From: after@example.com\r\nTo: ${SUPPORT}\r\nSubject: After\r\n\r\nStill here?\r\n`, { from: 'after@example.com', to: [SUPPORT] });
    await after;
  });

  describe('threading', () => {
    it('joins a reply to an agent answer by In-Reply-To, reopening the resolved conversation', async () => {
      const customer = `emma.${unique()}@example.com`;
      const first = t.nextMessage((m) => m.content === 'My parcel is late');
      const customerMail = await t.sink.sendAsCustomer({ from: customer, name: 'Emma', to: SUPPORT, subject: 'Late parcel', text: 'My parcel is late' });
      const opened = await first;
      const sent = t.nextMessage((m) => m.conversationId === opened.conversationId && m.deliveryStatus === 'sent', 'message.updated');
      await api(t.url, 'POST', `/api/conversations/${opened.conversationId}/messages`, { content: 'It left the warehouse today.' }, t.token);
      await sent;
      const mail = await t.sink.waitForMail((m) => m.to.includes(customer));
      expect(mail.inReplyTo).toBe(customerMail.messageId);
      expect(mail.subject).toBe('Re: Late parcel');
      await api(t.url, 'POST', `/api/conversations/${opened.conversationId}/status`, { status: 'resolved' }, t.token);

      const reply = t.nextMessage((m) => m.content === 'Thanks, got the tracking number');
      await t.sink.replyTo(mail.id, 'Thanks, got the tracking number');
      const joined = await reply;
      expect(joined.conversationId).toBe(opened.conversationId);
      const conversation = (await api<ConversationDto>(t.url, 'GET', `/api/conversations/${opened.conversationId}`, undefined, t.token)).body;
      expect(conversation.status).toBe('open');
      expect(joined.metadata).toMatchObject({ fullText: expect.stringContaining('> It left the warehouse today.') });
    });

    it('joins by the +token address when the client dropped the threading headers', async () => {
      const customer = `liam.${unique()}@example.com`;
      const first = t.nextMessage((m) => m.content === 'Wrong size delivered');
      await t.sink.sendAsCustomer({ from: customer, to: SUPPORT, subject: 'Size', text: 'Wrong size delivered' });
      const opened = await first;
      await api(t.url, 'POST', `/api/conversations/${opened.conversationId}/status`, { status: 'resolved' }, t.token);
      const token = conversationToken(opened.conversationId);
      const reply = t.nextMessage((m) => m.content === 'Any news?');
      await t.sink.sendAsCustomer({ from: customer, to: `support+${token}@shop.example`, subject: 'A different subject', text: 'Any news?' });
      expect((await reply).conversationId).toBe(opened.conversationId);
    });

    it('joins by the quoted "Ref:" footer when the client dropped the headers and the plus address', async () => {
      const customer = `irina.${unique()}@example.com`;
      const first = t.nextMessage((m) => m.content === 'Где мой возврат?');
      await t.sink.sendAsCustomer({ from: customer, to: SUPPORT, subject: 'Возврат', text: 'Где мой возврат?' });
      const opened = await first;
      const sent = t.nextMessage((m) => m.conversationId === opened.conversationId && m.deliveryStatus === 'sent', 'message.updated');
      await api(t.url, 'POST', `/api/conversations/${opened.conversationId}/messages`, { content: 'Деньги вернутся за три дня.' }, t.token);
      await sent;
      const mail = await t.sink.waitForMail((m) => m.to.includes(customer));
      expect(mail.subject).toBe('Re: Возврат');
      const footer = mail.text.split('\n').find((l) => l.startsWith('Ref: '));
      expect(footer).toBe(`Ref: ${conversationToken(opened.conversationId)}`);
      await api(t.url, 'POST', `/api/conversations/${opened.conversationId}/status`, { status: 'resolved' }, t.token);

      const reply = t.nextMessage((m) => m.content === 'Спасибо, жду');
      const quoted = mail.text.trimEnd().split('\n').map((l) => `> ${l}`).join('\n');
      await t.sink.sendAsCustomer({ from: customer, to: SUPPORT, subject: 'Возврат', text: `Спасибо, жду\n\n${quoted}` });
      expect((await reply).conversationId).toBe(opened.conversationId);
    });

    it('joins by the [#token] subject tag of mails sent before the token left the subject, even from another participant', async () => {
      const first = t.nextMessage((m) => m.content === 'Invoice please');
      await t.sink.sendAsCustomer({ from: `olga.${unique()}@example.com`, to: SUPPORT, subject: 'Invoice', text: 'Invoice please' });
      const opened = await first;
      await api(t.url, 'POST', `/api/conversations/${opened.conversationId}/status`, { status: 'resolved' }, t.token);
      const reply = t.nextMessage((m) => m.content === 'I am her accountant, sending the details');
      await t.sink.sendAsCustomer({ from: `accounts.${unique()}@example.com`, to: SUPPORT, subject: `RE: Invoice [#${conversationToken(opened.conversationId)}]`, text: 'I am her accountant, sending the details' });
      expect((await reply).conversationId).toBe(opened.conversationId);
    });

    it('opens a new conversation for a new mail after the last one was resolved', async () => {
      const customer = `noah.${unique()}@example.com`;
      const first = t.nextMessage((m) => m.content === 'First question');
      await t.sink.sendAsCustomer({ from: customer, to: SUPPORT, subject: 'Q1', text: 'First question' });
      const opened = await first;
      await api(t.url, 'POST', `/api/conversations/${opened.conversationId}/status`, { status: 'resolved' }, t.token);
      const second = t.nextMessage((m) => m.content === 'Another topic');
      await t.sink.sendAsCustomer({ from: customer, to: SUPPORT, subject: 'Q2', text: 'Another topic' });
      expect((await second).conversationId).not.toBe(opened.conversationId);
    });
  });

  it('marks the original message failed when its bounce (DSN) comes back', async () => {
    const customer = `bounce-${unique()}@example.com`;
    const first = t.nextMessage((m) => m.content === 'Please call me back');
    await t.sink.sendAsCustomer({ from: customer, to: SUPPORT, subject: 'Callback', text: 'Please call me back' });
    const opened = await first;
    const failed = t.nextMessage((m) => m.conversationId === opened.conversationId && m.deliveryStatus === 'failed', 'message.updated');
    const sent = (await api<MessageDto>(t.url, 'POST', `/api/conversations/${opened.conversationId}/messages`, { content: 'Calling you at 5pm' }, t.token)).body;
    const bounced = await failed;
    expect(bounced.id).toBe(sent.id);
    expect(bounced.deliveryError).toMatch(/^Bounced: .*5\.1\.1/);
    expect((await t.messages(opened.conversationId)).filter((m) => /Undelivered/.test(m.content))).toEqual([]);
  });
});
