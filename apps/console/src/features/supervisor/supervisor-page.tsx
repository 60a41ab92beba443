import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupervisorQueueDto, SupervisorQueueRow } from '@parley/contracts';
import { useAgentEvent } from '../../api/agent-socket';
import { routingApi } from '../sla/routing-api';
import { formatRemaining } from '../sla/sla-countdown-format';
import { useNow } from '../sla/sla-store';
import '../sla/sla.css';

const REFRESH_MS = 15_000;

/** The supervisor's live queue: waiting work, agents and their load, SLA risk and unhappy customers. */
export function SupervisorPage({ onOpen }: { onOpen(conversationId: string): void }) {
  const { t } = useTranslation();
  const [queue, setQueue] = useState<SupervisorQueueDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const now = useNow(1000);

  const load = useCallback(() => {
    routingApi.supervisorQueue().then(setQueue, (err: Error) => setError(err.message));
  }, []);
  // Live events arrive in bursts: one refresh per burst.
  const soon = useCallback(() => {
    pending.current ??= setTimeout(() => {
      pending.current = null;
      load();
    }, 500);
  }, [load]);

  useEffect(() => {
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  useAgentEvent('sla.updated', soon);
  useAgentEvent('presence.updated', soon);
  useAgentEvent('conversation.created', soon);
  useAgentEvent('conversation.updated', soon);

  const since = (iso: string | null) => (iso ? formatRemaining(now - Date.parse(iso)) : '—');
  const rows = (list: SupervisorQueueRow[], testId: string) => (
    <ul className="ops-list" data-testid={testId}>
      {list.length === 0 && <li className="muted">{t('supervisor.none')}</li>}
      {list.map((r) => (
        <li key={r.conversationId} onClick={() => onOpen(r.conversationId)}>
          <span className="grow">{r.customerName ?? t('customer.anonymous')}</span>
          {r.sentiment === 'negative' && <span title={t('sla.negative')}>☹</span>}
          <span className="muted small">{t(`priority.${r.priority as 'normal'}`)}</span>
          <span className={`sla-countdown sla-countdown--${r.breached ? 'breached' : 'warning'}`}>
            {r.nextDueAt ? formatRemaining(Date.parse(r.nextDueAt) - now) : t('sla.breached')}
          </span>
        </li>
      ))}
    </ul>
  );

  return (
    <main className="ops-page" data-testid="supervisor-page">
      <h1>{t('supervisor.title')}</h1>
      {error && <p className="form-error">{error}</p>}
      {queue && (
        <>
          <div className="ops-stats">
            <div className="ops-stat" data-testid="supervisor-waiting">
              <div className="ops-stat__value">{queue.waiting}</div>
              <div className="muted small">{t('supervisor.waiting')}</div>
            </div>
            <div className="ops-stat">
              <div className="ops-stat__value">{since(queue.longestWaitSince)}</div>
              <div className="muted small">{t('supervisor.longestWait')}</div>
            </div>
            <div className="ops-stat">
              <div className="ops-stat__value">{queue.agents.filter((a) => a.status === 'online').length}</div>
              <div className="muted small">{t('supervisor.online')}</div>
            </div>
            <div className="ops-stat">
              <div className="ops-stat__value">{queue.atRisk.length}</div>
              <div className="muted small">{t('supervisor.atRisk')}</div>
            </div>
            <div className="ops-stat">
              <div className="ops-stat__value">{queue.breached.length}</div>
              <div className="muted small">{t('supervisor.breached')}</div>
            </div>
          </div>
          <div className="ops-grid">
            <section className="card">
              <div className="card__header"><h2>{t('supervisor.agents')}</h2></div>
              <ul className="ops-list" data-testid="supervisor-agents">
                {queue.agents.map((a) => (
                  <li key={a.id}>
                    <span className={`presence-dot presence-dot--${a.status}`} title={t(`presence.${a.status}`)} />
                    <span className="grow">{a.name}</span>
                    <span className="load-bar" title={`${a.load}/${a.capacity}`}>
                      <span style={{ width: `${a.capacity ? Math.min(100, (a.load / a.capacity) * 100) : 100}%` }} />
                    </span>
                    <span className="muted small">{a.load}/{a.capacity}</span>
                  </li>
                ))}
              </ul>
            </section>
            <section className="card">
              <div className="card__header"><h2>{t('supervisor.teams')}</h2></div>
              <ul className="ops-list">
                {queue.teams.map((team) => (
                  <li key={team.teamId}>
                    <span className="grow">{team.name}</span>
                    <span className="muted small">{t('supervisor.waitingCount', { count: team.waiting })}</span>
                    <span className="muted small">{since(team.longestWaitSince)}</span>
                    {team.csatTargetPercent !== null && (
                      <span className="small">CSAT {team.csatPercent ?? '—'}% / {team.csatTargetPercent}%</span>
                    )}
                  </li>
                ))}
              </ul>
            </section>
            <section className="card">
              <div className="card__header"><h2>{t('supervisor.atRisk')}</h2></div>
              {rows(queue.atRisk, 'supervisor-at-risk')}
            </section>
            <section className="card">
              <div className="card__header"><h2>{t('supervisor.breached')}</h2></div>
              {rows(queue.breached, 'supervisor-breached')}
            </section>
            <section className="card">
              <div className="card__header"><h2>{t('supervisor.negative')}</h2></div>
              {rows(queue.negative, 'supervisor-negative')}
            </section>
          </div>
        </>
      )}
    </main>
  );
}
