import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import type { EmulatorOptions, RunningEmulator } from '../emulator';
import { EMAIL_EMULATOR_PAGE } from './email-emulator-page';

/**
 * A stand-in for the mail world around Parley, for tests and the demo:
 * - an SMTP sink (Parley's outbound server in a demo inbox's `smtp` settings) that captures every
 *   mail, shown at `/` and over `GET /api/mail`;
 * - a customer's mail client: `POST /api/send` (and `sendAsCustomer()`, the page, the CLI) mails
 *   Parley's inbound SMTP listener; `POST /api/mail/:id/reply` answers a captured mail the way a
 *   mail client does (In-Reply-To, References, "Re:", to the Reply-To address);
 * - recipients that misbehave like real ones: `reject-…@` (550 at RCPT TO), `defer-…@` (451 on the
 *   first attempt, accepted on the next) and `bounce-…@` (accepted, then a DSN mailed back).
 */
export interface CapturedMail {
  id: string;
  receivedAt: string;
  envelope: { from: string | null; to: string[] };
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: string;
  replyTo: string | null;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  html: string | null;
  attachments: { fileName: string | null; contentType: string; size: number }[];
  headers: Record<string, string>;
  raw: string;
}

export interface CustomerMail {
  from: string;
  name?: string;
  to: string;
  cc?: string[];
  subject?: string;
  text: string;
  html?: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  attachments?: { filename: string; contentType?: string; content: Buffer }[];
}

export interface RunningEmailEmulator extends RunningEmulator {
  smtpPort: number;
  httpUrl: string;
  captured(): CapturedMail[];
  /** Resolves with the first captured mail (past or future) that matches. */
  waitForMail(match: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  sendAsCustomer(mail: CustomerMail): Promise<{ messageId: string; response: string }>;
  replyTo(capturedId: string, text: string, from?: string): Promise<{ messageId: string; response: string }>;
  clear(): void;
}

export interface EmailEmulatorOptions extends EmulatorOptions {
  /** SMTP sink port (EMULATOR_EMAIL_SMTP_PORT, default 2526; 0 picks a free one). */
  smtpPort?: number;
  /** Parley's inbound SMTP listener (default: PUBLIC_URL's host, SMTP_INBOUND_PORT or 2525). */
  parleySmtp?: { host: string; port: number };
  /** The inbox address the page offers to write to. */
  defaultTo?: string;
}

export const DEMO_EMAIL_ADDRESS = 'support@demo-shop.example';
const MAX_CAPTURED = 500;

export async function startEmailEmulator(options: EmailEmulatorOptions): Promise<RunningEmailEmulator> {
  const mails: CapturedMail[] = [];
  const waiters = new Set<{ match: (m: CapturedMail) => boolean; resolve: (m: CapturedMail) => void }>();
  const deferred = new Set<string>();
  const parleySmtp = options.parleySmtp ?? {
    host: new URL(options.parleyUrl).hostname.replace(/^localhost$/, '127.0.0.1'),
    port: Number(process.env.SMTP_INBOUND_PORT ?? 2525),
  };
  const toParley = createTransport({ host: parleySmtp.host, port: parleySmtp.port, secure: false, ignoreTLS: true, pool: true, maxConnections: 4 });

  const sink = new SMTPServer({
    banner: 'Parley email emulator (SMTP sink)',
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 50 * 1024 * 1024,
    closeTimeout: 1_000,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    onRcptTo: (address, session, callback) => {
      const local = address.address.split('@')[0].toLowerCase();
      if (local.startsWith('reject-')) return callback(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
      const key = `${session.envelope.mailFrom && session.envelope.mailFrom.address}>${address.address}`;
      if (local.startsWith('defer-') && !deferred.has(key)) {
        deferred.add(key);
        return callback(Object.assign(new Error('4.2.0 Mailbox busy, try again later'), { responseCode: 451 }));
      }
      callback();
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        capture(raw, session.envelope.mailFrom ? session.envelope.mailFrom.address : null, session.envelope.rcptTo.map((r) => r.address))
          .then((mail) => {
            callback(null, `queued as ${mail.id}`);
            const bounced = mail.envelope.to.filter((a) => a.split('@')[0].toLowerCase().startsWith('bounce-'));
            if (bounced.length && mail.envelope.from) void bounce(mail, bounced).catch(() => undefined);
          })
          .catch((err) => callback(err));
      });
    },
  });

  async function capture(raw: Buffer, from: string | null, to: string[]): Promise<CapturedMail> {
    const parsed = await simpleParser(raw, { skipTextToHtml: true, keepCidLinks: true });
    const list = (v: unknown) => (Array.isArray(v) ? v : v ? [v] : []).flatMap((o: { value: { address?: string }[] }) => o.value.map((e) => e.address ?? '')).filter(Boolean);
    const mail: CapturedMail = {
      id: randomBytes(6).toString('hex'),
      receivedAt: new Date().toISOString(),
      envelope: { from, to },
      messageId: parsed.messageId ?? null,
      inReplyTo: parsed.inReplyTo ?? null,
      references: Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : [],
      from: parsed.from?.text ?? '',
      replyTo: parsed.replyTo?.value[0]?.address ?? null,
      to: list(parsed.to),
      cc: list(parsed.cc),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : null,
      attachments: parsed.attachments.map((a) => ({ fileName: a.filename ?? null, contentType: a.contentType, size: a.size })),
      headers: Object.fromEntries(parsed.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).trim()])),
      raw: raw.toString('utf8'),
    };
    mails.push(mail);
    if (mails.length > MAX_CAPTURED) mails.shift();
    for (const w of waiters) {
      if (w.match(mail)) {
        waiters.delete(w);
        w.resolve(mail);
      }
    }
    return mail;
  }

  /** What a receiving MTA mails back for an address that does not exist: an RFC 3464 report. */
  async function bounce(mail: CapturedMail, recipients: string[]): Promise<void> {
    const boundary = `dsn-${randomBytes(6).toString('hex')}`;
    const head = mail.raw.replace(/\r\n/g, '\n').split('\n\n')[0].replace(/\n/g, '\r\n');
    const recipient = recipients[0];
    const body = [
      `From: Mail Delivery System <MAILER-DAEMON@mx.emulator.test>`,
      `To: ${mail.envelope.from}`,
      `Subject: Undelivered Mail Returned to Sender`,
      `Date: ${new Date().toUTCString()}`,
      `Message-ID: <dsn.${randomBytes(8).toString('hex')}@mx.emulator.test>`,
      `Auto-Submitted: auto-replied`,
      `MIME-Version: 1.0`,
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
      ``,
      `--${boundary}`,
      `Content-Type: text/plain; charset=utf-8`,
      ``,
      `Your message could not be delivered to ${recipient}: the mailbox does not exist.`,
      ``,
      `--${boundary}`,
      `Content-Type: message/delivery-status`,
      ``,
      `Reporting-MTA: dns; mx.emulator.test`,
      ``,
      `Final-Recipient: rfc822; ${recipient}`,
      `Action: failed`,
      `Status: 5.1.1`,
      `Diagnostic-Code: smtp; 550 5.1.1 <${recipient}>: Recipient address rejected: User unknown`,
      ``,
      `--${boundary}`,
      `Content-Type: text/rfc822-headers`,
      ``,
      head,
      ``,
      `--${boundary}--`,
      ``,
    ].join('\r\n');
    // Like an MTA: the report follows the accepted mail a moment later, and a 4xx answer is retried.
    for (let attempt = 1; ; attempt++) {
      await new Promise((r) => setTimeout(r, 500 * attempt));
      try {
        await toParley.sendMail({ envelope: { from: '', to: [mail.envelope.from!] }, raw: body });
        return;
      } catch (err) {
        if (attempt >= 5 || (err as { responseCode?: number }).responseCode! >= 500) throw err;
      }
    }
  }

  async function sendAsCustomer(input: CustomerMail): Promise<{ messageId: string; response: string }> {
    const info = await toParley.sendMail({
      from: input.name ? { name: input.name, address: input.from } : input.from,
      to: input.to,
      ...(input.cc?.length ? { cc: input.cc } : {}),
      subject: input.subject ?? '',
      text: input.text,
      ...(input.html ? { html: input.html } : {}),
      ...(input.inReplyTo ? { inReplyTo: input.inReplyTo } : {}),
      ...(input.references?.length ? { references: input.references } : {}),
      ...(input.headers ? { headers: input.headers } : {}),
      ...(input.attachments?.length ? { attachments: input.attachments } : {}),
    });
    return { messageId: info.messageId, response: info.response };
  }

  async function replyTo(capturedId: string, text: string, from?: string): Promise<{ messageId: string; response: string }> {
    const mail = mails.find((m) => m.id === capturedId);
    if (!mail) throw Object.assign(new Error(`no captured mail ${capturedId}`), { status: 404 });
    const customer = from ?? mail.to[0];
    return sendAsCustomer({
      from: customer,
      to: mail.replyTo ?? mail.envelope.from ?? '',
      cc: mail.cc.filter((a) => a !== customer),
      subject: /^re:/i.test(mail.subject) ? mail.subject : `Re: ${mail.subject}`,
      text: `${text}\n\nOn ${mail.receivedAt}, ${mail.from} wrote:\n${mail.text.split('\n').map((l) => `> ${l}`).join('\n')}`,
      ...(mail.messageId ? { inReplyTo: mail.messageId, references: [...mail.references, mail.messageId] } : {}),
    });
  }

  const http = createServer((req, res) => {
    route(req, res).catch((err) => json(res, err.status ?? (err.responseCode ? 502 : 500), { message: err.message }));
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const parts = url.pathname.split('/').filter(Boolean);
    if (req.method === 'GET' && url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(EMAIL_EMULATOR_PAGE.replace('__DEFAULT_TO__', options.defaultTo ?? DEMO_EMAIL_ADDRESS));
      return;
    }
    if (parts[0] !== 'api') return json(res, 404, { message: 'not found' });
    if (req.method === 'GET' && parts[1] === 'info') return json(res, 200, { smtpPort: sinkPort, parleySmtp, defaultTo: options.defaultTo ?? DEMO_EMAIL_ADDRESS });
    if (req.method === 'GET' && parts[1] === 'mail' && !parts[2]) {
      return json(res, 200, mails.slice().reverse().map(({ raw: _raw, headers: _headers, ...summary }) => summary));
    }
    if (req.method === 'DELETE' && parts[1] === 'mail') {
      mails.length = 0;
      return json(res, 200, { ok: true });
    }
    const mail = parts[1] === 'mail' && parts[2] ? mails.find((m) => m.id === parts[2]) : undefined;
    if (req.method === 'GET' && mail && parts[3] === 'raw') {
      res.writeHead(200, { 'content-type': 'message/rfc822' });
      res.end(mail.raw);
      return;
    }
    if (req.method === 'GET' && mail && !parts[3]) return json(res, 200, mail);
    if (req.method === 'POST' && parts[1] === 'mail' && parts[3] === 'reply') {
      const body = await readJson(req);
      return json(res, 200, await replyTo(parts[2], String(body.text ?? ''), typeof body.from === 'string' && body.from ? body.from : undefined));
    }
    if (req.method === 'POST' && parts[1] === 'send') {
      const body = await readJson(req);
      if (typeof body.from !== 'string' || !body.from.includes('@')) return json(res, 400, { message: 'from must be an email address' });
      const attachments = Array.isArray(body.attachments)
        ? body.attachments.map((a: { filename: string; contentType?: string; base64: string }) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.base64, 'base64') }))
        : undefined;
      return json(res, 200, await sendAsCustomer({ ...(body as unknown as CustomerMail), to: String(body.to || options.defaultTo || DEMO_EMAIL_ADDRESS), text: String(body.text ?? ''), attachments }));
    }
    return json(res, 404, { message: 'not found' });
  }

  await new Promise<void>((resolve, reject) => {
    sink.server.once('error', reject);
    sink.listen(options.smtpPort ?? Number(process.env.EMULATOR_EMAIL_SMTP_PORT ?? 2526), options.host, () => resolve());
  });
  const sinkPort = (sink.server.address() as AddressInfo).port;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const httpUrl = `http://${options.host}:${(http.address() as AddressInfo).port}`;

  return {
    name: 'email',
    url: `${httpUrl}/?smtp=${sinkPort}`,
    httpUrl,
    smtpPort: sinkPort,
    captured: () => mails.slice(),
    waitForMail(match, timeoutMs = 15_000) {
      const found = mails.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, resolve: (m: CapturedMail) => (clearTimeout(timer), resolve(m)) };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no matching mail reached the SMTP sink within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    sendAsCustomer,
    replyTo,
    clear: () => void (mails.length = 0),
    async close() {
      toParley.close();
      await Promise.all([new Promise<void>((r) => sink.close(() => r())), closeHttp(http)]);
    },
  };
}

function closeHttp(server: Server): Promise<void> {
  server.closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}

async function readJson(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw Object.assign(new Error('the body must be JSON'), { status: 400 });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
