import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, type BulkAction, type BulkOperationDto, type ConversationStatus, type Priority, type UserDto } from '@parley/contracts';
import { SNOOZE_PRESETS, snoozeUntil, type SnoozePreset } from '../conversations/snooze-presets';
import { labelName } from '../labels/label-view';
import { useLabels } from '../labels/use-labels';
import { RunMacro } from '../macros/run-macro';
import type { BulkScope } from './view-filter';
import { viewsApi } from './views-api';

const STATUSES: readonly ConversationStatus[] = ['open', 'pending', 'resolved'];
const UNASSIGN = '__none__';

interface BulkBarProps {
  scope: BulkScope;
  count: number;
  /** Offered while a view is open and not all of its matches are chosen. */
  viewCount: number | null;
  users: readonly UserDto[];
  onSelectAll(): void;
  onClear(): void;
  onStarted(operation: BulkOperationDto): void;
}

/** What to do with the chosen conversations; the server does it in the background (BulkProgress follows it). */
export function BulkBar({ scope, count, viewCount, users, onSelectAll, onClear, onStarted }: BulkBarProps) {
  const { t, i18n } = useTranslation();
  const { labels } = useLabels();
  const labelOptions = labels
    .map((l): [string, string] => [l.id, labelName(l, i18n.language)])
    .sort((a, b) => a[1].localeCompare(b[1], i18n.language));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: BulkAction) => {
    setBusy(true);
    setError(null);
    try {
      onStarted(await viewsApi.bulk({ ...scope, action }));
      onClear();
    } catch (err) {
      setError(t('bulk.failedToStart', { error: (err as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  // Each menu acts on choosing, then goes back to its label.
  const menu = (testId: string, label: string, options: [string, string][], act: (value: string) => BulkAction) => (
    <select
      className="select select--compact"
      data-testid={testId}
      aria-label={label}
      value=""
      disabled={busy}
      onChange={(e) => e.target.value && void run(act(e.target.value))}
    >
      <option value="">{label}</option>
      {options.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </select>
  );

  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('bulk.title')} data-testid="bulk-bar">
      <div className="bulk-bar__row">
        <span className="bulk-bar__count" data-testid="bulk-count">{t('bulk.selected', { count })}</span>
        {viewCount !== null && viewCount > count && (
          <button className="link-button" onClick={onSelectAll} data-testid="bulk-select-all">
            {t('bulk.selectAll', { count: viewCount })}
          </button>
        )}
        <button className="link-button" onClick={onClear} data-testid="bulk-clear">
          {t('bulk.clear')}
        </button>
      </div>
      <div className="bulk-bar__row">
        {menu('bulk-status', t('bulk.status'), STATUSES.map((s) => [s, t(`status.${s}`)]), (status) => ({ type: 'status', status: status as ConversationStatus }))}
        {menu('bulk-snooze', t('bulk.snooze'), SNOOZE_PRESETS.map((p) => [p, t(`snooze.${p}`)]), (preset) => ({
          type: 'status', status: 'snoozed', snoozeUntil: snoozeUntil(preset as SnoozePreset).toISOString(),
        }))}
        {menu('bulk-priority', t('bulk.priority'), PRIORITIES.map((p) => [p, t(`priority.${p}`)]), (priority) => ({ type: 'priority', priority: priority as Priority }))}
        {menu('bulk-assign', t('bulk.assign'), [[UNASSIGN, t('bulk.unassign')], ...users.map((u): [string, string] => [u.id, u.name])], (userId) => ({
          type: 'assign', assigneeId: userId === UNASSIGN ? null : userId,
        }))}
        {labelOptions.length > 0 && menu('bulk-label', t('bulk.label'), labelOptions, (labelId) => ({ type: 'label', labelId }))}
        {labelOptions.length > 0 && menu('bulk-unlabel', t('bulk.unlabel'), labelOptions, (labelId) => ({ type: 'unlabel', labelId }))}
        <RunMacro target={scope} onBulkStarted={(operation) => { onStarted(operation); onClear(); }} />
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="bulk-error">
          {error}
        </p>
      )}
    </div>
  );
}
