import type { ConversationDto, CustomerDto, MessageDto } from '@parley/contracts';
import { flattenPages, mapPageItems, newestFirst, preferLatest, removeFromPages, upsertInPages, type Pages } from '../../api/page-merge';
import { keepingLabels } from '../labels/label-view';
import { matchesFilter, type ConversationFilter } from './conversation-filter';

// How live events change one cached conversation list (its pages as read, for one filter).

/** The api's order: most recent activity first. */
export const compareConversations = newestFirst<ConversationDto>(
  (c) => c.lastMessageAt,
  (c) => c.id,
);

const byId = (c: ConversationDto) => c.id;

/** The rows to show: every page, newest copy of each conversation, in the api's order. */
export const conversationRows = (data: Pages<ConversationDto> | undefined): ConversationDto[] =>
  flattenPages(data, { id: byId, compare: compareConversations, prefer: preferLatest });

function later(a: string, b: string): boolean {
  return Date.parse(a) > Date.parse(b);
}

export function withCustomer(conversation: ConversationDto, customer: CustomerDto): ConversationDto {
  const { id, name, email, phone } = customer;
  return { ...conversation, customer: { id, name, email, phone } };
}

export function conversationChanged(
  data: Pages<ConversationDto>,
  received: ConversationDto,
  filter: ConversationFilter,
  meId: string,
): Pages<ConversationDto> {
  const rows = conversationRows(data);
  const existing = rows.find((c) => c.id === received.id);
  const incoming = keepingLabels(received, existing);
  if (existing && later(existing.updatedAt, incoming.updatedAt)) return data;

  if (filter.assignee === 'following' && !existing) return data;
  if (!matchesFilter(incoming, filter, meId)) return existing ? removeFromPages(data, (c) => c.id !== incoming.id) : data;

  // Below the last loaded row while more pages exist: the next page will bring it, in place.
  const last = rows[rows.length - 1];
  const hasMore = data.pages[data.pages.length - 1]?.nextCursor != null;
  if (!existing && hasMore && last && compareConversations(incoming, last) > 0) return data;

  // A message event may have moved the row forward already; an update about something else must
  // not move it back.
  const conversation =
    existing && later(existing.lastMessageAt, incoming.lastMessageAt)
      ? { ...incoming, lastMessageAt: existing.lastMessageAt, lastMessagePreview: existing.lastMessagePreview }
      : incoming;
  return upsertInPages(data, conversation, { id: byId });
}

export function messageCreated(data: Pages<ConversationDto>, message: MessageDto): Pages<ConversationDto> {
  if (message.private) return data;
  const existing = conversationRows(data).find((c) => c.id === message.conversationId);
  // Already reflected: the conversation update for this message arrived first.
  if (!existing || !later(message.createdAt, existing.lastMessageAt)) return data;
  const updated: ConversationDto = {
    ...existing,
    lastMessageAt: message.createdAt,
    lastMessagePreview: message.content,
    unreadCount: existing.unreadCount + (message.direction === 'inbound' ? 1 : 0),
  };
  return upsertInPages(data, updated, { id: byId });
}

/** The api does not re-send conversations when only their customer's name or email changes. */
export const customerChanged = (data: Pages<ConversationDto>, customer: CustomerDto): Pages<ConversationDto> =>
  mapPageItems(data, (c) => (c.customerId === customer.id ? withCustomer(c, customer) : c));

export const markedRead = (data: Pages<ConversationDto>, conversationId: string): Pages<ConversationDto> =>
  mapPageItems(data, (c) => (c.id === conversationId && c.unreadCount ? { ...c, unreadCount: 0 } : c));
