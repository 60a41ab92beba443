import { useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { slaReceived } from '../../app/live-cache';
import { queryKeys } from '../../app/query-keys';
import { customerName } from '../customers/customer-name';
import { routingApi } from './routing-api';
import { SlaCountdown } from './sla-countdown';

/** "My SLA at risk": the agent's conversations by due time, soonest first; or all of them by due time. */
export function SlaRiskPage({ onOpen }: { onOpen(conversationId: string): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [atRisk, setAtRisk] = useState(true);
  // Re-read once per burst of timer and conversation updates (app/live-cache.ts).
  const query = useQuery({
    queryKey: queryKeys.slaDueList(atRisk),
    queryFn: async () => {
      const res = await routingApi.dueQueue({ assigneeId: 'me', atRisk, limit: 100 });
      res.items.forEach((i) => slaReceived(queryClient, i.sla));
      return res.items;
    },
    placeholderData: keepPreviousData,
  });
  const items = query.data ?? null;
  const error = query.error?.message ?? null;

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
