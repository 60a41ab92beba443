import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readInboundEmail } from './inbound-email';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));

describe('reading inbound mail', () => {
  it('reads a Gmail message: multipart/alternative, quoted-printable', async () => {
    const email = await readInboundEmail(fixture('gmail-en-new.eml'));
    expect(email).toMatchObject({
      messageId: 'CAJ8vR0kQ2m+Yx7n1JtZ5dYQm1p_4sE8vLqkR9aUwKb2c3HxW@mail.gmail.com',
      from: { address: 'emma.wilson1987@gmail.com', name: 'Emma Wilson' },
      subject: 'Order #10482 not shipped yet',
      kind: { kind: 'message' },
      inReplyTo: null,
      references: [],
    });
    expect(email.text).toContain("it still hasn't shipped");
    expect(email.html).toContain('<div dir="ltr">');
  });

  it('decodes a Russian Gmail reply: base64 UTF-8 bodies and a B-encoded subject', async () => {
    const email = await readInboundEmail(fixture('gmail-ru-reply.eml'));
    expect(email.subject).toBe('Re: Заказ №10482 отправлен');
    expect(email.from).toEqual({ address: 'maria.petrova.88@gmail.com', name: 'Мария Петрова' });
    expect(email.inReplyTo).toBe('parley.0195f3a2-7c1e-7b41-9d3a-5c2e8f1a0b11@shop.example');
    expect(email.text).toContain('чайник поцарапан');
  });

  it('decodes The Bat! mail in windows-1251 with quoted-printable', async () => {
    const email = await readInboundEmail(fixture('the-bat-ru-cp1251.eml'));
    expect(email.subject).toBe('Счёт-фактура по заказу №10511');
    expect(email.from).toEqual({ address: 'i.sidorov@mail.ru', name: 'Иван Сидоров' });
    expect(email.text).toContain('ООО «Ромашка»');
  });

  it('decodes Thunderbird mail in koi8-r (8bit body, Q-encoded subject, RFC 2231 file name)', async () => {
    const email = await readInboundEmail(fixture('thunderbird-ru-koi8r.eml'));
    expect(email.subject).toBe('Re: Возврат по заказу');
    expect(email.from?.name).toBe('Алексей Козлов');
    expect(email.text).toContain('Приложил фото чека');
    expect(email.references).toEqual([
      'CAF3mZt9hV1w+r0aQ7kLx2bT8nYcE5uD4oPqS6jRg0fW1iM2n3A@mail.gmail.com',
      'parley.0195f3a2-0000-7000-8000-00000000cc01@shop.example',
    ]);
    expect(email.attachments).toHaveLength(1);
    expect(email.attachments[0].filename).toBe('чек.txt');
    expect(email.attachments[0].content.toString('latin1')).not.toContain('Чек'); // still koi8-r bytes
  });

  it('decodes iso-8859-1 from an old Outlook Express', async () => {
    const email = await readInboundEmail(fixture('outlook-express-de-iso-8859-1.eml'));
    expect(email.subject).toBe('Beschädigte Lieferung');
    expect(email.from?.name).toBe('Jürgen Weiß');
    expect(email.text).toContain('Mit freundlichen Grüßen');
  });

  it('reads an Outlook reply with CC and a PDF attachment inside multipart/mixed', async () => {
    const email = await readInboundEmail(fixture('outlook-en-reply-attachment.eml'));
    expect(email.cc.map((p) => p.address)).toEqual(['l.chen@novak-interiors.example', 'accounts@novak-interiors.example']);
    expect(email.attachments.map((a) => [a.filename, a.contentType])).toEqual([['Invoice INV-2025-0931.pdf', 'application/pdf']]);
    expect(email.attachments[0].content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(email.html).toContain('MsoNormal');
  });

  it('keeps the inline image of an Apple Mail message with its Content-ID', async () => {
    const email = await readInboundEmail(fixture('apple-mail-en-inline-image.eml'));
    expect(email.attachments).toHaveLength(1);
    expect(email.attachments[0]).toMatchObject({ contentType: 'image/png', cid: '3F1C7B2E-5D4A-4E8B-9C6F-1A2B3C4D5E6F' });
    expect(email.html).toContain('cid:3F1C7B2E-5D4A-4E8B-9C6F-1A2B3C4D5E6F');
    expect(email.to[0].address).toBe('support+aaaaaaaaaaaaaaaaaaaaaaaaaa@shop.example');
  });

  it('recognises auto-replies by Auto-Submitted, X-Autoreply and Precedence', async () => {
    expect((await readInboundEmail(fixture('auto-reply-outlook.eml'))).kind).toEqual({ kind: 'automatic', reason: 'Auto-Submitted: auto-replied' });
    expect((await readInboundEmail(fixture('auto-reply-yandex.eml'))).kind).toEqual({ kind: 'automatic', reason: 'x-autoreply header' });
    const bulk = Buffer.from('From: news@shop.example\r\nTo: support@shop.example\r\nPrecedence: list\r\nSubject: Weekly\r\n\r\nHi\r\n');
    expect((await readInboundEmail(bulk)).kind).toEqual({ kind: 'automatic', reason: 'Precedence: list' });
    const nullSender = Buffer.from('From: someone@example.com\r\nTo: support@shop.example\r\nSubject: Notice\r\n\r\nHi\r\n');
    expect((await readInboundEmail(nullSender, { nullSender: true })).kind.kind).toBe('automatic');
    expect((await readInboundEmail(nullSender)).kind.kind).toBe('message');
  });

  it('reads a Postfix DSN: the original Message-ID, the failed recipient and the diagnostic', async () => {
    const email = await readInboundEmail(fixture('dsn-bounce-postfix.eml'));
    expect(email.kind).toEqual({
      kind: 'bounce',
      report: {
        originalMessageIds: ['parley.0195f3a2-0000-7000-8000-00000000dd01@shop.example'],
        action: 'failed',
        status: '5.1.1',
        recipient: 'no-such-user@gmail.com',
        diagnostic: expect.stringContaining('550-5.1.1 The email account that you tried to reach does not exist.'),
      },
    });
    expect(email.attachments).toEqual([]);
  });

  it("recognises Parley's own mail by its X-Parley-Message-Id header", async () => {
    const own = Buffer.from('From: support@shop.example\r\nTo: support@shop.example\r\nX-Parley-Message-Id: 0195f3a2-0000-7000-8000-000000000001\r\nSubject: Re: x\r\n\r\nHi\r\n');
    expect((await readInboundEmail(own)).kind.kind).toBe('own');
  });

  it('reads malformed MIME without throwing: unterminated multipart, unknown charset, broken base64', async () => {
    const email = await readInboundEmail(fixture('malformed.eml'));
    expect(email.kind.kind).toBe('message');
    expect(email.from?.address).toBe('broken@example.net');
    expect(email.text).toContain('My order');
    expect(email.subject).toContain('order');
  });

  it('gives a mail without Message-ID a stable id from its bytes', async () => {
    const raw = Buffer.from('From: a@example.com\r\nTo: support@shop.example\r\nSubject: Hi\r\n\r\nHello\r\n');
    const [a, b] = await Promise.all([readInboundEmail(raw), readInboundEmail(Buffer.from(raw))]);
    expect(a.messageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.messageId).toBe(b.messageId);
  });

  it('survives bytes that are not mail at all', async () => {
    for (const raw of [Buffer.alloc(0), Buffer.from([0, 1, 2, 255, 254]), Buffer.from('\r\n\r\n--\r\n')]) {
      const email = await readInboundEmail(raw);
      expect(email.from).toBeNull();
    }
  });
});
