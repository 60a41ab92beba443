import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { AttachmentDto } from '@parley/contracts';
import {
  ATTACHMENT_STORE, AttachmentStorePort, ChannelAdapter, InboxRef, OutboundMessage, PermanentDeliveryError, SendResult,
} from '@parley/channels-core';
import { EmailInboxConfig, parseEmailConfig } from './email-config';
import { composeReply, OutboundFile } from './outbound-email';

/**
 * Email: outbound through each inbox's own SMTP server (nodemailer, pooled per inbox). Inbound
 * does not come through webhooks: see EmailSmtpListener (api role) and ImapMailboxSource (worker), both inbound sources.
 */
@Injectable()
export class EmailAdapter implements ChannelAdapter, OnModuleDestroy {
  readonly channel = 'email' as const;
  private readonly logger = new Logger(EmailAdapter.name);
  private readonly transports = new Map<string, { key: string; transport: Transporter }>();

  constructor(@Inject(ATTACHMENT_STORE) private readonly attachments: AttachmentStorePort) {}

  async configure(inbox: InboxRef): Promise<Record<string, unknown>> {
    return { ...inbox.config, ...parseEmailConfig(inbox.config) };
  }

  async send(message: OutboundMessage, inbox: InboxRef): Promise<SendResult> {
    let config: EmailInboxConfig;
    try {
      config = parseEmailConfig(inbox.config);
    } catch (err) {
      throw new PermanentDeliveryError(`The inbox's email settings are invalid: ${err.message}`);
    }
    const composed = composeReply(message, config, await this.files(message.attachments));
    try {
      await this.transport(inbox.id, config).sendMail(composed.mail);
    } catch (err) {
      throw deliveryError(err);
    }
    return { providerMessageId: composed.messageId, status: 'sent', metadata: composed.summary };
  }

  onModuleDestroy(): void {
    for (const { transport } of this.transports.values()) transport.close();
    this.transports.clear();
  }

  private async files(attachments: AttachmentDto[]): Promise<OutboundFile[]> {
    const out: OutboundFile[] = [];
    for (const a of attachments) {
      const id = a.id ?? /\/attachments\/([^/?#]+)/.exec(a.url)?.[1];
      const row = id ? await this.attachments.read(id) : null;
      if (!row) throw new PermanentDeliveryError(`The attachment ${a.fileName ?? a.url} no longer exists`);
      out.push({ fileName: row.fileName, contentType: row.contentType, data: row.data });
    }
    return out;
  }

  /** One pooled connection set per inbox, replaced when its SMTP settings change. */
  private transport(inboxId: string, config: EmailInboxConfig): Transporter {
    const key = JSON.stringify(config.smtp);
    const cached = this.transports.get(inboxId);
    if (cached?.key === key) return cached.transport;
    cached?.transport.close();
    const { host, port, secure, user, pass } = config.smtp;
    const transport = createTransport({
      host,
      port,
      secure,
      ...(user ? { auth: { user, pass } } : {}),
      pool: true,
      maxConnections: 3,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
    this.transports.set(inboxId, { key, transport });
    this.logger.debug(`SMTP transport for inbox ${inboxId}: ${host}:${port}`);
    return transport;
  }
}

/**
 * 5xx replies are final (unknown mailbox, rejected credentials, policy): retrying cannot help.
 * 4xx replies and connection trouble are temporary: the delivery queue retries them with backoff.
 */
export function deliveryError(err: { responseCode?: number; response?: string; code?: string; message?: string }): Error {
  const code = err.responseCode;
  if (code && code >= 500 && code < 600) {
    return new PermanentDeliveryError(`SMTP ${code}: ${(err.response ?? err.message ?? '').slice(0, 300)}`, String(code));
  }
  if (err.code === 'EENVELOPE' && !code) return new PermanentDeliveryError(`Rejected before sending: ${err.message}`, err.code);
  return err instanceof Error ? err : new Error(String(err.message ?? err));
}
