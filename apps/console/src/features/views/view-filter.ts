import type { ConversationViewFilter } from '@parley/contracts';
import type { ConversationFilter } from '../conversations/conversation-filter';

/** The list's current filters as a saved view keeps them: "mine" stays "whoever opens the view". */
export function viewFilterOf(filter: ConversationFilter): ConversationViewFilter {
  return {
    status: filter.status,
    ...(filter.inboxId ? { inboxId: filter.inboxId } : {}),
    ...(filter.priority ? { priority: filter.priority } : {}),
    ...(filter.labelId ? { labelIds: [filter.labelId] } : {}),
    ...(filter.assignee === 'mine' ? { assigneeId: 'me' } : filter.assignee === 'unassigned' ? { unassigned: true } : {}),
  };
}

/** What a bulk action over the chosen rows sends: the whole view, or the rows picked. */
export type BulkScope = { viewId: string } | { conversationIds: string[] };

export interface BulkSelection {
  /** Rows ticked one by one. */
  ids: ReadonlySet<string>;
  /** "Select all N in this view": every match, including rows not loaded yet. */
  allInView: boolean;
}

export const NO_SELECTION: BulkSelection = { ids: new Set(), allInView: false };

export function toggled(selection: BulkSelection, conversationId: string): BulkSelection {
  const ids = new Set(selection.ids);
  if (ids.has(conversationId)) ids.delete(conversationId);
  else ids.add(conversationId);
  return { ids, allInView: false };
}

export function bulkScope(selection: BulkSelection, viewId: string | null): BulkScope | null {
  if (selection.allInView && viewId) return { viewId };
  return selection.ids.size ? { conversationIds: [...selection.ids] } : null;
}

/** How many conversations the action will touch, as the bar says it. */
export function selectedCount(selection: BulkSelection, viewCount: number | undefined): number {
  return selection.allInView ? (viewCount ?? 0) : selection.ids.size;
}
