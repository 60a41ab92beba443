// Saved views and bulk actions on conversations (issue 16): the REST DTOs and the `/agents` event.
import type { Channel, ConversationStatus } from './index';
import type { Priority, Sentiment } from './routing-sla';

export type ViewKind = 'conversations' | 'customers';
export type SlaState = 'running' | 'breached' | 'met' | 'none';

export interface ScoreRange {
  min?: number;
  max?: number;
}

/** Every condition present must hold. `assigneeId: "me"` means whoever opens the view. */
export interface ConversationViewFilter {
  status?: ConversationStatus;
  labelIds?: string[];
  teamId?: string;
  channel?: Channel;
  inboxId?: string;
  priority?: Priority;
  slaState?: SlaState;
  sentiment?: Sentiment;
  csat?: ScoreRange;
  unassigned?: boolean;
  assigneeId?: string;
  waitingLongerThanMinutes?: number;
}

export interface CustomerViewFilter {
  tag?: string;
  attribute?: { key: string; value: string };
  channel?: Channel;
  lastContactBefore?: string;
  lastContactAfter?: string;
  lastScore?: ScoreRange;
}

export interface SavedViewDto {
  id: string;
  kind: ViewKind;
  name: string;
  filters: ConversationViewFilter | CustomerViewFilter;
  ownerId: string;
  /** Shared with this team; null = personal. */
  teamId: string | null;
  position: number;
  /** Whether the requester may change or delete it (its owner, or an admin). */
  editable: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewSavedView {
  kind: ViewKind;
  name: string;
  filters: ConversationViewFilter | CustomerViewFilter;
  teamId?: string | null;
}

export type SavedViewChanges = Partial<Pick<SavedViewDto, 'name' | 'filters' | 'teamId' | 'position'>>;

/** `GET /api/views/counts`: matches per view id. */
export type ViewCounts = Record<string, number>;

export type BulkAction =
  | { type: 'assign'; assigneeId: string | null }
  | { type: 'team'; teamId: string | null }
  | { type: 'status'; status: ConversationStatus; snoozeUntil?: string }
  | { type: 'priority'; priority: Priority }
  | { type: 'label' | 'unlabel'; labelId: string }
  /** A macro's run (libs/macros) on each conversation, or its undo; started by POST /api/macros/:id/run, not here. */
  | { type: 'macro'; runId: string; undo?: boolean };

/** `POST /api/conversations/bulk`: one selection (ids, a view, or a filter) and the action. */
export type BulkRequest = ({ conversationIds: string[] } | { viewId: string } | { filter: ConversationViewFilter }) & { action: BulkAction };

export type BulkOperationState = 'queued' | 'running' | 'done' | 'failed';

export interface BulkOperationDto {
  id: string;
  state: BulkOperationState;
  action: BulkAction;
  total: number;
  done: number;
  failed: number;
  /** The first 20 failures, `<conversation id>: <reason>`. */
  errors: string[];
  requestedBy: string;
  createdAt: string;
  finishedAt: string | null;
}

/** `/agents` events of this feature; `bulk.progress` goes to the requesting agent only. */
export const VIEW_EVENTS = {
  bulkProgress: 'bulk.progress',
} as const;
