import { useTranslation } from 'react-i18next';
import type { ConversationSlaDto } from '@parley/contracts';
import { formatRemaining, slaTone } from './sla-countdown-format';
import { useNow, useSlaState } from './sla-store';
import './sla.css';

/** The live SLA clock of one conversation: green, amber past the warning share, red when breached. */
export function SlaCountdown({ conversationId, state }: { conversationId: string; state?: ConversationSlaDto }) {
  const { t } = useTranslation();
  const stored = useSlaState(conversationId);
  const sla = state ?? stored;
  const now = useNow(1000);
  const tone = slaTone(sla, now);
  if (tone === 'none' || !sla) return null;
  const label = tone === 'paused' ? t('sla.paused') : sla.nextDueAt ? formatRemaining(Date.parse(sla.nextDueAt) - now) : t('sla.breached');
  return (
    <span className={`sla-countdown sla-countdown--${tone}`} data-testid="sla-countdown" data-tone={tone} title={t(`sla.tone.${tone}`)}>
      {sla.sentiment === 'negative' && <span aria-label={t('sla.negative')}>☹ </span>}
      {label}
    </span>
  );
}
