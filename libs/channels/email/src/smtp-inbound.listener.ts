import { Inject, Injectable, Logger } from '@nestjs/common';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import {
  ATTACHMENT_STORE, type AttachmentStorePort, type InboundSink, type InboundSource, type InboundSourceProvider, isInboundRefusal, STORED_MESSAGE_LOOKUP,
  type StoredMessageLookup,
} from '@parley/channels-core';
import { EmailInboundService, EmailTarget } from './email-inbound.service';
import { EmailInboxDirectory } from './email-inbox.directory';

export interface SmtpListenerOptions {
  /** SMTP_INBOUND_PORT; 0 disables the listener. */
  port: number;
  /** Interface to bind (SMTP_INBOUND_HOST); all of them by default, like the HTTP port. */
  host?: string;
  /** Largest mail accepted, in bytes (SMTP_INBOUND_MAX_BYTES, default 25 MB). */
  maxBytes: number;
  /** Name in the greeting. */
  hostname?: string;
}

export const SMTP_LISTENER_OPTIONS = Symbol('SMTP_LISTENER_OPTIONS');

export function smtpListenerOptions(port: number, env: NodeJS.ProcessEnv = process.env): SmtpListenerOptions {
  return {
    port,
    host: env.SMTP_INBOUND_HOST || undefined,
    maxBytes: Number(env.SMTP_INBOUND_MAX_BYTES ?? 25 * 1024 * 1024),
  };
}

type SmtpError = Error & { responseCode?: number };
const smtpError = (code: number, message: string): SmtpError => Object.assign(new Error(message), { responseCode: code });

/**
 * Mail relayed to Parley (an MX or a forwarding rule pointing at SMTP_INBOUND_PORT). Runs in the
 * api role (and `all`): it is a front door like the HTTP port. Only addresses of email inboxes
 * are accepted at RCPT TO (550 for anything else, so Parley is never an open relay), and 250 is
 * answered only after the mail is stored; a temporary failure answers 451 and the sending server
 * retries, so a valid mail is never lost. A mail that can never be stored (its Message-ID or sender
 * longer than their columns) gets a permanent 554: the sender bounces it instead of retrying. No AUTH and no STARTTLS: put it behind your MTA.
 * An inbound source: the api's runner starts it with the ingest pipeline as its sink.
 */
export class EmailSmtpListener implements InboundSource {
  readonly key = 'smtp';
  readonly fingerprint: string;
  private readonly logger = new Logger(EmailSmtpListener.name);
  private server: SMTPServer | null = null;
  private inbound!: EmailInboundService;
  /** Tried once per run: a port taken by another program is reported once, not at every sync. */
  private started = false;

  constructor(
    private readonly options: SmtpListenerOptions,
    private readonly directory: EmailInboxDirectory,
    private readonly deps: { messages: StoredMessageLookup; store: AttachmentStorePort },
  ) {
    this.fingerprint = `${options.host ?? '*'}:${options.port}`;
  }

  async start(sink: InboundSink): Promise<void> {
    if (this.started) return;
    this.started = true;
    const { port, host, maxBytes } = this.options;
    this.inbound = new EmailInboundService(this.deps.messages, this.deps.store, sink);
    const server = new SMTPServer({
      name: this.options.hostname,
      banner: 'Parley inbound mail',
      size: maxBytes,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      // Each connection may buffer up to maxBytes while a mail is in flight.
      maxClients: 50,
      socketTimeout: 120_000,
      // On shutdown a mail still being sent gets 421 after this grace: it was never acknowledged,
      // so the sending server retries it.
      closeTimeout: 5_000,
      onRcptTo: (address, _session, callback) => {
        this.directory.forRecipient(address.address).then(
          (found) => callback(found ? null : smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`)),
          (err) => {
            this.logger.error(`RCPT TO lookup failed: ${err.message}`);
            callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
          },
        );
      },
      onData: (stream, session, callback) => {
        this.receive(stream, session).then((reply) => callback(null, reply), (err: SmtpError) => callback(err));
      },
    });
    server.on('error', (err) => this.logger.error(`SMTP listener: ${err.message}`));
    this.server = server;
    try {
      await new Promise<void>((resolve, reject) => {
        const onError = (err: Error) => reject(err);
        server.server.once('error', onError);
        server.listen(port, host, () => {
          server.server.off('error', onError);
          resolve();
        });
      });
      this.logger.log(`inbound SMTP listening on ${host ?? '*'}:${port} (max ${Math.round(maxBytes / 1024 / 1024)} MB)`);
    } catch (err) {
      // HTTP keeps serving; say loudly why mail will not arrive here.
      this.server = null;
      this.logger.error(`inbound SMTP could not listen on port ${port}: ${err.message}. Set SMTP_INBOUND_PORT to a free port, or 0 to disable it.`);
    }
  }

  async stop(): Promise<void> {
    this.started = false;
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of stream) {
      // Past the limit the rest is read and dropped: the reply must wait for the end of DATA.
      bytes += chunk.length;
      if (bytes <= this.options.maxBytes) chunks.push(chunk as Buffer);
    }
    if (stream.sizeExceeded || bytes > this.options.maxBytes) {
      this.logger.warn({ from: session.envelope.mailFrom && session.envelope.mailFrom.address, bytes }, 'email rejected: too large');
      throw smtpError(552, `5.3.4 Message too big: the limit is ${this.options.maxBytes} bytes`);
    }
    const targets: EmailTarget[] = [];
    for (const rcpt of session.envelope.rcptTo) {
      const found = await this.directory.forRecipient(rcpt.address);
      if (found) targets.push(found);
    }
    const mailFrom = session.envelope.mailFrom;
    let outcomes;
    try {
      outcomes = await this.inbound.receive(Buffer.concat(chunks), targets, { via: 'smtp', nullSender: !mailFrom || !mailFrom.address });
    } catch (err) {
      if (isInboundRefusal(err)) {
        // Retrying the same bytes cannot help: a permanent failure, so the sender bounces it now
        // instead of retrying for days.
        this.logger.warn({ from: mailFrom && mailFrom.address, reason: err.reason }, 'email refused: cannot be stored');
        throw smtpError(554, `5.6.0 Message refused: ${err.reason}`);
      }
      this.logger.error({ err: err.message }, 'email not stored, asked the sender to retry');
      throw smtpError(451, '4.3.0 Temporary failure storing the message, try again later');
    }
    const rejected = outcomes.filter((o) => o.status === 'rejected');
    if (rejected.length && rejected.length === outcomes.length) throw smtpError(554, `5.6.0 ${rejected[0].reason}`);
    return `Message ${outcomes.map((o) => o.status).join(', ')}`;
  }
}

/** The SMTP port as the api role's one inbound source (none when SMTP_INBOUND_PORT=0). */
@Injectable()
export class SmtpListenerSources implements InboundSourceProvider {
  readonly name = 'smtp';
  readonly role = 'api' as const;
  private readonly listener: EmailSmtpListener | null;

  constructor(
    @Inject(SMTP_LISTENER_OPTIONS) options: SmtpListenerOptions,
    directory: EmailInboxDirectory,
    @Inject(STORED_MESSAGE_LOOKUP) messages: StoredMessageLookup,
    @Inject(ATTACHMENT_STORE) store: AttachmentStorePort,
  ) {
    if (!options.port) new Logger(EmailSmtpListener.name).log('inbound SMTP listener disabled (SMTP_INBOUND_PORT=0)');
    this.listener = options.port ? new EmailSmtpListener(options, directory, { messages, store }) : null;
  }

  async wanted(): Promise<EmailSmtpListener[]> {
    return this.listener ? [this.listener] : [];
  }
}
