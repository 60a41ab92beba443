import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerMergeDto } from '@parley/contracts';
import { useLocale } from '../../app/use-locale';
import { formatDateTime } from '../../i18n/format-date';
import { customerName } from '../customers/customer-name';
import { mergeActivity, useMergeReload } from './merge-activity';
import { mergeApi } from './merge-api';
import { formatCountdown, undoSecondsLeft } from './merge-sides';
import { useNow } from './use-now';

/** The customer's merges, newest first, with Undo on those still inside the grace period. */
export function MergeHistory({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const reload = useMergeReload(customerId);
  const [merges, setMerges] = useState<CustomerMergeDto[]>([]);
  const [names, setNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    mergeApi
      .history(customerId)
      .then(async (list) => {
        if (cancelled) return;
        setMerges(list);
        // The history holds ids; the other record of each merge is named for the agent.
        const others = [...new Set(list.map((m) => (m.targetCustomerId === customerId ? m.sourceCustomerId : m.targetCustomerId)))];
        const found = await Promise.allSettled(others.map((id) => mergeApi.customer(id)));
        if (cancelled) return;
        const next: Record<string, string> = {};
        found.forEach((r) => {
          if (r.status === 'fulfilled') next[r.value.id] = customerName(r.value) ?? t('customer.anonymous');
        });
        setNames(next);
      })
      .catch(() => !cancelled && setMerges([]));
    return () => {
      cancelled = true;
    };
  }, [customerId, reload, t]);

  const now = useNow(merges.some((m) => undoSecondsLeft(m, Date.now()) > 0));
  if (!merges.length) return null;

  const undo = async (merge: CustomerMergeDto) => {
    setBusy(merge.id);
    setError(null);
    try {
      await mergeApi.undo(merge.id);
      mergeActivity.undone(merge.id);
    } catch (err) {
      setError(t('merge.undoFailed', { error: (err as Error).message }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel-section" data-testid="merge-history">
      <h3 className="panel-section__title">{t('merge.historyTitle')}</h3>
      <ul className="merge-history">
        {merges.map((merge) => {
          const mergedIn = merge.targetCustomerId === customerId;
          const other = mergedIn ? merge.sourceCustomerId : merge.targetCustomerId;
          const values = { name: names[other] ?? t('merge.unknownCustomer'), actor: merge.actorName, date: formatDateTime(merge.mergedAt, locale) };
          const left = undoSecondsLeft(merge, now);
          return (
            <li key={merge.id} className="merge-history__item" data-testid="merge-history-item" data-merge-id={merge.id}>
              <span>{t(mergedIn ? 'merge.historyMergedIn' : 'merge.historyMergedInto', values)}</span>
              {merge.undoneAt && <span className="muted small">{t('merge.historyUndone', { date: formatDateTime(merge.undoneAt, locale) })}</span>}
              {left > 0 && (
                <button className="button button--small" onClick={() => void undo(merge)} disabled={busy === merge.id} data-testid="merge-history-undo">
                  {t('merge.undo', { time: formatCountdown(left) })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {error && <p className="form-error small">{error}</p>}
    </section>
  );
}
