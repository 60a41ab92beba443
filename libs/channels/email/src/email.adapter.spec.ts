import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { AttachmentStorePort, OutboundMessage } from '@parley/channels-core';
import { conversationToken } from './conversation-token';
import { EmailAdapter } from './email.adapter';

/** A real SMTP server that answers DATA the way the test says: the provider, faked at the wire. */
async function smtpServer(answer: () => { code: number; message: string } | null) {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // The adapter keeps pooled connections open: do not wait for them on close.
    closeTimeout: 100,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const a = answer();
        if (a) return callback(Object.assign(new Error(a.message), { responseCode: a.code }));
        received.push(Buffer.concat(chunks).toString());
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const message: OutboundMessage = {
  messageId: '0195f3a3-0000-7000-8000-000000000042',
  conversationId: '0195f3a2-7c1e-7b41-9d3a-5c2e8f1a0b11',
  customerId: 'c1',
  recipient: { externalId: 'emma@example.com' },
  content: 'Hello',
  attachments: [],
  authorName: 'Anna',
  createdAt: new Date(),
  metadata: null,
  conversationMetadata: { subject: 'Kettle' },
  identityMetadata: null,
  references: [],
  quoted: null,
};

describe('the email adapter sending through SMTP', () => {
  const stored = new Map([['0195f3a3-0000-7000-8000-0000000000f1', { data: Buffer.from('Счёт №42'), contentType: 'text/plain', fileName: 'счёт.txt' }]]);
  const attachments: AttachmentStorePort = {
    maxBytes: 1024,
    save: async () => {
      throw new Error('the adapter only reads attachments');
    },
    read: async (id) => stored.get(id) ?? null,
  };
  const adapter = new EmailAdapter(attachments);
  afterAll(() => adapter.onModuleDestroy());
  const inbox = (port: number) => ({ id: `inbox-${port}`, channel: 'email' as const, config: { address: 'support@shop.example', smtp: { host: '127.0.0.1', port, secure: false } } });

  it('sends and reports the Message-ID as the provider id', async () => {
    const server = await smtpServer(() => null);
    try {
      const result = await adapter.send(message, inbox(server.port));
      const id = `parley.0195f3a3-0000-7000-8000-000000000042.${conversationToken(message.conversationId)}@shop.example`;
      expect(result).toMatchObject({ providerMessageId: id, status: 'sent' });
      expect(result.metadata).toMatchObject({ subject: 'Re: Kettle', to: 'emma@example.com' });
      // Longer than a header line: folded, which every parser unfolds (RFC 5322, 2.2.3).
      expect(server.received[0].replace(/\r?\n[ \t]+/g, ' ')).toContain(`Message-ID: <${id}>`);
    } finally {
      await server.close();
    }
  });

  it('treats a 5xx answer as permanent', async () => {
    const server = await smtpServer(() => ({ code: 550, message: '5.7.1 Message rejected as spam' }));
    try {
      await expect(adapter.send(message, inbox(server.port))).rejects.toMatchObject({ permanent: true, code: '550' });
    } finally {
      await server.close();
    }
  });

  it('treats a 4xx answer and a refused connection as temporary (the queue retries)', async () => {
    const server = await smtpServer(() => ({ code: 451, message: '4.3.0 Try again later' }));
    try {
      const err = await adapter.send(message, inbox(server.port)).catch((e) => e);
      expect(err.responseCode).toBe(451);
      expect(err.permanent).toBeUndefined();
    } finally {
      await server.close();
    }
    const refused = await adapter.send(message, inbox(server.port)).catch((e) => e);
    expect(refused).toBeInstanceOf(Error);
    expect(refused.permanent).toBeUndefined();
  });

  it('attaches a file read through the attachment store port', async () => {
    const server = await smtpServer(() => null);
    try {
      const id = '0195f3a3-0000-7000-8000-0000000000f1';
      const withFile = { ...message, content: 'Счёт во вложении', attachments: [{ id, url: `/attachments/${id}`, contentType: 'text/plain' }] };
      await adapter.send(withFile, inbox(server.port));
      const mail = server.received[0];
      expect(mail).toMatch(/Content-Disposition: attachment;/);
      expect(mail).toContain(Buffer.from('Счёт №42').toString('base64'));
    } finally {
      await server.close();
    }
  });

  it('fails permanently when an attachment is gone', async () => {
    const withFile = { ...message, attachments: [{ id: '11111111-2222-4333-8444-555555555555', url: '/attachments/11111111-2222-4333-8444-555555555555', contentType: 'text/plain' }] };
    await expect(adapter.send(withFile, inbox(1))).rejects.toMatchObject({ permanent: true });
  });
});
