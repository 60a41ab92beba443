import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, type Priority } from '@parley/contracts';
import { useSentinel } from '../../app/use-sentinel';
import {
  ASSIGNEE_SCOPES,
  CONVERSATION_STATUSES,
  type AssigneeScope,
  type ConversationFilter,
} from './conversation-filter';
import type { ConversationList } from './use-conversation-list';
import { LabelFilter } from '../labels/label-filter';
import { ConversationListItem } from './conversation-list-item';
import type { Directory } from './use-directory';

interface ConversationListPaneProps {
  filter: ConversationFilter;
  onFilterChange(filter: ConversationFilter): void;
  list: ConversationList;
  directory: Directory;
  activeId: string | null;
  onOpen(conversationId: string): void;
  /** Above the filters: the saved views. */
  header?: ReactNode;
  /** Between the filters and the list: the bulk action bar and its progress. */
  banner?: ReactNode;
  /** Rows get a checkbox for bulk actions. */
  selection?: { isSelected(conversationId: string): boolean; toggle(conversationId: string): void };
  /** A saved view is open: the filters show what a click on them returns to. */
  viewOpen?: boolean;
}

export function ConversationListPane({
  filter, onFilterChange, list, directory, activeId, onOpen, header, banner, selection, viewOpen = false,
}: ConversationListPaneProps) {
  const { t } = useTranslation();
  const sentinel = useSentinel(list.loadMore, Boolean(list.nextCursor) && !list.loading && !list.loadingMore);

  return (
    <section className="pane pane--list" aria-label={t('list.title')}>
      {header}
      <div className={`list-filters ${viewOpen ? 'list-filters--idle' : ''}`}>
        <div className="status-tabs" role="tablist" aria-label={t('list.statusFilter')}>
          {CONVERSATION_STATUSES.map((status) => (
            <button
              key={status}
              role="tab"
              aria-selected={!viewOpen && filter.status === status}
              className={`status-tab ${!viewOpen && filter.status === status ? 'is-active' : ''}`}
              data-testid={`status-tab-${status}`}
              onClick={() => onFilterChange({ ...filter, status })}
            >
              {t(`statusTab.${status}`)}
            </button>
          ))}
        </div>
        <div className="list-filters__row">
          <select
            className="select select--compact"
            data-testid="inbox-select"
            aria-label={t('list.inboxFilter')}
            value={filter.inboxId ?? ''}
            onChange={(e) => onFilterChange({ ...filter, inboxId: e.target.value || null })}
          >
            <option value="">{t('list.allInboxes')}</option>
            {directory.inboxes.map((inbox) => (
              <option key={inbox.id} value={inbox.id}>
                {inbox.name}
              </option>
            ))}
          </select>
          <LabelFilter labelId={filter.labelId ?? null} onChange={(labelId) => onFilterChange({ ...filter, labelId })} />
          <div className="segmented" role="group" aria-label={t('list.assigneeFilter')}>
            {ASSIGNEE_SCOPES.map((scope: AssigneeScope) => (
              <button
                key={scope}
                className={`segmented__option ${filter.assignee === scope ? 'is-active' : ''}`}
                aria-pressed={filter.assignee === scope}
                data-testid={`assignee-filter-${scope}`}
                onClick={() => onFilterChange({ ...filter, assignee: scope })}
              >
                {t(`list.scope.${scope}`)}
              </button>
            ))}
          </div>
        </div>
        <div className="list-filters__row">
          <select
            className="select select--compact"
            data-testid="priority-select"
            aria-label={t('list.priorityFilter')}
            value={filter.priority ?? ''}
            onChange={(e) => onFilterChange({ ...filter, priority: (e.target.value || null) as Priority | null })}
          >
            <option value="">{t('list.anyPriority')}</option>
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {t(`priority.${priority}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {banner}

      <ul className="conversation-list" data-testid="conversation-list" role="listbox" aria-label={t('list.title')}>
        {list.items.map((conversation) => (
          <ConversationListItem
            key={conversation.id}
            conversation={conversation}
            active={conversation.id === activeId}
            inboxName={directory.inboxById.get(conversation.inboxId)?.name ?? null}
            assignee={conversation.assigneeId ? (directory.userById.get(conversation.assigneeId) ?? null) : null}
            onOpen={onOpen}
            selected={selection?.isSelected(conversation.id)}
            onToggleSelect={selection?.toggle}
          />
        ))}
        {!list.loading && !list.error && list.items.length === 0 && (
          <li className="empty-state" data-testid="conversation-list-empty">
            {viewOpen ? t('views.noMatches') : t('list.empty', { status: t(`status.${filter.status}`).toLowerCase() })}
          </li>
        )}
        {list.error && (
          <li className="empty-state empty-state--error">
            {t('list.loadFailed')}{' '}
            <button className="link-button" onClick={list.reload}>
              {t('common.retry')}
            </button>
          </li>
        )}
        {(list.loading || list.loadingMore) && <li className="list-loading">{t('common.loading')}</li>}
        {list.nextCursor && !list.loading && <li ref={sentinel} className="list-sentinel" aria-hidden="true" />}
      </ul>
    </section>
  );
}
