import { useTranslation } from 'react-i18next';
import { SURVEY_AGENT_EVENTS, type SurveyRecoveryDto } from '@parley/contracts';
import { useAgentEvent } from '../../api/agent-socket';
import { customerLabel } from '../../app/toasts/conversation-label';
import { showToast } from '../../app/toasts/toast-store';

/** Long enough to read the comment; the follow-up task stays in Surveys → Report. */
const SHOWN_MS = 15_000;

/** A detractor's score, live for supervisors: a toast per low score that names and opens the conversation. */
export function DetractorNotice() {
  const { t } = useTranslation();
  useAgentEvent<SurveyRecoveryDto>(SURVEY_AGENT_EVENTS.detractor, (r) => {
    showToast({
      key: `survey:${r.surveyId}`,
      tone: 'danger',
      title: t('surveys.detractorAlert', { type: r.type.toUpperCase(), score: r.score, name: customerLabel({ name: r.customerName, email: null, phone: null }, r.customerId, t) }),
      detail: r.comment ? `“${r.comment}”` : t('surveys.detractorHint'),
      conversationId: r.conversationId,
      durationMs: SHOWN_MS,
      testId: 'detractor-alert',
      openTestId: 'detractor-open',
    });
  });
  return null;
}
