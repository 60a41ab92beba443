import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryStatus, MessageDto } from '@parley/contracts';
import { useLocale } from '../../app/use-locale';
import { formatClock, formatDateTime } from '../../i18n/format-date';
import { safeAttachmentHref } from './attachment-link';
import { ChannelEventNote, EditedNote, MessageButtons } from './message-extras';
import { deliveryErrorText } from './delivery-error';
import { EmailMessageBody } from './email-message-body';
import { displayMentions } from '../notifications/mention-trigger';
import { macroName } from '../customers/timeline-item';

interface MessageItemProps {
  message: MessageDto;
  customerName: string;
  /** False for follow-ups in a group: author and time are already shown above. */
  showMeta: boolean;
  /** Just opened from a search hit: flashes briefly. */
  highlighted?: boolean;
}

export const MessageItem = memo(function MessageItem({ message, customerName, showMeta, highlighted }: MessageItemProps) {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const author =
    message.authorType === 'customer'
      ? (message.authorName ?? customerName)
      : message.authorType === 'system'
        ? t('conversation.system')
        : (message.authorName ?? t('conversation.agent'));
  const side = message.direction === 'inbound' ? 'inbound' : 'outbound';

  return (
    <article
      className={`message message--${side} ${message.private ? 'message--note' : ''} ${showMeta ? '' : 'message--followup'} ${highlighted ? 'message--anchor' : ''}`}
      title={showMeta ? undefined : formatDateTime(message.createdAt, locale)}
      data-testid="message"
      data-message-id={message.id}
      data-direction={message.direction}
      data-private={String(message.private)}
      data-anchor={highlighted ? 'true' : undefined}
    >
      <div className="message__meta" hidden={!showMeta}>
        <span className="message__author">{author}</span>
        {message.private && <span className="note-label">{t('conversation.privateNote')}</span>}
        {macroName(message.metadata) && <span className="macro-marker" data-testid="message-macro">{t('macros.byMacro', { name: macroName(message.metadata) })}</span>}
        <time dateTime={message.createdAt} title={formatDateTime(message.createdAt, locale)}>
          {formatClock(message.createdAt, locale)}
        </time>
      </div>
      <div className="message__bubble">
        {message.channel === 'email' && !message.private ? (
          <EmailMessageBody message={message} />
        ) : (
          message.content && <div className="message__content">{message.private ? displayMentions(message.content) : message.content}</div>
        )}
        {message.attachments.length > 0 && (
          <ul className="message__attachments">
            {message.attachments.map((attachment, i) => {
              const href = safeAttachmentHref(attachment.url);
              const label = attachment.fileName ?? attachment.contentType ?? t('conversation.attachment');
              return (
                <li key={attachment.id ?? i}>
                  {href ? (
                    <a href={href} target="_blank" rel="noopener noreferrer">
                      📎 {label}
                    </a>
                  ) : (
                    <span>📎 {label}</span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        <ChannelEventNote message={message} />
        <MessageButtons message={message} />
        <EditedNote message={message} />
      </div>
      {side === 'outbound' && !message.private && message.authorType !== 'system' && (
        <DeliveryBadge status={message.deliveryStatus} error={deliveryErrorText(message, t, (key) => i18n.exists(key))} />
      )}
    </article>
  );
});

const DELIVERY_MARK: Record<DeliveryStatus, string> = {
  pending: '◷',
  queued: '◷',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
  undelivered: '!',
  failed: '!',
};

function DeliveryBadge({ status, error }: { status: DeliveryStatus; error: string | null }) {
  const { t } = useTranslation();
  const label = t(`delivery.${status}`);
  return (
    <div className={`delivery delivery--${status}`} data-testid="delivery-status" data-status={status} title={error ?? label}>
      <span aria-hidden="true">{DELIVERY_MARK[status] ?? ''}</span> {label}
      {error && (status === 'failed' || status === 'undelivered') && <span className="delivery__error">: {error}</span>}
    </div>
  );
}
