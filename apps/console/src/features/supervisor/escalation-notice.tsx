import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaEscalationEvent } from '@parley/contracts';
import { useAgentEvent } from '../../api/agent-socket';
import '../sla/sla.css';

/** "Notify supervisors" escalation: a dismissible toast for supervisors and admins (it never moves the layout). */
export function EscalationNotice({ onOpen }: { onOpen(conversationId: string): void }) {
  const { t } = useTranslation();
  const [event, setEvent] = useState<SlaEscalationEvent | null>(null);
  useAgentEvent<SlaEscalationEvent>('sla.escalated', (e) => {
    if (e.actions.includes('notify_supervisors')) setEvent(e);
  });
  if (!event) return null;
  const metric = t(`sla.metric.${event.metric}`);
  return (
    <div className={`sla-toast sla-toast--${event.phase}`} role="status" data-testid="sla-escalation">
      <div className="sla-toast__text">
        <strong>{event.phase === 'breach' ? t('supervisor.escalatedBreach', { metric }) : t('supervisor.escalatedWarning', { metric })}</strong>
        <span className="muted small">{t('supervisor.escalated')}</span>
      </div>
      <button
        className="button button--primary button--small"
        onClick={() => {
          onOpen(event.conversationId);
          setEvent(null);
        }}
      >
        {t('supervisor.openConversation')}
      </button>
      <button className="icon-button" onClick={() => setEvent(null)} aria-label={t('common.close')} title={t('common.close')}>
        ×
      </button>
    </div>
  );
}
