import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mergeActivity, useMergeActivity, type RecentMerge } from './merge-activity';
import { mergeApi } from './merge-api';
import { formatCountdown, undoSecondsLeft } from './merge-sides';
import { useNow } from './use-now';
import './merge.css';

/** Right after a merge made here: what happened, and Undo while the grace period runs. */
export function MergeUndoBanner({ customerId }: { customerId?: string }) {
  const { recent } = useMergeActivity();
  const shown = customerId
    ? recent.filter((r) => r.merge.targetCustomerId === customerId || r.merge.sourceCustomerId === customerId)
    : recent;
  const now = useNow(shown.length > 0);
  if (!shown.length) return null;
  return (
    <div className="merge-banners">
      {shown.map((entry) => (
        <UndoBanner key={entry.merge.id} entry={entry} secondsLeft={undoSecondsLeft(entry.merge, now)} />
      ))}
    </div>
  );
}

function UndoBanner({ entry, secondsLeft }: { entry: RecentMerge; secondsLeft: number }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const expired = secondsLeft <= 0;

  useEffect(() => {
    if (expired) mergeActivity.forget(entry.merge.id);
  }, [expired, entry.merge.id]);

  const undo = async () => {
    setBusy(true);
    setError(null);
    try {
      await mergeApi.undo(entry.merge.id);
      mergeActivity.undone(entry.merge.id);
    } catch (err) {
      setError(t('merge.undoFailed', { error: (err as Error).message }));
      setBusy(false);
    }
  };

  if (expired) return null;
  return (
    <div className="merge-banner" role="status" data-testid="merge-undo-banner" data-merge-id={entry.merge.id}>
      <span className="merge-banner__text">{t('merge.mergedBanner', { source: entry.sourceName, target: entry.targetName })}</span>
      <button className="button button--small" onClick={() => void undo()} disabled={busy} data-testid="merge-undo">
        {t('merge.undo', { time: formatCountdown(secondsLeft) })}
      </button>
      <button className="icon-button" onClick={() => mergeActivity.forget(entry.merge.id)} aria-label={t('common.close')}>
        ×
      </button>
      {error && <span className="form-error small">{error}</span>}
    </div>
  );
}
