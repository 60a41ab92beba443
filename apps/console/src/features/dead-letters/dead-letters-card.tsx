import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { deadLetterReplayed } from '../../app/live-cache';
import { queryKeys } from '../../app/query-keys';
import { formatDateTime } from '../../i18n/format-date';
import { deadLetterSummary } from './dead-letter-summary';
import { deadLettersApi } from './dead-letters-api';
import './dead-letters.css';

/** Settings card: jobs that failed for good, each with its reason and a Replay button. */
export function DeadLettersCard() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: queryKeys.deadLetters, queryFn: () => deadLettersApi.list() });
  const items = query.data ?? null;
  const [replayError, setError] = useState<string | null>(null);
  const error = replayError ?? query.error?.message ?? null;
  const [replaying, setReplaying] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const load = () => {
    setError(null);
    void query.refetch();
  };

  const replay = async (id: string) => {
    setReplaying(id);
    setError(null);
    try {
      const replayed = await deadLettersApi.replay(id);
      deadLetterReplayed(queryClient, replayed);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setReplaying(null);
    }
  };

  return (
    <section className="card dead-letters" data-testid="admin-dead-letters">
      <div className="card__header">
        <h2>{t('deadLetters.title')}</h2>
        <button className="button button--small" onClick={load} data-testid="dead-letters-refresh">
          {t('deadLetters.refresh')}
        </button>
      </div>
      <p className="muted">{t('deadLetters.hint')}</p>
      {error && <p className="form-error">{error}</p>}
      {!items && !error && <p className="muted">{t('common.loading')}</p>}
      {items?.length === 0 && <p className="muted" data-testid="dead-letters-empty">{t('deadLetters.empty')}</p>}
      {!!items?.length && (
        <table className="table">
          <thead>
            <tr>
              <th>{t('deadLetters.failedAt')}</th>
              <th>{t('deadLetters.job')}</th>
              <th>{t('deadLetters.error')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id} data-testid="dead-letter-row">
                <td className="dead-letters__when">{formatDateTime(d.failedAt, i18n.language)}</td>
                <td>
                  <button className="dead-letters__job" onClick={() => setOpen((o) => (o === d.id ? null : d.id))} aria-expanded={open === d.id}>
                    <code>{d.queue} / {d.name}</code>
                  </button>
                  <div className="muted dead-letters__summary">{deadLetterSummary(d)}</div>
                  {open === d.id && <pre className="dead-letters__data">{JSON.stringify(d.data, null, 2)}</pre>}
                </td>
                <td>
                  <div className="dead-letters__error">{d.error}</div>
                  <div className="muted">{t('deadLetters.attempts', { count: d.attempts })}</div>
                </td>
                <td>
                  {d.replayedAt ? (
                    <span className="muted" data-testid="dead-letter-replayed">{t('deadLetters.replayedAt', { when: formatDateTime(d.replayedAt, i18n.language) })}</span>
                  ) : (
                    <button className="button button--primary button--small" disabled={replaying === d.id} onClick={() => void replay(d.id)} data-testid="dead-letter-replay">
                      {t('deadLetters.replay')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
