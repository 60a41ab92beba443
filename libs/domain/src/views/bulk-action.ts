import { CONVERSATION_STATUSES, type ConversationStatus } from '../conversation-rules';
import { isId } from '../ids';
import type { Priority } from '../routing/routing-strategy';
import { PRIORITIES_FOR_VIEWS, type Validated } from './view-filters';

/** One change applied to every selected conversation. */
export type BulkAction =
  | { type: 'assign'; assigneeId: string | null }
  | { type: 'team'; teamId: string | null }
  | { type: 'status'; status: ConversationStatus; snoozeUntil?: string }
  | { type: 'priority'; priority: Priority }
  | { type: 'label' | 'unlabel'; labelId: string }
  /** A macro's run on each conversation, or its undo (started by the macros capability, never by a request body). */
  | { type: 'macro'; runId: string; undo?: boolean };

/** What a conversation looks like to the idempotency check. */
export interface BulkTarget {
  status: string;
  assigneeId: string | null;
  teamId: string | null;
  priority: string;
  snoozedUntil: Date | null;
  labelIds?: readonly string[];
}

export const MAX_BULK_IDS = 1000;
export type BulkOperationState = 'queued' | 'running' | 'done' | 'failed';
/** The first errors kept on the operation; the count says how many there were. */
export const MAX_BULK_ERRORS = 20;

/** JSON from the API → a BulkAction, or why not. */
export function validateBulkAction(raw: unknown, now: Date = new Date()): Validated<BulkAction> {
  const a = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  if (!a) return fail('action must be an object');
  switch (a.type) {
    case 'assign':
      return a.assigneeId === null || isId(a.assigneeId) ? ok({ type: 'assign', assigneeId: a.assigneeId as string | null }) : fail('action.assigneeId must be an id or null');
    case 'team':
      return a.teamId === null || isId(a.teamId) ? ok({ type: 'team', teamId: a.teamId as string | null }) : fail('action.teamId must be an id or null');
    case 'priority':
      return PRIORITIES_FOR_VIEWS.includes(a.priority as Priority)
        ? ok({ type: 'priority', priority: a.priority as Priority })
        : fail(`action.priority must be one of ${PRIORITIES_FOR_VIEWS.join(', ')}`);
    case 'label':
    case 'unlabel':
      return isId(a.labelId) ? ok({ type: a.type, labelId: a.labelId }) : fail('action.labelId must be an id');
    case 'status': {
      if (!CONVERSATION_STATUSES.includes(a.status as ConversationStatus)) return fail(`action.status must be one of ${CONVERSATION_STATUSES.join(', ')}`);
      if (a.status !== 'snoozed') return ok({ type: 'status', status: a.status as ConversationStatus });
      const until = typeof a.snoozeUntil === 'string' ? new Date(a.snoozeUntil) : null;
      if (!until || Number.isNaN(until.getTime()) || until <= now) return fail('action.snoozeUntil must be a future ISO 8601 date when snoozing');
      return ok({ type: 'status', status: 'snoozed', snoozeUntil: until.toISOString() });
    }
    default:
      return fail('action.type must be one of assign, team, status, priority, label, unlabel');
  }
}

/**
 * Whether the action still has something to change: a retried job skips the conversations it
 * already changed (each change writes a timeline event, which must not be written twice).
 */
export function bulkActionChanges(action: BulkAction, c: BulkTarget): boolean {
  switch (action.type) {
    case 'assign': return c.assigneeId !== action.assigneeId;
    case 'team': return c.teamId !== action.teamId;
    case 'priority': return c.priority !== action.priority;
    case 'label': return !(c.labelIds ?? []).includes(action.labelId);
    case 'unlabel': return (c.labelIds ?? []).includes(action.labelId);
    // The macro's own record of each conversation says whether it ran there already.
    case 'macro': return true;
    case 'status':
      return c.status !== action.status
        || (action.status === 'snoozed' && c.snoozedUntil?.toISOString() !== action.snoozeUntil);
  }
}

/** A finished operation is `failed` only when nothing could be applied; partial failures are `done` with failed > 0. */
export function finalBulkState(total: number, failed: number): 'done' | 'failed' {
  return total > 0 && failed === total ? 'failed' : 'done';
}

const ok = (action: BulkAction): Validated<BulkAction> => ({ ok: true, filter: action });
const fail = (message: string): Validated<BulkAction> => ({ ok: false, errors: [message] });
