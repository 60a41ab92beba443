import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { Socket } from 'socket.io-client';
import type { MessageDto } from '@parley/contracts';
import { startEmailEmulator, type RunningEmailEmulator } from '../../../tools/emulators/src/email/email.emulator';
import { api, connect, connected, login, startApp, type RunningApp } from './harness';

export const SUPPORT = 'support@shop.example';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A MIME sample from the adapter's fixtures, with placeholders replaced (byte-exact otherwise). */
export function fixture(name: string, replace: Record<string, string> = {}): Buffer {
  let raw = readFileSync(join(__dirname, '../../../libs/channels/email/src/fixtures', name), 'latin1');
  for (const [from, to] of Object.entries(replace)) raw = raw.replaceAll(from, to);
  return Buffer.from(raw, 'latin1');
}

export interface EmailSuite {
  app: RunningApp;
  url: string;
  token: string;
  smtpPort: number;
  inboxId: string;
  /** The SMTP sink the inbox sends through, which also mails Parley as a customer. */
  sink: RunningEmailEmulator;
  agent: Socket;
  /** Relays a raw mail to Parley's SMTP listener, as an MTA would. */
  relay(raw: Buffer | string, envelope: { from: string; to: string[] }): Promise<{ accepted: string[]; rejected: string[]; response: string }>;
  /** The first `message.created` (or other agent event) that matches, from now on. */
  nextMessage(match: (m: MessageDto) => boolean, event?: string): Promise<MessageDto>;
  messages(conversationId: string): Promise<MessageDto[]>;
}

/**
 * One real app per test file with its inbound SMTP listener on a free port, an email inbox that
 * sends through the email emulator's SMTP sink, and an agent socket.
 */
export function useEmailApp(options: { maxBytes?: number; inboxConfig?: () => Record<string, unknown> } = {}): EmailSuite {
  const suite = {} as EmailSuite;
  beforeAll(async () => {
    if (options.maxBytes) process.env.SMTP_INBOUND_MAX_BYTES = String(options.maxBytes);
    suite.smtpPort = await freePort();
    suite.app = await startApp(undefined, { smtpInboundPort: suite.smtpPort });
    suite.url = suite.app.url;
    suite.token = (await login(suite.url)).accessToken;
    suite.sink = await startEmailEmulator({ host: '127.0.0.1', port: 0, smtpPort: 0, parleyUrl: suite.url, parleySmtp: { host: '127.0.0.1', port: suite.smtpPort }, defaultTo: SUPPORT });
    const inbox = await api(suite.url, 'POST', '/api/inboxes', {
      name: 'Support',
      channel: 'email',
      config: { address: SUPPORT, smtp: { host: '127.0.0.1', port: suite.sink.smtpPort, secure: false }, signature: '{agent}\nShop support', ...options.inboxConfig?.() },
    }, suite.token);
    if (inbox.status !== 201) throw new Error(`inbox not created: ${inbox.status} ${JSON.stringify(inbox.body)}`);
    suite.inboxId = inbox.body.id;
    suite.agent = connect(suite.url, '/agents', { token: suite.token });
    await connected(suite.agent);
    const client = createTransport({ host: '127.0.0.1', port: suite.smtpPort, secure: false, ignoreTLS: true });
    suite.relay = async (raw, envelope) => {
      const info = await client.sendMail({ envelope, raw });
      return { accepted: info.accepted as string[], rejected: info.rejected as string[], response: info.response };
    };
    suite.nextMessage = (match, event = 'message.created') =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          suite.agent.off(event, handler);
          reject(new Error(`no matching ${event} within 20 s`));
        }, 20_000);
        const handler = (m: MessageDto) => {
          if (!match(m)) return;
          clearTimeout(timer);
          suite.agent.off(event, handler);
          resolve(m);
        };
        suite.agent.on(event, handler);
      });
    suite.messages = async (conversationId) => (await api(suite.url, 'GET', `/api/conversations/${conversationId}/messages`, undefined, suite.token)).body.items;
  });
  afterAll(async () => {
    suite.agent?.disconnect();
    await suite.sink?.close();
    await suite.app?.close();
  });
  return suite;
}
