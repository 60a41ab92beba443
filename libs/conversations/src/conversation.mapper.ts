import type { ConversationDto, ConversationLabelDto, CustomerSummaryDto, MessageDto, WidgetMessage } from '@parley/contracts';
import { signAttachmentLinksIn, signAttachments, type ConversationEntity, type CustomerEntity, type MessageEntity } from '@parley/persistence';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toCustomerSummary(c: CustomerEntity | undefined, id: string): CustomerSummaryDto {
  return { id, name: c?.name ?? null, email: c?.email ?? null, phone: c?.phone ?? null };
}

/**
 * `labels`: the conversation's labels when they were read; left out (meaning "unchanged" to a
 * console) by the inbound pipeline, which does not read them.
 */
export function toConversationDto(c: ConversationEntity, customer: CustomerEntity | undefined, labels?: ConversationLabelDto[]): ConversationDto {
  return {
    id: c.id,
    customerId: c.customerId,
    customer: toCustomerSummary(customer, c.customerId),
    inboxId: c.inboxId,
    channel: c.channel,
    status: c.status,
    assigneeId: c.assigneeId,
    teamId: c.teamId,
    priority: c.priority,
    snoozedUntil: iso(c.snoozedUntil),
    firstResponseAt: iso(c.firstResponseAt),
    resolvedAt: iso(c.resolvedAt),
    lastMessageAt: c.lastMessageAt.toISOString(),
    lastMessagePreview: c.lastMessagePreview,
    lastInboundAt: iso(c.lastInboundAt),
    unreadCount: c.unreadCount,
    metadata: c.metadata ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    ...(labels ? { labels } : {}),
  };
}

export function toMessageDto(m: MessageEntity): MessageDto {
  return {
    id: m.id,
    conversationId: m.conversationId,
    customerId: m.customerId,
    inboxId: m.inboxId,
    channel: m.channel,
    direction: m.direction,
    authorType: m.authorType,
    authorId: m.authorId,
    authorName: m.authorName,
    content: m.content,
    private: !!m.private,
    // Links to our files are signed as they are read: a stored link would outlive its TTL.
    attachments: signAttachments(m.attachments ?? []),
    deliveryStatus: m.deliveryStatus,
    deliveryError: m.deliveryError,
    clientMessageId: m.clientMessageId,
    // An email's HTML shows its inline images from our attachment links.
    metadata: signAttachmentLinksIn(m.metadata ?? null),
    createdAt: m.createdAt.toISOString(),
  };
}

/**
 * What the visitor may see of a message: no internal ids, no notes. `surveyOpen`: the message is a
 * survey question still waiting for its score, so it carries its rating buttons (a reloaded widget
 * shows them again from history).
 */
export function toWidgetMessage(m: MessageDto, opts: { surveyOpen?: boolean } = {}): WidgetMessage {
  const options = opts.surveyOpen ? surveyOptionsOf(m.metadata) : [];
  return {
    id: m.id,
    clientMessageId: m.clientMessageId,
    direction: m.direction,
    content: m.content,
    authorName: m.direction === 'outbound' ? m.authorName : null,
    ...(m.attachments.length ? { attachments: m.attachments } : {}),
    createdAt: m.createdAt,
    ...(options.length ? { survey: { options } } : {}),
  };
}

/** The survey id a survey question's metadata names, if it is one. */
export function surveyIdOf(metadata: Record<string, unknown> | null): string | null {
  const survey = metadata?.survey as { id?: unknown } | undefined;
  return typeof survey?.id === 'string' ? survey.id : null;
}

function surveyOptionsOf(metadata: Record<string, unknown> | null): string[] {
  const buttons = surveyIdOf(metadata) ? metadata?.buttons : null;
  if (!Array.isArray(buttons)) return [];
  return buttons.map((b: { text?: unknown }) => String(b?.text ?? '')).filter(Boolean).slice(0, 11);
}
