import { PRIORITIES, type ConversationDto, type ConversationStatus, type Priority } from '@parley/contracts';
import type { ConversationQuery } from '../../api/parley-api';

export const CONVERSATION_STATUSES: readonly ConversationStatus[] = ['open', 'pending', 'snoozed', 'resolved'];

/** `following`: the Mentions / Following view, conversations I collaborate on. */
export type AssigneeScope = 'mine' | 'unassigned' | 'all' | 'following';
export const ASSIGNEE_SCOPES: readonly AssigneeScope[] = ['mine', 'unassigned', 'all', 'following'];

export interface ConversationFilter {
  status: ConversationStatus;
  inboxId: string | null;
  assignee: AssigneeScope;
  /** Only conversations carrying this label; absent or null: any. */
  labelId?: string | null;
  /** Only this priority; absent or null: any. */
  priority?: Priority | null;
}

export const DEFAULT_FILTER: ConversationFilter = { status: 'open', inboxId: null, assignee: 'all', labelId: null };

/** The same rule the api applies, so live events can place a conversation without asking it. */
export function matchesFilter(conversation: ConversationDto, filter: ConversationFilter, meId: string): boolean {
  if (conversation.status !== filter.status) return false;
  if (filter.inboxId && conversation.inboxId !== filter.inboxId) return false;
  // Labels left out of an event are not known here: such a conversation waits for the next read.
  if (filter.labelId && !conversation.labels?.some((l) => l.id === filter.labelId)) return false;
  if (filter.priority && conversation.priority !== filter.priority) return false;
  if (filter.assignee === 'mine') return conversation.assigneeId === meId;
  if (filter.assignee === 'unassigned') return conversation.assigneeId === null;
  // Who follows is not in the DTO: a row already listed stays, a new one comes with the next read.
  return true;
}

export function filterToQuery(filter: ConversationFilter): ConversationQuery {
  return {
    status: filter.status,
    inboxId: filter.inboxId,
    assigneeId: filter.assignee === 'mine' ? 'me' : filter.assignee === 'unassigned' ? 'none' : null,
    label: filter.labelId ?? null,
    following: filter.assignee === 'following' ? 'me' : null,
    ...(filter.priority ? { priority: filter.priority } : {}),
  };
}

/** Reads a filter persisted by an older or tampered session, keeping only what is still valid. */
export function parseFilter(raw: string | null): ConversationFilter {
  if (!raw) return DEFAULT_FILTER;
  try {
    const value = JSON.parse(raw) as Partial<Record<keyof ConversationFilter, unknown>>;
    return {
      status: CONVERSATION_STATUSES.includes(value.status as ConversationStatus)
        ? (value.status as ConversationStatus)
        : DEFAULT_FILTER.status,
      inboxId: typeof value.inboxId === 'string' && value.inboxId ? value.inboxId : null,
      assignee: ASSIGNEE_SCOPES.includes(value.assignee as AssigneeScope)
        ? (value.assignee as AssigneeScope)
        : DEFAULT_FILTER.assignee,
      labelId: typeof value.labelId === 'string' && value.labelId ? value.labelId : null,
      ...(PRIORITIES.includes(value.priority as Priority) ? { priority: value.priority as Priority } : {}),
    };
  } catch {
    return DEFAULT_FILTER;
  }
}
