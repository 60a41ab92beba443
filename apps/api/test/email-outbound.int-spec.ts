import { randomBytes } from 'node:crypto';
import { simpleParser } from 'mailparser';
import type { AttachmentDto, MessageDto } from '@parley/contracts';
import { conversationToken } from '@parley/channels-email';
import { api } from './harness';
import { fixture, SUPPORT, useEmailApp } from './email-harness';

/** Agents' replies as mail: through the inbox's SMTP server (the emulator's sink), threaded. */
describe('email out: replies through SMTP', () => {
  const t = useEmailApp();
  const unique = () => randomBytes(4).toString('hex');

  async function conversationFrom(from: string, text: string, extra: { cc?: string[]; subject?: string } = {}) {
    const shown = t.nextMessage((m) => m.content === text);
    const sent = await t.sink.sendAsCustomer({ from, to: SUPPORT, subject: extra.subject ?? 'Question', text, cc: extra.cc });
    return { message: await shown, messageId: sent.messageId };
  }

  const reply = (conversationId: string, body: Record<string, unknown>) =>
    api<MessageDto>(t.url, 'POST', `/api/conversations/${conversationId}/messages`, body, t.token);

  it('sends text and HTML with the signature, the quoted customer message, an attachment, and keeps CC for reply-all', async () => {
    const customer = 'd.novak@novak-interiors.example';
    const shown = t.nextMessage((m) => m.content.includes('Please find the invoice attached'));
    await t.relay(fixture('outlook-en-reply-attachment.eml'), { from: customer, to: [SUPPORT] });
    const inbound = await shown;

    const upload = (await fetch(`${t.url}/api/attachments?fileName=return-label.pdf`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/pdf' },
      body: Buffer.from('%PDF-1.4 return label'),
    }).then((r) => r.json())) as AttachmentDto;
    const sentStatus = t.nextMessage((m) => m.conversationId === inbound.conversationId && m.deliveryStatus === 'sent', 'message.updated');
    const sent = (await reply(inbound.conversationId, { content: 'Refund issued.\nThe label is attached.', attachmentIds: [upload.id] })).body;
    const updated = await sentStatus;
    expect(updated.id).toBe(sent.id);

    const captured = await t.sink.waitForMail((m) => m.to.includes(customer));
    const mail = await simpleParser(captured.raw);
    const token = conversationToken(inbound.conversationId);
    expect(mail.subject).toBe('Re: Damaged delivery');
    expect(mail.from?.value[0]).toEqual({ address: SUPPORT, name: 'Admin' });
    expect(mail.replyTo?.value[0].address).toBe(`support+${token}@shop.example`);
    expect((mail.cc as { value: { address: string }[] }).value.map((v) => v.address).sort()).toEqual(['accounts@novak-interiors.example', 'l.chen@novak-interiors.example']);
    expect(mail.inReplyTo).toBe('<DB9PR07MB8765A1B2C3D4E5F6A7B8C9D0E1F2A@DB9PR07MB8765.eurprd07.prod.outlook.com>');
    expect(mail.messageId).toBe(`<parley.${sent.id}.${token}@shop.example>`);
    expect(mail.headers.get('x-parley-message-id')).toBe(sent.id);
    expect(mail.text).toContain('Refund issued.\nThe label is attached.\n\n-- \nAdmin\nShop support\n\nOn ');
    expect(mail.text).toContain('Daniel Novak wrote:\n> Hello,');
    expect(mail.text).toMatch(new RegExp(`\\n\\nRef: ${token}\\n$`));
    expect(mail.html).toContain(`>Ref: ${token}</div>`);
    expect(mail.html).toContain('<blockquote type="cite"');
    expect(mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['return-label.pdf', '%PDF-1.4 return label']]);
    expect(updated.metadata).toMatchObject({ subject: mail.subject, messageId: `parley.${sent.id}.${token}@shop.example`, cc: expect.arrayContaining(['l.chen@novak-interiors.example']) });
  });

  it('retries a temporary SMTP failure (451) through the queue until the mail is accepted', async () => {
    const customer = `defer-${unique()}@example.com`;
    const { message } = await conversationFrom(customer, 'Can I change my address?');
    const sentStatus = t.nextMessage((m) => m.conversationId === message.conversationId && m.deliveryStatus === 'sent', 'message.updated');
    await reply(message.conversationId, { content: 'Yes, done.' });
    await sentStatus;
    const [stored] = (await t.messages(message.conversationId)).filter((m) => m.direction === 'outbound');
    expect(stored.deliveryStatus).toBe('sent');
    expect(t.sink.captured().filter((m) => m.to.includes(customer))).toHaveLength(1);
  });

  it('fails a reply the server refuses for good (550) without retrying, and tells the agent why', async () => {
    const customer = `reject-${unique()}@example.com`;
    const { message } = await conversationFrom(customer, 'Hello from an address that will not take replies');
    const failed = t.nextMessage((m) => m.conversationId === message.conversationId && m.deliveryStatus === 'failed', 'message.updated');
    await reply(message.conversationId, { content: 'Hi!' });
    expect((await failed).deliveryError).toMatch(/^SMTP 550: .*User unknown/);
  });

  it('threads a conversation of several replies with growing References', async () => {
    const customer = `ava.${unique()}@example.com`;
    const { message, messageId } = await conversationFrom(customer, 'Do you ship to Canada?', { subject: 'Shipping' });
    const first = t.nextMessage((m) => m.conversationId === message.conversationId && m.deliveryStatus === 'sent', 'message.updated');
    await reply(message.conversationId, { content: 'We do.' });
    await first;
    const mail1 = await t.sink.waitForMail((m) => m.to.includes(customer) && m.text.startsWith('We do.'));
    const back = t.nextMessage((m) => m.content === 'How long does it take?');
    await t.sink.replyTo(mail1.id, 'How long does it take?');
    expect((await back).conversationId).toBe(message.conversationId);
    const second = t.nextMessage((m) => m.conversationId === message.conversationId && m.deliveryStatus === 'sent', 'message.updated');
    await reply(message.conversationId, { content: 'About a week.' });
    await second;
    const mail2 = await t.sink.waitForMail((m) => m.to.includes(customer) && m.text.startsWith('About a week.'));
    expect(mail2.references).toEqual([messageId, mail1.messageId, expect.stringMatching(/@/)]);
    expect(mail2.subject).toBe('Re: Shipping');
  });
});
