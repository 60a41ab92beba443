import type Mail from 'nodemailer/lib/mailer';
import type { OutboundMessage } from '@parley/channels-core';
import { conversationToken, footerRef, messageIdOf } from './conversation-token';
import { matchInboxAddress, normalizeAddress, plusAddress } from './email-address';
import type { EmailInboxConfig } from './email-config';
import { escapeHtml, textToHtml } from './email-html';

export interface OutboundFile {
  fileName: string | null;
  contentType: string;
  data: Buffer;
}

export interface ComposedEmail {
  /** Bare Message-ID: stored as the message's provider id, so the customer's reply threads by it. */
  messageId: string;
  mail: Mail.Options;
  /** What the agent sees of the sent mail (merged into the message's metadata). */
  summary: { subject: string; to: string; cc: string[]; messageId: string };
}

const MAX_REFERENCES = 20;

/**
 * An agent's reply as a mail: text and HTML alternatives, the inbox signature, the customer's
 * last message quoted, attachments; Message-ID/In-Reply-To/References for the customer's client.
 * The conversation token stays out of the subject: it is in the Message-ID, the Reply-To plus
 * address and a muted "Ref:" footer line, for clients that drop the headers.
 * X-Parley-Message-Id marks it as ours should it ever come back in.
 */
export function composeReply(message: OutboundMessage, config: EmailInboxConfig, files: OutboundFile[]): ComposedEmail {
  const domain = config.address.slice(config.address.lastIndexOf('@') + 1);
  const messageId = messageIdOf(message.messageId, message.conversationId, domain);
  const token = conversationToken(message.conversationId);
  const recipient = normalizeAddress(message.recipient.externalId);
  const conversation = message.conversationMetadata ?? {};
  // The agent's own subject line (the composer's Subject field) replaces the "Re: …" default.
  const chosen = typeof message.metadata?.subject === 'string' && message.metadata.subject.trim() ? message.metadata.subject.trim() : null;
  const subject = chosen ?? `Re: ${typeof conversation.subject === 'string' && conversation.subject ? conversation.subject : '(no subject)'}`;
  const ref = footerRef(message.conversationId);
  const ccSource = [...addresses(conversation.cc), ...addresses(message.metadata?.cc)];
  const cc = [...new Set(ccSource.map(normalizeAddress))].filter((a) => a && a !== recipient && !matchInboxAddress(config.address, a));
  // Only real Message-IDs: inbound mail without one is stored under a hash, which no client knows.
  const references = message.references.filter((r) => r.includes('@') && !r.startsWith('sha256:')).slice(-MAX_REFERENCES);
  const signature = config.signature?.replaceAll('{agent}', message.authorName ?? '').trim();
  const quoted = message.quoted;
  const attribution = quoted ? `On ${quoted.createdAt.toUTCString()}, ${quoted.authorName ?? recipient} wrote:` : '';

  const text = [
    message.content,
    ...(signature ? [`-- \n${signature}`] : []),
    ...(quoted ? [`${attribution}\n${quoted.content.split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n')}`] : []),
    ref,
  ].join('\n\n');
  const html = [
    `<div>${textToHtml(message.content)}</div>`,
    ...(signature ? [`<div class="parley-signature">-- <br>\n${textToHtml(signature)}</div>`] : []),
    ...(quoted
      ? [`<div class="parley-quote">${escapeHtml(attribution)}<br>\n<blockquote type="cite" style="margin:0 0 0 .8ex;border-left:1px solid #ccc;padding-left:1ex">${textToHtml(quoted.content)}</blockquote></div>`]
      : []),
    `<div class="parley-ref" style="color:#999999;font-size:11px">${ref}</div>`,
  ].join('\n<br>\n');

  const fromName = config.fromName ?? message.authorName ?? undefined;
  return {
    messageId,
    summary: { subject, to: recipient, cc, messageId },
    mail: {
      from: fromName ? { name: fromName, address: config.address } : config.address,
      to: recipient,
      ...(cc.length ? { cc } : {}),
      replyTo: plusAddress(config.address, token),
      subject,
      messageId: `<${messageId}>`,
      ...(references.length ? { inReplyTo: `<${references[references.length - 1]}>`, references: references.map((r) => `<${r}>`) } : {}),
      date: message.createdAt,
      headers: { 'X-Parley-Message-Id': message.messageId },
      text: `${text}\n`,
      html: `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`,
      attachments: files.map((f) => ({ filename: f.fileName ?? undefined, content: f.data, contentType: f.contentType })),
    },
  };
}

function addresses(value: unknown): string[] {
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
