import { createTransport } from 'nodemailer';
import { simpleParser } from 'mailparser';
import type { OutboundMessage } from '@parley/channels-core';
import { conversationToken } from './conversation-token';
import { parseEmailConfig } from './email-config';
import { composeReply } from './outbound-email';

const conversationId = '0195f3a2-7c1e-7b41-9d3a-5c2e8f1a0b11';
const config = parseEmailConfig({ address: 'support@shop.example', smtp: { host: 'smtp.shop.example', port: 587 }, signature: '{agent}\nShop support, +44 20 7946 0000' });
const reply = (over: Partial<OutboundMessage> = {}): OutboundMessage => ({
  messageId: '0195f3a3-0000-7000-8000-000000000042',
  conversationId,
  customerId: 'c1',
  recipient: { externalId: 'Emma.Wilson1987@gmail.com' },
  content: 'Hi Emma,\nyour kettle ships today.',
  attachments: [],
  authorName: 'Anna',
  createdAt: new Date('2025-11-21T14:10:06Z'),
  metadata: null,
  conversationMetadata: { subject: 'Order #10482 not shipped yet', cc: ['emma.wilson1987@gmail.com', 'tom@example.org', 'support+x@shop.example'] },
  identityMetadata: null,
  references: ['sha256:abc', 'CAJ8vR0kQ2m@mail.gmail.com', 'parley.older@shop.example'],
  quoted: { content: 'Where is my kettle?\nOrder #10482', authorName: 'Emma Wilson', createdAt: new Date('2025-11-21T13:58:07Z') },
  ...over,
});

/** The composed mail as real bytes, read back the way a customer's client would. */
async function sent(message: OutboundMessage, files = [] as { fileName: string; contentType: string; data: Buffer }[]) {
  const composed = composeReply(message, config, files);
  const info = await createTransport({ streamTransport: true, buffer: true }).sendMail(composed.mail);
  return { composed, mail: await simpleParser(info.message as Buffer) };
}

describe('composing a reply mail', () => {
  it('threads: Message-ID from the message id and the conversation token, In-Reply-To and References from the conversation', async () => {
    const { composed, mail } = await sent(reply());
    const token = conversationToken(conversationId);
    expect(composed.messageId).toBe(`parley.0195f3a3-0000-7000-8000-000000000042.${token}@shop.example`);
    expect(mail.messageId).toBe(`<parley.0195f3a3-0000-7000-8000-000000000042.${token}@shop.example>`);
    expect(mail.inReplyTo).toBe('<parley.older@shop.example>');
    expect(mail.references).toEqual(['<CAJ8vR0kQ2m@mail.gmail.com>', '<parley.older@shop.example>']);
    expect(mail.headers.get('x-parley-message-id')).toBe('0195f3a3-0000-7000-8000-000000000042');
  });

  it('answers "Re: <subject>" without the token, from the inbox, replies to the token address, CCs the others', async () => {
    const { mail } = await sent(reply());
    const token = conversationToken(conversationId);
    expect(mail.subject).toBe('Re: Order #10482 not shipped yet');
    expect(mail.from?.value).toEqual([{ address: 'support@shop.example', name: 'Anna' }]);
    expect(mail.replyTo?.value[0].address).toBe(`support+${token}@shop.example`);
    expect((mail.to as { value: { address: string }[] }).value.map((v) => v.address)).toEqual(['emma.wilson1987@gmail.com']);
    expect((mail.cc as { value: { address: string }[] }).value.map((v) => v.address)).toEqual(['tom@example.org']);
  });

  it('sends text and HTML alternatives with the signature and the quoted customer message', async () => {
    const { mail } = await sent(reply());
    expect(mail.text).toBe(
      'Hi Emma,\nyour kettle ships today.\n\n-- \nAnna\nShop support, +44 20 7946 0000\n\n' +
        'On Fri, 21 Nov 2025 13:58:07 GMT, Emma Wilson wrote:\n> Where is my kettle?\n> Order #10482\n\n' +
        `Ref: ${conversationToken(conversationId)}\n`,
    );
    expect(mail.html).toContain('<div>Hi Emma,<br>\nyour kettle ships today.</div>');
    expect(mail.html).toContain('<blockquote type="cite"');
    expect(mail.html).toContain('Where is my kettle?<br>\nOrder #10482</blockquote>');
    expect(mail.html).toContain(`<div class="parley-ref" style="color:#999999;font-size:11px">Ref: ${conversationToken(conversationId)}</div>`);
  });

  it('escapes what the agent typed in the HTML part', async () => {
    const { mail } = await sent(reply({ content: 'Use <b>code</b> & "save"', quoted: null }));
    expect(mail.html).toContain('Use &lt;b&gt;code&lt;/b&gt; &amp; &quot;save&quot;');
  });

  it('attaches files', async () => {
    const { mail } = await sent(reply(), [{ fileName: 'label.pdf', contentType: 'application/pdf', data: Buffer.from('%PDF-1.4 label') }]);
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([['label.pdf', 'application/pdf', '%PDF-1.4 label']]);
  });

  it('still has a subject when the conversation has none, and no In-Reply-To without history', async () => {
    const { mail } = await sent(reply({ conversationMetadata: null, references: [] }));
    expect(mail.subject).toBe('Re: (no subject)');
    expect(mail.inReplyTo).toBeUndefined();
  });
});
