import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import type { CustomerMergeDto } from '@parley/contracts';
import { queryKeys } from '../../app/query-keys';
import { useLocale } from '../../app/use-locale';
import { formatDateTime } from '../../i18n/format-date';
import { customerName } from '../customers/customer-name';
import { mergeActivity } from './merge-activity';
import { mergeApi } from './merge-api';
import { formatCountdown, undoSecondsLeft } from './merge-sides';
import { useNow } from './use-now';

const NONE: CustomerMergeDto[] = [];

/** The customer's merges, and the name of the other record of each (the history holds ids); null: no name. */
async function mergeHistory(customerId: string): Promise<{ merges: CustomerMergeDto[]; names: Record<string, string | null> }> {
  const merges = await mergeApi.history(customerId);
  const others = [...new Set(merges.map((m) => (m.targetCustomerId === customerId ? m.sourceCustomerId : m.targetCustomerId)))];
  const found = await Promise.allSettled(others.map((id) => mergeApi.customer(id)));
  const names: Record<string, string | null> = {};
  found.forEach((r) => {
    if (r.status === 'fulfilled') names[r.value.id] = customerName(r.value);
  });
  return { merges, names };
}

/** The customer's merges, newest first, with Undo on those still inside the grace period. */
export function MergeHistory({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const query = useQuery({ queryKey: queryKeys.mergeHistory(customerId), queryFn: () => mergeHistory(customerId) });
  const merges = query.data?.merges ?? NONE;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const nameOf = (id: string) => {
    const name = query.data?.names[id];
    return name === undefined ? t('merge.unknownCustomer') : (name ?? t('customer.anonymous'));
  };

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
          const values = { name: nameOf(other), actor: merge.actorName, date: formatDateTime(merge.mergedAt, locale) };
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
