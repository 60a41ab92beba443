import { useTranslation } from 'react-i18next';
import type { SlaEscalationEvent } from '@parley/contracts';
import { useAgentEvent } from '../../api/agent-socket';
import { showToast } from '../../app/toasts/toast-store';

/** A breach stays longer than a warning, but both close on their own: the Queue keeps the full list. */
const WARNING_MS = 10_000;
const BREACH_MS = 20_000;

/** "Notify supervisors" escalations become toasts naming the conversation (rendered by the shell's ToastHost). */
export function EscalationNotice() {
  const { t } = useTranslation();
  useAgentEvent<SlaEscalationEvent>('sla.escalated', (e) => {
    if (!e.actions.includes('notify_supervisors')) return;
    const metric = t(`sla.metric.${e.metric}`);
    const breach = e.phase === 'breach';
    showToast({
      key: `sla:${e.conversationId}`,
      tone: breach ? 'danger' : 'warning',
      title: breach ? t('supervisor.escalatedBreach', { metric }) : t('supervisor.escalatedWarning', { metric }),
      detail: t('supervisor.escalated'),
      conversationId: e.conversationId,
      durationMs: breach ? BREACH_MS : WARNING_MS,
      testId: 'sla-escalation',
    });
  });
  return null;
}
