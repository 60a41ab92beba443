import { useCallback, useEffect, useState } from 'react';
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
  useAgentEvent('sla.updated', load);

  return (
    <main className="ops-page" data-testid="sla-risk-page">
      <h1>{t('sla.myRisk')}</h1>
      <div className="segmented" role="group">
        <button className={`segmented__option ${atRisk ? 'is-active' : ''}`} onClick={() => setAtRisk(true)} data-testid="sla-at-risk">
          {t('sla.atRiskOnly')}
        </button>
        <button className={`segmented__option ${!atRisk ? 'is-active' : ''}`} onClick={() => setAtRisk(false)} data-testid="sla-by-due">
          {t('sla.allByDue')}
        </button>
      </div>
      {error && <p className="form-error">{error}</p>}
      {items && items.length === 0 && <p className="muted">{t('sla.nothingAtRisk')}</p>}
      <ul className="ops-list">
        {items?.map(({ conversation, sla }) => (
          <li key={conversation.id} onClick={() => onOpen(conversation.id)} data-testid="sla-row">
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
