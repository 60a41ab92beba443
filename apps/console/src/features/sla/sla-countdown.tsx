import { useTranslation } from 'react-i18next';
import type { ConversationSlaDto } from '@parley/contracts';
import { slaTone } from './sla-countdown-format';
import { useDueText, useNow, useSlaState } from './sla-store';
import './sla.css';

/** The live SLA clock of one conversation: green, amber past the warning share, red when breached; its text says left or overdue. */
export function SlaCountdown({ conversationId, state }: { conversationId: string; state?: ConversationSlaDto }) {
  const { t } = useTranslation();
  const stored = useSlaState(conversationId);
  const sla = state ?? stored;
  const now = useNow(1000);
  const dueText = useDueText();
  const tone = slaTone(sla, now);
  if (tone === 'none' || !sla) return null;
  // The clock shown: a missed deadline still owed (counting up as overdue), else the next one due.
  const missed = sla.breached ? sla.timers.find((x) => x.state === 'breached' && !x.metAt) : undefined;
  const next = missed ?? sla.timers.find((x) => x.state === 'running' && x.dueAt === sla.nextDueAt);
  const dueAt = missed ? missed.dueAt ?? missed.breachedAt : sla.nextDueAt;
  const label = tone === 'paused' ? t('sla.paused') : dueAt ? dueText(Date.parse(dueAt), now) : t('sla.breached');
  const title = next ? `${t(`sla.tone.${tone}`)}: ${t(`sla.metric.${next.metric}`)}` : t(`sla.tone.${tone}`);
  return (
    <span className={`sla-countdown sla-countdown--${tone}`} data-testid="sla-countdown" data-tone={tone} title={title} aria-label={`${title}, ${label}`}>
      {sla.sentiment === 'negative' && <span aria-label={t('sla.negative')}>☹ </span>}
      {label}
    </span>
  );
}
