import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SlaEscalationEvent } from '@parley/contracts';
import { useAgentEvent } from '../../api/agent-socket';

/** "Notify supervisors" escalation: a dismissible notice for supervisors and admins. */
export function EscalationNotice({ onOpen }: { onOpen(conversationId: string): void }) {
  const { t } = useTranslation();
  const [event, setEvent] = useState<SlaEscalationEvent | null>(null);
  useAgentEvent<SlaEscalationEvent>('sla.escalated', (e) => {
    if (e.actions.includes('notify_supervisors')) setEvent(e);
  });
  if (!event) return null;
  return (
    <div className="notice" role="status" data-testid="sla-escalation" style={{ margin: '6px 16px', cursor: 'pointer' }} onClick={() => { onOpen(event.conversationId); setEvent(null); }}>
      {t('supervisor.escalated')} ({t(`teams.${event.metric === 'first_response' ? 'firstResponse' : event.metric === 'next_response' ? 'nextResponse' : 'resolution'}`)})
      <button className="link-button" onClick={(e) => { e.stopPropagation(); setEvent(null); }} aria-label={t('common.cancel')}>×</button>
    </div>
  );
}
