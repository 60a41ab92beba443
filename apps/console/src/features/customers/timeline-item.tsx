import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEventDto, TimelineEventType } from '@parley/contracts';
import { ChannelBadge } from '../../app/channel-badge';
import { useLocale } from '../../app/use-locale';
import { formatDateTime, formatListTime } from '../../i18n/format-date';
import { crmEventType, summarizeTimelineEvent, timelineLabel } from './timeline-event-view';

const TYPE_MARK: Record<TimelineEventType, string> = {
  message: '✉',
  note: '✎',
  conversation_opened: '◉',
  status_changed: '⇄',
  assigned: '☺',
  crm_event: '★',
  customer_merged: '⧉',
  customer_unmerged: '⧈',
  transferred: '⇢',
  sla_breached: '⏰',
  xla_breached: '☹',
  survey_sent: '?',
  survey_answered: '☆',
  label_added: '⊕',
  label_removed: '⊖',
  priority_changed: '⚑',
};

interface TimelineItemProps {
  event: TimelineEventDto;
  inActiveConversation: boolean;
  onOpenConversation(conversationId: string): void;
}

export const TimelineItem = memo(function TimelineItem({ event, inActiveConversation, onOpenConversation }: TimelineItemProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const summary = summarizeTimelineEvent(event);
  const conversationId = event.conversationId;
  const crmType = crmEventType(event);

  return (
    <li
      className={`timeline-item timeline-item--${event.type} ${event.direction ? `timeline-item--${event.direction}` : ''} ${inActiveConversation ? 'is-current' : ''}`}
      data-testid="timeline-item"
      data-type={event.type}
      data-event-id={event.id}
    >
      <span className="timeline-item__mark" aria-hidden="true">
        {TYPE_MARK[event.type] ?? '•'}
      </span>
      <div className="timeline-item__body">
        <div className="timeline-item__head">
          <span className="timeline-item__summary">{timelineLabel(event, t, locale)}</span>
          <time dateTime={event.occurredAt} title={formatDateTime(event.occurredAt, locale)}>
            {formatListTime(event.occurredAt, locale)}
          </time>
        </div>
        {summary.body && <p className="timeline-item__text">{summary.body}</p>}
        <div className="timeline-item__meta">
          {event.channel && <ChannelBadge channel={event.channel} />}
          {macroName(event.data) && <span className="macro-marker" data-testid="timeline-macro">{t('macros.byMacro', { name: macroName(event.data) })}</span>}
          {crmType && <span className="crm-type">{t(`timeline.types.${crmType}`, { defaultValue: crmType })}</span>}
          {conversationId && !inActiveConversation && (
            <button className="link-button small" onClick={() => onOpenConversation(conversationId)}>
              {t('timeline.openConversation')}
            </button>
          )}
        </div>
      </div>
    </li>
  );
});

/** The macro whose run made this change (`data.macro`), if one did. */
export function macroName(data: Record<string, unknown> | null | undefined): string | null {
  const macro = data?.macro as { name?: unknown } | undefined;
  return typeof macro?.name === 'string' ? macro.name : null;
}
