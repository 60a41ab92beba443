import type { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { startEmailEmulator, type RunningEmailEmulator } from './email.emulator';

describe('the email emulator', () => {
  let emulator: RunningEmailEmulator;
  let parley: SMTPServer;
  const toParley: { from: string; to: string[]; raw: string }[] = [];

  beforeAll(async () => {
    // Stands in for Parley's inbound listener: records what the "customer" sends.
    parley = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 500,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          toParley.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString() });
          callback();
        });
      },
    });
    await new Promise<void>((r) => parley.listen(0, '127.0.0.1', () => r()));
    const port = (parley.server.address() as AddressInfo).port;
    emulator = await startEmailEmulator({ host: '127.0.0.1', port: 0, smtpPort: 0, parleyUrl: 'http://127.0.0.1:1', parleySmtp: { host: '127.0.0.1', port } });
  });
  afterAll(async () => {
    await emulator.close();
    await new Promise<void>((r) => parley.close(() => r()));
  });

  const parleySends = (to: string, extra: Record<string, unknown> = {}) =>
    createTransport({ host: '127.0.0.1', port: emulator.smtpPort, secure: false, ignoreTLS: true }).sendMail({
      from: 'support@shop.example',
      to,
      subject: 'Re: Kettle [#abc]',
      text: 'It ships today.',
      messageId: '<parley.1@shop.example>',
      replyTo: 'support+abc@shop.example',
      ...extra,
    });

  it('captures what Parley sends and shows it over HTTP', async () => {
    await parleySends('emma@example.com');
    const mail = await emulator.waitForMail((m) => m.to.includes('emma@example.com'));
    expect(mail).toMatchObject({ subject: 'Re: Kettle [#abc]', messageId: '<parley.1@shop.example>', replyTo: 'support+abc@shop.example' });
    const listed = (await (await fetch(`${emulator.httpUrl}/api/mail`)).json()) as { id: string; subject: string }[];
    expect(listed[0]).toMatchObject({ id: mail.id, subject: 'Re: Kettle [#abc]' });
    expect(emulator.url).toBe(`${emulator.httpUrl}/?smtp=${emulator.smtpPort}`);
  });

  it('answers a captured mail like a mail client: to the Reply-To, threaded, "Re:"', async () => {
    const mail = await emulator.waitForMail((m) => m.to.includes('emma@example.com'));
    const res = await fetch(`${emulator.httpUrl}/api/mail/${mail.id}/reply`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Thanks!' }) });
    expect(res.status).toBe(200);
    const sent = toParley[toParley.length - 1];
    expect(sent.to).toEqual(['support+abc@shop.example']);
    expect(sent.raw).toMatch(/^In-Reply-To: <parley\.1@shop\.example>/m);
    expect(sent.raw).toMatch(/^Subject: Re: Kettle \[#abc\]/m);
    expect(sent.raw).toContain('> It ships today.');
  });

  it('refuses reject-… recipients, defers defer-… once, and bounces bounce-… with a DSN to the sender', async () => {
    await expect(parleySends('reject-1@example.com')).rejects.toMatchObject({ responseCode: 550 });
    await expect(parleySends('defer-1@example.com')).rejects.toMatchObject({ responseCode: 451 });
    await expect(parleySends('defer-1@example.com')).resolves.toMatchObject({ accepted: ['defer-1@example.com'] });
    const before = toParley.length;
    await parleySends('bounce-1@example.com');
    const deadline = Date.now() + 10_000;
    while (toParley.length === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const dsn = toParley[toParley.length - 1];
    expect(dsn.from).toBe('');
    expect(dsn.to).toEqual(['support@shop.example']);
    expect(dsn.raw).toContain('report-type=delivery-status');
    expect(dsn.raw).toContain('Message-ID: <parley.1@shop.example>');
  });
});
