import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SURVEY_AGENT_EVENTS, type SurveyRecoveryDto } from '@parley/contracts';
import { useAgentEvent } from '../../api/agent-socket';
import './surveys.css';

const SHOWN = 3;

/** A detractor's score, live for supervisors: a toast per low score (latest on top) that opens the conversation. */
export function DetractorNotice({ onOpen }: { onOpen(conversationId: string): void }) {
  const { t } = useTranslation();
  const [alerts, setAlerts] = useState<SurveyRecoveryDto[]>([]);
  useAgentEvent<SurveyRecoveryDto>(SURVEY_AGENT_EVENTS.detractor, (r) => {
    setAlerts((list) => [r, ...list.filter((x) => x.surveyId !== r.surveyId)].slice(0, SHOWN));
  });
  if (!alerts.length) return null;
  const dismiss = (surveyId: string) => setAlerts((list) => list.filter((x) => x.surveyId !== surveyId));
  return (
    <div className="survey-toasts">
      {alerts.map((r) => (
        <div className="survey-toast" role="status" data-testid="detractor-alert" key={r.surveyId}>
          <div className="survey-toast__text">
            <strong>{t('surveys.detractorAlert', { type: r.type.toUpperCase(), score: r.score, name: r.customerName ?? t('surveys.customer') })}</strong>
            <span className="muted small">{r.comment ? `“${r.comment}”` : t('surveys.detractorHint')}</span>
          </div>
          <button
            className="button button--primary button--small"
            onClick={() => {
              onOpen(r.conversationId);
              dismiss(r.surveyId);
            }}
            data-testid="detractor-open"
          >
            {t('supervisor.openConversation')}
          </button>
          <button className="icon-button" onClick={() => dismiss(r.surveyId)} aria-label={t('common.close')} title={t('common.close')}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
