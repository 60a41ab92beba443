import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENT_STATUSES, type AgentStatus, type PresenceEvent } from '@parley/contracts';
import { useAgentEvent } from '../../api/agent-socket';
import { routingApi } from '../sla/routing-api';
import '../sla/sla.css';

/** The agent's own status; the server may set `away` by itself when their last tab closes. */
export function PresenceSwitcher({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<AgentStatus | null>(null);
  // Opening the console puts the agent online on the server; that event may overtake the first read.
  const heard = useRef(false);

  useEffect(() => {
    routingApi.agents().then((list) => {
      if (!heard.current) setStatus(list.find((a) => a.id === userId)?.status ?? 'offline');
    }, () => undefined);
  }, [userId]);
  useAgentEvent<PresenceEvent>('presence.updated', (p) => {
    if (p.id !== userId) return;
    heard.current = true;
    setStatus(p.status);
  });

  return (
    <label className="presence-switcher" title={t('presence.label')} data-testid="presence-switcher" data-status={status ?? ''}>
      <span className={`presence-dot presence-dot--${status ?? 'offline'}`} aria-hidden="true" />
      <select
        className="select select--compact"
        data-testid="presence-select"
        aria-label={t('presence.label')}
        value={status ?? 'offline'}
        onChange={(e) => {
          const next = e.target.value as AgentStatus;
          const before = status;
          setStatus(next);
          routingApi.setMyStatus(next).then((a) => setStatus(a.status), () => setStatus(before));
        }}
      >
        {AGENT_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`presence.${s}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
