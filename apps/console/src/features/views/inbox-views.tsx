import type { UserDto } from '@parley/contracts';
import type { ConversationFilter } from '../conversations/conversation-filter';
import { BulkBar } from './bulk-bar';
import { BulkProgress } from './bulk-progress';
import { SaveViewDialog } from './save-view-dialog';
import type { InboxViews } from './use-inbox-views';
import { bulkScope, selectedCount, viewFilterOf } from './view-filter';
import { ViewsSection } from './views-section';
import './views.css';

/** The views section at the top of the conversation sidebar, with its save and edit dialog. */
export function InboxViewsHeader({ views, filter }: { views: InboxViews; filter: ConversationFilter }) {
  const editing = views.dialog?.view;
  return (
    <>
      <ViewsSection
        views={views.views}
        counts={views.counts}
        error={views.error}
        activeViewId={views.activeViewId}
        onSelect={views.select}
        onSaveCurrent={() => views.openDialog({})}
        onEdit={(view) => views.openDialog({ view })}
      />
      {views.dialog && (
        <SaveViewDialog
          view={editing}
          teams={views.teams}
          onClose={() => views.openDialog(null)}
          onSave={async (name, teamId) => {
            if (editing) await views.update(editing.id, { name, teamId });
            else views.select((await views.create({ kind: 'conversations', name, filters: viewFilterOf(filter), teamId })).id);
          }}
          onDelete={editing ? () => views.remove(editing.id) : undefined}
        />
      )}
    </>
  );
}

/** The bulk action bar over the ticked rows, then the progress of what it started. */
export function InboxBulkArea({ views, users }: { views: InboxViews; users: readonly UserDto[] }) {
  const viewCount = views.activeViewId ? (views.counts[views.activeViewId] ?? null) : null;
  const scope = bulkScope(views.selection, views.activeViewId);
  return (
    <>
      {views.operation && <BulkProgress key={views.operation.id} operation={views.operation} onDismiss={() => views.setOperation(null)} />}
      {scope && (
        <BulkBar
          scope={scope}
          count={selectedCount(views.selection, viewCount ?? undefined)}
          viewCount={views.selection.allInView ? null : viewCount}
          users={users}
          onSelectAll={views.selectAll}
          onClear={views.clearSelection}
          onStarted={views.setOperation}
        />
      )}
    </>
  );
}
