import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgentEvent } from '../../api/agent-socket';
import { customerName } from '../customers/customer-name';
import { routingApi, type DueItem } from './routing-api';
import { SlaCountdown } from './sla-countdown';
import { putSlaState } from './sla-store';

/** "My SLA at risk": the agent's conversations by due time, soonest first; or all of them by due time. */
export function SlaRiskPage({ onOpen }: { onOpen(conversationId: string): void }) {
  const { t } = useTranslation();
  const [atRisk, setAtRisk] = useState(true);
  const [items, setItems] = useState<DueItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    routingApi
      .dueQueue({ assigneeId: 'me', atRisk, limit: 100 })
      .then((res) => {
        res.items.forEach((i) => putSlaState(i.sla));
        setItems(res.items);
        setError(null);
      })
      .catch((err: Error) => setError(err.message));
  }, [atRisk]);

  useEffect(load, [load]);
  // Timer updates arrive in bursts: one reload per burst.
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(load);
  latest.current = load;
  const soon = useCallback(() => {
    pending.current ??= setTimeout(() => {
      pending.current = null;
      latest.current();
    }, 300);
  }, []);
  useEffect(() => () => clearTimeout(pending.current ?? undefined), []);
  useAgentEvent('sla.updated', soon);
  useAgentEvent('conversation.updated', soon);

  return (
    <main className="ops-page" data-testid="sla-risk-page">
      <h1>{t('sla.myRisk')}</h1>
      <p className="ops-page__lead muted">{atRisk ? t('sla.leadAtRisk') : t('sla.leadAll')}</p>
      <div className="segmented" role="group" aria-label={t('sla.myRisk')}>
        <button className={`segmented__option ${atRisk ? 'is-active' : ''}`} onClick={() => setAtRisk(true)} data-testid="sla-at-risk">
          {t('sla.atRiskOnly')}
        </button>
        <button className={`segmented__option ${!atRisk ? 'is-active' : ''}`} onClick={() => setAtRisk(false)} data-testid="sla-by-due">
          {t('sla.allByDue')}
        </button>
      </div>
      {error && <p className="form-error">{error}</p>}
      {!items && !error && <p className="muted">{t('common.loading')}</p>}
      {items && items.length === 0 && (
        <p className="ops-empty muted" data-testid="sla-empty">{atRisk ? t('sla.nothingAtRisk') : t('sla.nothingAssigned')}</p>
      )}
      <ul className="ops-list ops-list--rows">
        {items?.map(({ conversation, sla }) => (
          <li key={conversation.id} onClick={() => onOpen(conversation.id)} data-testid="sla-row" title={t('supervisor.openConversation')}>
            <SlaCountdown conversationId={conversation.id} state={sla} />
            <span className="grow">
              <strong>{customerName(conversation.customer) ?? t('customer.anonymous')}</strong> — {conversation.lastMessagePreview ?? ''}
            </span>
            <span className="muted small">{t(`priority.${conversation.priority}`)}</span>
          </li>
        ))}
      </ul>
    </main>
  );
}
