import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AttachmentDto } from '@parley/contracts';
import {
  ATTACHMENT_STORE, type AttachmentStorePort, INBOUND_SINK, type InboundSink, STORED_MESSAGE_LOOKUP, type StoredMessageLookup,
} from '@parley/channels-core';
import { isId } from '@parley/domain';
import type { EmailInbox } from './email-inbox.directory';
import { readInboundEmail, type InboundEmail } from './inbound-email';
import { SkippedAttachment, toInboundMessage } from './inbound-email.mapper';

export type ReceiveStatus = 'stored' | 'duplicate' | 'bounce' | 'ignored' | 'rejected';

export interface ReceiveOutcome {
  inboxId: string;
  status: ReceiveStatus;
  reason?: string;
  conversationId?: string;
}

export interface EmailTarget {
  inbox: EmailInbox;
  /** The plus-address tag it was delivered to (SMTP RCPT TO), if any. */
  tag?: string | null;
}

/**
 * One mail, received by the SMTP listener or the IMAP poller, into the pipeline: customer mail is
 * handed to the core InboundSink, the ingest pipeline (attachments stored first), bounces mark our message failed, and our
 * own mail, auto-replies and other automatic mail are dropped with the reason in the log.
 * Resolves once everything is durably stored; throws only for a temporary failure (the sender
 * retries: SMTP 451, IMAP leaves the mail unseen).
 */
@Injectable()
export class EmailInboundService {
  private readonly logger = new Logger('EmailInbound');

  constructor(
    @Inject(STORED_MESSAGE_LOOKUP) private readonly messages: StoredMessageLookup,
    @Inject(ATTACHMENT_STORE) private readonly store: AttachmentStorePort,
    @Inject(INBOUND_SINK) private readonly sink: InboundSink,
  ) {}

  async receive(raw: Buffer, targets: EmailTarget[], envelope: { nullSender?: boolean; via: string } = { via: 'smtp' }): Promise<ReceiveOutcome[]> {
    let email: InboundEmail;
    try {
      email = await readInboundEmail(raw, { nullSender: envelope.nullSender });
    } catch (err) {
      // Beyond what the parser tolerates (header or part-count limits): retrying cannot help.
      const reason = `unreadable message: ${err.message}`;
      this.logger.warn({ via: envelope.via, bytes: raw.length }, `email rejected: ${reason}`);
      return dedupe(targets).map((t) => ({ inboxId: t.inbox.ref.id, status: 'rejected' as const, reason }));
    }
    const outcomes: ReceiveOutcome[] = [];
    for (const target of dedupe(targets)) outcomes.push(await this.deliver(email, target));
    for (const o of outcomes) {
      const line = { via: envelope.via, inboxId: o.inboxId, messageId: email.messageId, status: o.status, reason: o.reason };
      if (o.status === 'rejected') this.logger.warn(line, `email rejected: ${o.reason}`);
      else if (o.status !== 'stored') this.logger.log(line, `email ${o.status}${o.reason ? `: ${o.reason}` : ''}`);
    }
    return outcomes;
  }

  private async deliver(email: InboundEmail, target: EmailTarget): Promise<ReceiveOutcome> {
    const inboxId = target.inbox.ref.id;
    switch (email.kind.kind) {
      case 'own':
        return { inboxId, status: 'ignored', reason: `Parley's own mail (${email.kind.reason})` };
      case 'automatic':
        // Decided: dropped, not attached to a thread. An out-of-office is not something to answer,
        // and storing it would reopen the conversation and start SLA timers and routing.
        return { inboxId, status: 'ignored', reason: `automatic mail (${email.kind.reason})` };
      case 'bounce':
        return this.bounce(email, target);
    }
    if (!email.from) return { inboxId, status: 'rejected', reason: 'no sender address in From' };
    if (await this.messages.hasProviderMessage(inboxId, email.messageId)) return { inboxId, status: 'duplicate' };
    const { attachments, inlineUrls, skipped } = await this.keepAttachments(email);
    const result = await this.sink.ingest(
      toInboundMessage(email, {
        inbox: { id: inboxId, address: target.inbox.config.address },
        recipientTags: [target.tag ?? null],
        attachments,
        inlineUrls,
        skipped,
        receivedAt: new Date(),
      }),
    );
    return { inboxId, status: result.duplicate ? 'duplicate' : 'stored', conversationId: result.conversationId ?? undefined };
  }

  private async bounce(email: InboundEmail, target: EmailTarget): Promise<ReceiveOutcome> {
    const inboxId = target.inbox.ref.id;
    const report = (email.kind as Extract<InboundEmail['kind'], { kind: 'bounce' }>).report;
    if (report.action !== 'failed') return { inboxId, status: 'ignored', reason: `delivery report: ${report.action}` };
    const errorMessage = [report.recipient, report.diagnostic ?? report.status].filter(Boolean).join(': ') || 'The mail bounced';
    let marked = 0;
    for (const id of report.originalMessageIds) {
      const updated = await this.sink.deliveryStatus(inboxId, { providerMessageId: id, status: 'failed', errorCode: report.status, errorMessage: `Bounced: ${errorMessage}` });
      if (updated) marked++;
    }
    if (!marked && (await this.stillSending(inboxId, report.originalMessageIds))) {
      // The report overtook our own bookkeeping (the send is not recorded yet): the reporting
      // server is asked to retry (451), by when the message has its Message-ID stored.
      throw new Error('bounce of a message still being sent');
    }
    return { inboxId, status: marked ? 'bounce' : 'ignored', reason: marked ? `marked failed: ${errorMessage}` : `bounce of a message we do not know (${report.originalMessageIds.join(', ')})` };
  }

  /** Our Message-IDs embed the message id (parley.<id>.<token>@domain, formerly parley.<id>@domain): is one of them still pending? */
  private async stillSending(inboxId: string, messageIds: string[]): Promise<boolean> {
    const ids = messageIds.map((m) => /^parley\.([0-9a-f-]{36})[.@]/i.exec(m)?.[1]).filter(isId);
    return this.messages.anyPending(inboxId, ids);
  }

  /**
   * Attachments and inline images go to the attachment store. One over the size limit is left
   * out (listed in the message's metadata) rather than losing the whole mail.
   */
  private async keepAttachments(email: InboundEmail) {
    const attachments: AttachmentDto[] = [];
    const inlineUrls = new Map<string, string>();
    const skipped: SkippedAttachment[] = [];
    const html = email.html ?? '';
    for (const part of email.attachments) {
      const cid = part.cid?.toLowerCase() ?? null;
      const inline = !!cid && html.toLowerCase().includes(`cid:${cid}`);
      if (part.content.length > this.store.maxBytes) {
        const reason = `Attachments are limited to ${Math.floor(this.store.maxBytes / 1024 / 1024)} MB`;
        skipped.push({ fileName: part.filename ?? null, contentType: part.contentType, size: part.size, reason });
        this.logger.warn({ messageId: email.messageId, fileName: part.filename, size: part.size }, `email attachment left out: ${reason}`);
        continue;
      }
      const saved = await this.store.save({ data: part.content, contentType: part.contentType, fileName: part.filename ?? null });
      if (inline) inlineUrls.set(cid!, saved.url);
      else attachments.push(saved);
    }
    return { attachments, inlineUrls, skipped };
  }
}

function dedupe(targets: EmailTarget[]): EmailTarget[] {
  const byInbox = new Map<string, EmailTarget>();
  for (const t of targets) if (!byInbox.has(t.inbox.ref.id) || t.tag) byInbox.set(t.inbox.ref.id, t);
  return [...byInbox.values()];
}
