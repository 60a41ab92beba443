import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { BulkOperationDto } from '@parley/contracts';
import { queryKeys } from '../../app/query-keys';
import { viewsApi } from './views-api';

/** Should a `bulk.progress` event be lost (a reconnect), the bar still moves. */
const FALLBACK_POLL_MS = 5000;

interface BulkProgressProps {
  operation: BulkOperationDto;
  onDismiss(): void;
}

/** A bulk action's progress, fed by `bulk.progress` (app/live-cache.ts); says how many failed, and why. */
export function BulkProgress({ operation: started, onDismiss }: BulkProgressProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { data } = useQuery({
    queryKey: queryKeys.bulkOperation(started.id),
    queryFn: () => viewsApi.bulkOperation(started.id),
    initialData: started,
    refetchInterval: (query) => (isFinished(query.state.data) ? false : FALLBACK_POLL_MS),
  });
  const op = data ?? started;
  const finished = isFinished(op);
  useEffect(() => {
    if (finished) void client.invalidateQueries({ queryKey: queryKeys.views });
  }, [finished, client]);
  const handled = op.done + op.failed;
  const percent = op.total ? Math.round((handled / op.total) * 100) : finished ? 100 : 0;
  const tone = op.state === 'failed' || op.failed > 0 ? 'bulk-progress--warning' : finished ? 'bulk-progress--done' : '';

  return (
    <div className={`bulk-progress ${tone}`} role="status" aria-live="polite" data-testid="bulk-progress" data-state={op.state}>
      <div className="bulk-progress__row">
        <span data-testid="bulk-progress-text">
          {finished
            ? t(op.failed ? 'bulk.finishedWithFailures' : 'bulk.finished', { done: op.done, failed: op.failed, total: op.total })
            : t('bulk.running', { handled, total: op.total })}
        </span>
        {finished && (
          <button className="icon-button icon-button--small" onClick={onDismiss} aria-label={t('common.close')} data-testid="bulk-progress-dismiss">
            ×
          </button>
        )}
      </div>
      <div className="bulk-progress__track" aria-hidden="true">
        <div className="bulk-progress__fill" style={{ width: `${percent}%` }} />
      </div>
      {op.errors.length > 0 && (
        <ul className="bulk-progress__errors" data-testid="bulk-progress-errors">
          {op.errors.slice(0, 3).map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

const isFinished = (op: BulkOperationDto | undefined) => op?.state === 'done' || op?.state === 'failed';
