import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationDto } from '@parley/contracts';
import { displayMentions } from './mention-trigger';

/** One row of the centre; customer text goes in as text, never as markup. */
export const NotificationItem = memo(function NotificationItem({ n, onOpen }: { n: NotificationDto; onOpen(n: NotificationDto): void }) {
  const { t, i18n } = useTranslation();
  const preview = typeof n.data.preview === 'string' ? displayMentions(n.data.preview) : null;
  return (
    <li>
      <button
        type="button"
        className={`notification-item ${n.readAt ? '' : 'is-unread'}`}
        data-testid="notification-item"
        data-type={n.type}
        data-read={n.readAt ? 'true' : 'false'}
        onClick={() => onOpen(n)}
      >
        <span className="notification-item__what">{t(`notifications.type.${n.type}`, { actor: n.actorName ?? t('notifications.someone') })}</span>
        {n.title && <span className="notification-item__title">{n.title}</span>}
        {preview && <span className="notification-item__preview">{preview}</span>}
        <time className="notification-item__time muted small" dateTime={n.createdAt}>
          {new Date(n.createdAt).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' })}
        </time>
      </button>
    </li>
  );
});
