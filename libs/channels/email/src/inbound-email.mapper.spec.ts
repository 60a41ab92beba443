import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conversationToken } from './conversation-token';
import { readInboundEmail } from './inbound-email';
import { MappingContext, toInboundMessage } from './inbound-email.mapper';

const read = (name: string, replace: Record<string, string> = {}) => {
  let raw = readFileSync(join(__dirname, 'fixtures', name), 'latin1');
  for (const [from, to] of Object.entries(replace)) raw = raw.replaceAll(from, to);
  return readInboundEmail(Buffer.from(raw, 'latin1'));
};
const context = (over: Partial<MappingContext> = {}): MappingContext => ({
  inbox: { id: 'inbox-1', address: 'support@shop.example' },
  attachments: [],
  inlineUrls: new Map(),
  skipped: [],
  receivedAt: new Date('2025-11-22T10:00:00Z'),
  ...over,
});
const conversationId = '0195f3a2-7c1e-7b41-9d3a-5c2e8f1a0b11';
const PLACEHOLDER = 'aaaaaaaaaaaaaaaaaaaaaaaaaa';

describe('a customer mail as an inbound message', () => {
  it('threads by In-Reply-To/References and keeps the visible part as content', async () => {
    const message = toInboundMessage(await read('gmail-ru-reply.eml'), context());
    expect(message).toMatchObject({
      inboxId: 'inbox-1',
      channel: 'email',
      providerMessageId: 'CAF3mZt9hV1w+r0aQ7kLx2bT8nYcE5uD4oPqS6jRg0fW1iM2n3A@mail.gmail.com',
      sender: { externalId: 'maria.petrova.88@gmail.com', displayName: 'Мария Петрова', email: 'maria.petrova.88@gmail.com' },
      content: 'Добрый день!\n\nСпасибо, посылка пришла, но чайник поцарапан. Можно обменять?',
      threadKeys: ['parley.0195f3a2-7c1e-7b41-9d3a-5c2e8f1a0b11@shop.example'],
      conversationMetadata: { subject: 'Заказ №10482 отправлен', cc: ['maria.petrova.88@gmail.com'] },
    });
    expect(message.conversationRef).toBeUndefined();
    expect(message.metadata).toMatchObject({ subject: 'Re: Заказ №10482 отправлен', fullText: expect.stringContaining('трек-номер RU123456789') });
    expect(message.metadata!.html).toContain('трек-номер');
    expect(message.metadata!.visibleHtml).not.toContain('трек-номер');
  });

  it('finds the conversation by the token of the plus address it was sent to', async () => {
    const token = conversationToken(conversationId);
    const email = await read('apple-mail-en-inline-image.eml', { [PLACEHOLDER]: token });
    expect(toInboundMessage(email, context()).conversationRef).toBe(conversationId);
    const viaEnvelope = await read('gmail-en-new.eml');
    expect(toInboundMessage(viaEnvelope, context({ recipientTags: [token] })).conversationRef).toBe(conversationId);
  });

  it('finds the conversation by the subject tag when the address has none', async () => {
    const email = await read('outlook-en-reply-attachment.eml', { [PLACEHOLDER]: conversationToken(conversationId) });
    const message = toInboundMessage(email, context());
    expect(message.conversationRef).toBe(conversationId);
    expect(message.conversationMetadata).toEqual({
      subject: 'Damaged delivery',
      cc: ['d.novak@novak-interiors.example', 'l.chen@novak-interiors.example', 'accounts@novak-interiors.example'],
    });
    expect(message.metadata).toMatchObject({ cc: ['l.chen@novak-interiors.example', 'accounts@novak-interiors.example'] });
  });

  const replyWithout = (headers: string, body: string) => readInboundEmail(Buffer.from(
    `From: Мария Петрова <maria@example.com>\r\nTo: support@shop.example\r\nSubject: Re: Заказ\r\nMessage-ID: <r-${Math.random()}@mail.example>\r\n${headers}` +
      `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body}\r\n`,
    'utf8',
  ));

  it('finds the conversation by the quoted "Ref:" footer when the client dropped the headers', async () => {
    const token = conversationToken(conversationId);
    const email = await replyWithout('', `Спасибо, всё получила!\r\n\r\n> Ваш заказ отправлен.\r\n>\r\n> Ref: ${token}`);
    const message = toInboundMessage(email, context());
    expect(message.conversationRef).toBe(conversationId);
    expect(message.content).toBe('Спасибо, всё получила!');
  });

  it('finds the conversation by the token in our Message-ID that In-Reply-To points at', async () => {
    const email = await replyWithout(`In-Reply-To: <parley.0195f3a3-0000-7000-8000-000000000042.${conversationToken(conversationId)}@shop.example>\r\n`, 'Спасибо!');
    expect(toInboundMessage(email, context()).conversationRef).toBe(conversationId);
  });

  it('still threads a reply to an old mail by its [#token] subject tag', async () => {
    const email = await replyWithout('', 'Спасибо!');
    email.subject = `RE: Заказ [#${conversationToken(conversationId)}]`;
    const message = toInboundMessage(email, context());
    expect(message.conversationRef).toBe(conversationId);
    expect(message.conversationMetadata).toMatchObject({ subject: 'Заказ' });
  });

  it('shows inline images from their stored copy inside the sanitized HTML', async () => {
    const email = await read('apple-mail-en-inline-image.eml');
    const url = '/attachments/11111111-2222-4333-8444-555555555555';
    const message = toInboundMessage(email, context({ inlineUrls: new Map([['3f1c7b2e-5d4a-4e8b-9c6f-1a2b3c4d5e6f', url]]) }));
    expect(message.metadata!.html).toContain(`<img src="${url}"`);
    expect(message.metadata!.visibleHtml).toContain(`<img src="${url}"`);
    expect(message.metadata!.visibleHtml).not.toContain('Could you send a photo');
  });

  it('notes attachments that were left out', async () => {
    const skipped = [{ fileName: 'huge.zip', contentType: 'application/zip', size: 30_000_000, reason: 'Attachments are limited to 10 MB' }];
    const message = toInboundMessage(await read('gmail-en-new.eml'), context({ skipped }));
    expect(message.metadata!.skippedAttachments).toEqual(skipped);
    expect(message.metadata).not.toHaveProperty('fullText');
  });
});
