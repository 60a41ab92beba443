import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SupervisorQueueRow } from '@parley/contracts';
import { queryKeys } from '../../app/query-keys';
import { routingApi } from '../sla/routing-api';
import { useDueText, useFormatDuration, useNow } from '../sla/sla-store';
import { WaitingByTeam } from './supervisor-waiting';
import '../sla/sla.css';

const REFRESH_MS = 15_000;

/** The supervisor's live queue: waiting work, agents and their load, SLA risk and unhappy customers. */
export function SupervisorPage({ onOpen }: { onOpen(conversationId: string): void }) {
  const { t } = useTranslation();
  // Re-read every 15 s, and once per burst of live events (app/live-cache.ts).
  const query = useQuery({ queryKey: queryKeys.supervisorQueue, queryFn: () => routingApi.supervisorQueue(), refetchInterval: REFRESH_MS });
  const queue = query.data ?? null;
  const error = query.error?.message ?? null;
  const now = useNow(1000);
  const format = useFormatDuration();
  const dueText = useDueText();

  const since = (iso: string | null) => (iso ? format(Math.max(0, now - Date.parse(iso))) : '—');
  const teamName = (id: string | null) => (id && queue?.teams.find((x) => x.teamId === id)?.name) || null;
  // At-risk rows are amber, breached ones red; elsewhere the clock's own state decides.
  const rows = (list: SupervisorQueueRow[], testId: string, kind: 'atRisk' | 'breached' | 'negative') => (
    <ul className="ops-list" data-testid={testId}>
      {list.length === 0 && <li className="ops-list__empty muted">{t(`supervisor.empty.${kind}`)}</li>}
      {list.map((r) => {
        const overdue = r.breached || (r.nextDueAt !== null && Date.parse(r.nextDueAt) <= now);
        const tone = overdue ? 'breached' : kind === 'atRisk' ? 'warning' : r.nextDueAt ? 'ok' : 'paused';
        // A missed deadline shows how overdue it is; otherwise the next deadline counts down.
        const dueAt = r.breached && r.missedDueAt ? r.missedDueAt : r.nextDueAt;
        return (
          <li key={r.conversationId} onClick={() => onOpen(r.conversationId)} data-testid="supervisor-row" title={t('supervisor.openConversation')}>
            <span className="grow">
              {r.customerName ?? t('customer.anonymous')}
              {teamName(r.teamId) && <span className="muted small"> · {teamName(r.teamId)}</span>}
              {!r.assigneeId && <span className="muted small"> · {t('list.unassigned')}</span>}
            </span>
            {r.sentiment === 'negative' && <span title={t('sla.negative')} aria-label={t('sla.negative')}>☹</span>}
            <span className="muted small">{t(`priority.${r.priority}`)}</span>
            <span className={`sla-countdown sla-countdown--${tone}`} data-tone={tone}>
              {dueAt ? dueText(Date.parse(dueAt), now) : overdue ? t('sla.breached') : t('sla.paused')}
            </span>
          </li>
        );
      })}
    </ul>
  );

  return (
    <main className="ops-page" data-testid="supervisor-page">
      <h1>{t('supervisor.title')}</h1>
      <p className="ops-page__lead muted">{t('supervisor.lead')}</p>
      {error && <p className="form-error">{error}</p>}
      {!queue && !error && <p className="muted">{t('common.loading')}</p>}
      {queue && (
        <>
          <div className="ops-stats">
            <div className="ops-stat" data-testid="supervisor-waiting">
              <div className="ops-stat__value">{queue.waiting}</div>
              <div className="muted small">{t('supervisor.waiting')}</div>
            </div>
            <div className="ops-stat" data-testid="supervisor-longest-wait">
              <div className="ops-stat__value">{since(queue.longestWaitSince)}</div>
              <div className="muted small">{t('supervisor.longestWait')}</div>
            </div>
            <div className="ops-stat" data-testid="supervisor-online">
              <div className="ops-stat__value">{queue.agents.filter((a) => a.status === 'online').length}</div>
              <div className="muted small">{t('supervisor.online')}</div>
            </div>
            <div className="ops-stat ops-stat--warning" data-testid="supervisor-at-risk-count">
              <div className="ops-stat__value">{queue.atRisk.length}</div>
              <div className="muted small">{t('supervisor.atRisk')}</div>
            </div>
            <div className="ops-stat ops-stat--breached" data-testid="supervisor-breached-count">
              <div className="ops-stat__value">{queue.breached.length}</div>
              <div className="muted small">{t('supervisor.breached')}</div>
            </div>
          </div>
          <div className="ops-grid">
            <section className="card">
              <div className="card__header"><h2>{t('supervisor.agents')}</h2></div>
              <ul className="ops-list ops-list--static" data-testid="supervisor-agents">
                {queue.agents.map((a) => (
                  <li key={a.id} data-testid="supervisor-agent" data-status={a.status}>
                    <span className={`presence-dot presence-dot--${a.status}`} aria-hidden="true" />
                    <span className="grow">
                      {a.name} <span className="muted small">· {t(`presence.${a.status}`)}</span>
                    </span>
                    <span className="load-bar" title={t('supervisor.load', { load: a.load, capacity: a.capacity })}>
                      <span style={{ width: `${a.capacity ? Math.min(100, (a.load / a.capacity) * 100) : 100}%` }} />
                    </span>
                    <span className="muted small">{a.load}/{a.capacity}</span>
                  </li>
                ))}
              </ul>
            </section>
            <section className="card">
              <div className="card__header"><h2>{t('supervisor.teams')}</h2></div>
              <WaitingByTeam queue={queue} now={now} onOpen={onOpen} />
            </section>
            <section className="card">
              <div className="card__header"><h2>{t('supervisor.atRisk')}</h2></div>
              {rows(queue.atRisk, 'supervisor-at-risk', 'atRisk')}
            </section>
            <section className="card">
              <div className="card__header"><h2>{t('supervisor.breached')}</h2></div>
              {rows(queue.breached, 'supervisor-breached', 'breached')}
            </section>
            <section className="card">
              <div className="card__header"><h2>{t('supervisor.negative')}</h2></div>
              {rows(queue.negative, 'supervisor-negative', 'negative')}
            </section>
          </div>
        </>
      )}
    </main>
  );
}
