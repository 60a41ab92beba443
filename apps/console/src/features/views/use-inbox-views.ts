import { useCallback, useEffect, useState } from 'react';
import type { BulkOperationDto, SavedViewDto, TeamDto } from '@parley/contracts';
import { NO_SELECTION, toggled, type BulkSelection } from './view-filter';
import { useMyTeams, useViews, type Views } from './use-views';

const VIEW_KEY = 'parley.activeView';

export interface InboxViews extends Views {
  activeViewId: string | null;
  select(viewId: string | null): void;
  teams: TeamDto[];
  /** The save/edit dialog: `{}` saves the current filters, `{view}` edits one. */
  dialog: { view?: SavedViewDto } | null;
  openDialog(dialog: { view?: SavedViewDto } | null): void;
  selection: BulkSelection;
  toggle(conversationId: string): void;
  selectAll(): void;
  clearSelection(): void;
  /** The bulk action under way (or just finished), followed by BulkProgress. */
  operation: BulkOperationDto | null;
  setOperation(operation: BulkOperationDto | null): void;
}

/** The inbox's saved views: which one is open (kept across reloads), the ticked rows, the bulk action under way. */
export function useInboxViews(meId: string): InboxViews {
  const views = useViews();
  const teams = useMyTeams(meId);
  const [activeViewId, setActiveViewId] = useState<string | null>(() => localStorage.getItem(VIEW_KEY));
  const [dialog, openDialog] = useState<{ view?: SavedViewDto } | null>(null);
  const [selection, setSelection] = useState<BulkSelection>(NO_SELECTION);
  const [operation, setOperation] = useState<BulkOperationDto | null>(null);

  const select = useCallback((viewId: string | null) => {
    setActiveViewId(viewId);
    setSelection(NO_SELECTION);
    if (viewId) localStorage.setItem(VIEW_KEY, viewId);
    else localStorage.removeItem(VIEW_KEY);
  }, []);

  // Stable, so memoised list rows do not all re-render when one is ticked.
  const toggle = useCallback((conversationId: string) => setSelection((s) => toggled(s, conversationId)), []);
  const selectAll = useCallback(() => setSelection((s) => ({ ...s, allInView: true })), []);
  const clearSelection = useCallback(() => setSelection(NO_SELECTION), []);

  // A view deleted (here or by its owner elsewhere) or no longer shared with me closes.
  const known = views.views.some((view) => view.id === activeViewId);
  useEffect(() => {
    if (activeViewId && !views.loading && !views.error && !known) select(null);
  }, [activeViewId, views.loading, views.error, known, select]);

  return {
    ...views,
    activeViewId: known ? activeViewId : null,
    select,
    teams,
    dialog,
    openDialog,
    selection,
    toggle,
    selectAll,
    clearSelection,
    operation,
    setOperation,
  };
}
