import type { AttachmentDto } from '@parley/contracts';
import type { InboundMessage } from '@parley/channels-core';
import { baseSubject, conversationIdFromToken, footerToken, messageIdToken, subjectToken } from './conversation-token';
import { matchInboxAddress } from './email-address';
import { cutQuotedHtml, splitQuotedText } from './email-quote';
import { hasVisibleText, sanitizeEmailHtml } from './email-html';
import type { InboundEmail } from './inbound-email';

/** An attachment that was not kept, and why (shown to the agent; the mail itself is kept). */
export interface SkippedAttachment {
  fileName: string | null;
  contentType: string;
  size: number;
  reason: string;
}

export interface MappingContext {
  inbox: { id: string; address: string };
  /** Plus-address tags the mail was delivered to (SMTP RCPT TO), on top of its headers. */
  recipientTags?: (string | null)[];
  /** Stored attachments, shown as files. */
  attachments: AttachmentDto[];
  /** Content-ID (lowercase, no brackets) → stored inline image URL, for the HTML. */
  inlineUrls: ReadonlyMap<string, string>;
  skipped: SkippedAttachment[];
  receivedAt: Date;
}

const MAX_CC = 20;

/**
 * A customer's mail as the ingest pipeline takes it: the visible part as content, the rest in
 * metadata, the thread found by In-Reply-To/References first, then by the conversation token
 * (plus address, our Message-ID in the references, the quoted "Ref:" footer, an old subject tag).
 */
export function toInboundMessage(email: InboundEmail, ctx: MappingContext): InboundMessage {
  const from = email.from!;
  const { visible, collapsed } = splitQuotedText(email.text);
  const html = email.html ? sanitizeEmailHtml(email.html, ctx.inlineUrls) : null;
  const cut = email.html ? cutQuotedHtml(email.html) : null;
  const visibleHtml = cut && hasVisibleText(cut) ? sanitizeEmailHtml(cut, ctx.inlineUrls) : null;
  const ours = (address: string) => matchInboxAddress(ctx.inbox.address, address) !== null;
  // Everyone on the mail but us: replies go to the conversation's customer and CC the rest.
  const cc = unique([from.address, ...email.to.map((p) => p.address), ...email.cc.map((p) => p.address)].filter((a) => !ours(a))).slice(0, MAX_CC);
  const references = unique([...email.references, ...(email.inReplyTo ? [email.inReplyTo] : [])]);
  return {
    inboxId: ctx.inbox.id,
    channel: 'email',
    providerMessageId: email.messageId,
    sender: { externalId: from.address, displayName: from.name, email: from.address },
    content: visible,
    attachments: ctx.attachments,
    occurredAt: ctx.receivedAt,
    metadata: {
      subject: email.subject,
      from: from.name ? `${from.name} <${from.address}>` : from.address,
      to: email.to.map((p) => p.address),
      cc: email.cc.map((p) => p.address),
      ...(email.date ? { sentAt: email.date.toISOString() } : {}),
      ...(email.inReplyTo ? { inReplyTo: email.inReplyTo } : {}),
      ...(collapsed ? { fullText: email.text.trim() } : {}),
      ...(html ? { html } : {}),
      ...(visibleHtml && visibleHtml !== html ? { visibleHtml } : {}),
      ...(ctx.skipped.length ? { skippedAttachments: ctx.skipped } : {}),
    },
    threadKeys: references,
    conversationRef: conversationRefOf(email, ctx) ?? undefined,
    // A reply without a subject keeps the conversation's; CC always follows the latest mail.
    conversationMetadata: { ...(baseSubject(email.subject) ? { subject: baseSubject(email.subject) } : {}), cc },
    customerFill: { name: from.name, email: from.address },
  };
}

function conversationRefOf(email: InboundEmail, ctx: MappingContext): string | null {
  const addressed = [...email.to, ...email.cc].map((p) => p.address).concat(email.deliveredTo);
  const tags = [...(ctx.recipientTags ?? []), ...addressed.map((a) => matchInboxAddress(ctx.inbox.address, a)?.tag ?? null)];
  const references = [...(email.inReplyTo ? [email.inReplyTo] : []), ...[...email.references].reverse()];
  const tokens = [
    ...tags,
    ...references.map(messageIdToken),
    footerToken(email.text),
    footerToken(email.html),
    subjectToken(email.subject),
  ];
  for (const token of tokens) {
    const id = token ? conversationIdFromToken(token) : null;
    if (id) return id;
  }
  return null;
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}
