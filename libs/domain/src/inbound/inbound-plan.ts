import { previewOf, type ConversationStatus } from '../conversation-rules';
import { continuationOf, resumesConversation, type ContinuedConversation } from './conversation-continuation';
import { senderUpdates, type CustomerChanges, type CustomerState, type IdentityChanges, type IdentityState, type SenderFacts } from './sender-updates';

/** What of an inbound message the plan needs (a subset of channels/core's InboundMessage). */
export interface PlannedInbound extends SenderFacts {
  inboxId: string;
  channel: string;
  content: string;
  providerMessageId: string;
  clientMessageId?: string | null;
  attachments?: unknown[];
  metadata?: Record<string, any>;
  conversationMetadata?: Record<string, any>;
  occurredAt?: Date;
  /** A message the business sent from elsewhere (a Meta echo): outbound, already sent; see channels/core. */
  sentElsewhere?: { authorName: string | null };
}

/** The conversation the message goes into, as it stands before the message. */
export interface PlanConversation extends ContinuedConversation {
  id: string;
  status: ConversationStatus;
}

export interface PlanInput {
  inbound: PlannedInbound;
  customer: CustomerState & { id: string };
  identity: IdentityState & { id: string };
  /** The conversation the message continues (chooseConversation's answer); null opens a new one. */
  conversation: PlanConversation | null;
  /** A survey (or another hook) claimed the message: kept in that conversation, leaving its state alone. */
  claim?: { conversationId: string; hook: string } | null;
  now: Date;
  newId(): string;
}

/** The message row as stored (every column the messages table needs). */
export interface PlannedMessage {
  id: string;
  conversationId: string;
  customerId: string;
  inboxId: string;
  channel: string;
  direction: 'inbound' | 'outbound';
  authorType: 'customer' | 'agent';
  authorId: null;
  authorName: string | null;
  content: string;
  private: false;
  attachments: unknown[];
  providerMessageId: string;
  clientMessageId: string | null;
  metadata: Record<string, any> | null;
  deliveryStatus: 'delivered' | 'sent';
  deliveryError: null;
  deliveryAttempts: 0;
  createdAt: Date;
  updatedAt: Date;
}

/** A timeline event the message adds to the customer's history. */
export interface PlannedTimelineEvent {
  id: string;
  customerId: string;
  type: 'conversation_opened' | 'message';
  occurredAt: Date;
  channel: string;
  conversationId: string;
  messageId: string | null;
  direction: 'inbound' | 'outbound' | null;
  content: string | null;
  title: null;
  authorName: string | null;
  data: Record<string, any> | null;
}

/** A conversation the message opens, as inserted (already holding the message's changes). */
export interface PlannedConversation {
  id: string;
  customerId: string;
  inboxId: string;
  channel: string;
  status: 'open';
  assigneeId: null;
  teamId: null;
  priority: 'normal';
  snoozedUntil: null;
  firstResponseAt: null;
  resolvedAt: null;
  lastMessageAt: Date;
  /** Null only when a message sent from elsewhere opens the conversation: the customer has not written in it. */
  lastInboundAt: Date | null;
  lastMessagePreview: string | null;
  metadata: Record<string, any> | null;
  unreadCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Column values set on an existing row; `increment` columns go up by one in SQL, and `fillIn` JSON
 * columns are merged under the stored value in SQL (stored keys win): no lost concurrent updates.
 */
export interface RowUpdate<C> {
  id: string;
  set: C;
  increment?: readonly string[];
  fillIn?: readonly string[];
}

/** The conversation columns an inbound message sets (the unread count is an increment, not a value). */
export type ConversationSet = Partial<Omit<PlannedConversation, 'id' | 'unreadCount'>>;

/**
 * Everything one inbound message writes: the writer stores it as it stands (no decision is left to
 * the writer), and what the conversation update sets is exactly `conversationUpdate.set`.
 */
export interface InboundPlan {
  conversationId: string;
  opened: boolean;
  /** The conversation was pending, snoozed or resolved and comes back. */
  resumed: boolean;
  claimedBy: string | null;
  message: PlannedMessage;
  /** In order: `conversation_opened` (when opened), then the message. */
  timeline: PlannedTimelineEvent[];
  conversationInsert: PlannedConversation | null;
  conversationUpdate: RowUpdate<ConversationSet> | null;
  identityUpdate: RowUpdate<IdentityChanges> | null;
  customerUpdate: RowUpdate<CustomerChanges & { updatedAt: Date }> | null;
  /** The conversation's state after the message (for announcing it). */
  conversationAfter: Partial<PlannedConversation> & { unreadCount?: number };
}

/**
 * Which conversation a message continues or opens and what it changes there, on the sender's
 * identity and on their customer record: one plan, written as it stands by either ingest writer.
 */
export function planInbound(input: PlanInput): InboundPlan {
  if (input.inbound.sentElsewhere) return planSentElsewhere(input, input.inbound.sentElsewhere);
  const { inbound, customer, identity, conversation, claim, now } = input;
  const sender = senderUpdates(inbound, customer, identity);
  const identityUpdate = sender.identity ? { id: identity.id, set: sender.identity } : null;
  const customerUpdate = sender.customer
    ? { id: customer.id, set: { ...sender.customer, updatedAt: now }, ...(sender.customer.attributes ? { fillIn: ['attributes'] as const } : {}) }
    : null;
  const authorName = sender.customer?.name ?? customer.name;
  const conversationId = claim?.conversationId ?? conversation?.id ?? input.newId();
  const metadata = claim ? { ...(inbound.metadata ?? {}), claimedBy: claim.hook } : (inbound.metadata ?? null);
  const message: PlannedMessage = {
    id: input.newId(), conversationId, customerId: customer.id, inboxId: inbound.inboxId, channel: inbound.channel,
    direction: 'inbound', authorType: 'customer', authorId: null, authorName, content: inbound.content, private: false,
    attachments: inbound.attachments ?? [], providerMessageId: inbound.providerMessageId, clientMessageId: inbound.clientMessageId ?? null,
    metadata, deliveryStatus: 'delivered', deliveryError: null, deliveryAttempts: 0, createdAt: now, updatedAt: now,
  };
  const event = (type: PlannedTimelineEvent['type'], messageRow: PlannedMessage | null): PlannedTimelineEvent => ({
    id: input.newId(), customerId: customer.id, type, occurredAt: now, channel: inbound.channel, conversationId,
    messageId: messageRow?.id ?? null, direction: messageRow ? 'inbound' : null, content: messageRow?.content ?? null, title: null,
    authorName: messageRow?.authorName ?? null,
    data: messageRow && !claim && messageRow.attachments.length ? { attachments: messageRow.attachments } : null,
  });
  const base = { conversationId, message, identityUpdate, customerUpdate };
  if (claim) {
    // A claimed message (a survey answer) leaves status, unread count and preview as they were; the
    // customer wrote, so a reply window (WhatsApp's 24 hours) opens again.
    const set = { lastInboundAt: now };
    return { ...base, opened: false, resumed: false, claimedBy: claim.hook, timeline: [event('message', message)], conversationInsert: null, conversationUpdate: { id: conversationId, set }, conversationAfter: set };
  }
  if (!conversation) {
    const changes = continuationOf({ status: 'open', unreadCount: 0, metadata: null }, inbound, now);
    const conversationInsert: PlannedConversation = {
      id: conversationId, customerId: customer.id, inboxId: inbound.inboxId, channel: inbound.channel, status: 'open',
      assigneeId: null, teamId: null, priority: 'normal', snoozedUntil: null, firstResponseAt: null, resolvedAt: null,
      lastMessageAt: now, lastInboundAt: now, lastMessagePreview: changes.lastMessagePreview, metadata: changes.metadata ?? null,
      unreadCount: changes.unreadCount, createdAt: now, updatedAt: now,
    };
    return { ...base, opened: true, resumed: false, claimedBy: null, timeline: [event('conversation_opened', null), event('message', message)], conversationInsert, conversationUpdate: null, conversationAfter: conversationInsert };
  }
  const { unreadCount, ...set } = continuationOf(conversation, inbound, now);
  return {
    ...base, opened: false, resumed: resumesConversation(conversation.status), claimedBy: null, timeline: [event('message', message)],
    conversationInsert: null, conversationUpdate: { id: conversationId, set, increment: ['unreadCount'] }, conversationAfter: { ...set, unreadCount },
  };
}

/**
 * A message the business sent the customer from elsewhere (a Meta echo): an outbound row, already
 * sent, in the conversation it continues (or a new one). The conversation's preview and last message
 * move, nothing else: no resumption, no unread count, and the customer's reply window stays as it was.
 */
function planSentElsewhere(input: PlanInput, sent: { authorName: string | null }): InboundPlan {
  const { inbound, customer, identity, conversation, now } = input;
  const sender = senderUpdates(inbound, customer, identity);
  const identityUpdate = sender.identity ? { id: identity.id, set: sender.identity } : null;
  const conversationId = conversation?.id ?? input.newId();
  const message: PlannedMessage = {
    id: input.newId(), conversationId, customerId: customer.id, inboxId: inbound.inboxId, channel: inbound.channel,
    direction: 'outbound', authorType: 'agent', authorId: null, authorName: sent.authorName, content: inbound.content, private: false,
    attachments: inbound.attachments ?? [], providerMessageId: inbound.providerMessageId, clientMessageId: null,
    metadata: { ...(inbound.metadata ?? {}), sentElsewhere: true }, deliveryStatus: 'sent', deliveryError: null, deliveryAttempts: 0, createdAt: now, updatedAt: now,
  };
  const event: PlannedTimelineEvent = {
    id: input.newId(), customerId: customer.id, type: 'message', occurredAt: now, channel: inbound.channel, conversationId,
    messageId: message.id, direction: 'outbound', content: message.content, title: null, authorName: sent.authorName,
    data: message.attachments.length ? { attachments: message.attachments } : null,
  };
  const preview = previewOf(inbound.content || '📎');
  const base = { conversationId, message, identityUpdate, customerUpdate: null, resumed: false, claimedBy: null };
  if (!conversation) {
    const conversationInsert: PlannedConversation = {
      id: conversationId, customerId: customer.id, inboxId: inbound.inboxId, channel: inbound.channel, status: 'open',
      assigneeId: null, teamId: null, priority: 'normal', snoozedUntil: null, firstResponseAt: null, resolvedAt: null,
      lastMessageAt: now, lastInboundAt: null, lastMessagePreview: preview, metadata: null, unreadCount: 0, createdAt: now, updatedAt: now,
    };
    const opened: PlannedTimelineEvent = { ...event, id: input.newId(), type: 'conversation_opened', messageId: null, direction: null, content: null, authorName: null, data: null };
    return { ...base, opened: true, timeline: [opened, event], conversationInsert, conversationUpdate: null, conversationAfter: conversationInsert };
  }
  const set = { lastMessageAt: now, lastMessagePreview: preview, updatedAt: now };
  return { ...base, opened: false, timeline: [event], conversationInsert: null, conversationUpdate: { id: conversationId, set }, conversationAfter: set };
}

/** The columns an update sets, in a stable order (the writers key their statements by it). */
export function updatedColumns(update: RowUpdate<object>): string[] {
  return [...Object.keys(update.set).sort(), ...(update.increment ?? []).map((c) => `+${c}`), ...(update.fillIn ?? []).map((c) => `|${c}`)];
}
