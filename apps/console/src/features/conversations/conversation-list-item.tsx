import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationDto, UserDto } from '@parley/contracts';
import { Avatar } from '../../app/avatar';
import { ChannelIcon } from '../../app/channel-badge';
import { useLocale } from '../../app/use-locale';
import { formatDateTime, formatListTime } from '../../i18n/format-date';
import { customerName } from '../customers/customer-name';
import { LabelChips } from '../labels/label-chip';
import { SlaCountdown } from '../sla/sla-countdown';

interface ConversationListItemProps {
  conversation: ConversationDto;
  active: boolean;
  inboxName: string | null;
  assignee: UserDto | null;
  onOpen(conversationId: string): void;
  /** Ticked for a bulk action. */
  selected?: boolean;
  onToggleSelect?(conversationId: string): void;
}

export const ConversationListItem = memo(function ConversationListItem({
  conversation,
  active,
  inboxName,
  assignee,
  onOpen,
  selected = false,
  onToggleSelect,
}: ConversationListItemProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const ref = useRef<HTMLLIElement>(null);
  const name = customerName(conversation.customer) ?? t('customer.anonymous');
  // The open conversation is read as it arrives, so its badge would only flicker.
  const unread = active ? 0 : conversation.unreadCount;

  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  return (
    <li
      ref={ref}
      role="option"
      aria-selected={active}
      className={`conversation-item ${active ? 'is-active' : ''} ${unread > 0 ? 'is-unread' : ''}`}
      data-testid="conversation-item"
      data-conversation-id={conversation.id}
      data-status={conversation.status}
      onClick={() => onOpen(conversation.id)}
    >
      {onToggleSelect && (
        <input
          type="checkbox"
          className="conversation-item__select"
          checked={selected}
          aria-label={t('bulk.selectOne', { name })}
          data-testid="conversation-select"
          onClick={(e) => e.stopPropagation()}
          onChange={() => onToggleSelect(conversation.id)}
        />
      )}
      <Avatar name={name} seed={conversation.customerId} />
      <div className="conversation-item__body">
        <div className="conversation-item__row">
          <span className="conversation-item__name">{name}</span>
          <time className="conversation-item__time" dateTime={conversation.lastMessageAt} title={formatDateTime(conversation.lastMessageAt, locale)}>
            {formatListTime(conversation.lastMessageAt, locale)}
          </time>
        </div>
        <div className="conversation-item__row">
          <span className="conversation-item__preview">{conversation.lastMessagePreview ?? '\u00a0'}</span>
          {unread > 0 && (
            <span className="unread-badge" data-testid="conversation-unread" aria-label={t('list.unread', { count: unread })}>
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </div>
        <div className="conversation-item__meta">
          <span className={`channel channel--${conversation.channel}`}>
            <ChannelIcon channel={conversation.channel} />
            {inboxName ?? t(`channel.${conversation.channel}`)}
          </span>
          {conversation.priority === 'high' || conversation.priority === 'urgent' ? (
            <span className={`priority priority--${conversation.priority}`}>{t(`priority.${conversation.priority}`)}</span>
          ) : null}
          <SlaCountdown conversationId={conversation.id} />
          <LabelChips labels={conversation.labels} />
          <span className="conversation-item__assignee" title={assignee ? t('list.assignedTo', { name: assignee.name }) : t('list.unassigned')}>
            {assignee ? <Avatar name={assignee.name} seed={assignee.id} size="sm" /> : <span className="muted">{t('list.unassigned')}</span>}
          </span>
        </div>
      </div>
    </li>
  );
});
