import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { NotificationDto } from '@parley/contracts';
import { notificationRead } from './notification-cache';
import { NotificationItem } from './notification-item';
import { NotificationSettings } from './notification-settings';
import { notificationsApi, notificationsQuery, unreadCountQuery } from './notifications-api';
import { badgeText } from './tab-badge';
import { askNotificationPermission, useNotificationAlerts } from './use-notification-alerts';
import './notifications.css';

/** The header's bell: unread badge, and the notification centre it opens (Chatwoot's). */
export function NotificationBell({ onOpen }: { onOpen(conversationId: string): void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [showSettings, setShowSettings] = useState(false);
  const unread = useQuery(unreadCountQuery).data ?? 0;
  const list = useQuery({ ...notificationsQuery, enabled: open });
  const panel = useRef<HTMLDivElement>(null);
  useNotificationAlerts(onOpen);

  const read = useMutation({
    mutationFn: (n: NotificationDto) => notificationsApi.read(n.id),
    onSuccess: (n) => notificationRead(queryClient, { ids: [n.id], allBefore: null, unread: Math.max(0, unread - 1) }),
  });
  const readAll = useMutation({
    mutationFn: () => notificationsApi.readAll(),
    onSuccess: ({ unread: left }) => notificationRead(queryClient, { ids: [], allBefore: new Date().toISOString(), unread: left }),
  });

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => panel.current && !panel.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const toggle = () => {
    // Opening the centre is the first moment the agent shows interest: ask for system notifications then.
    if (!open) void askNotificationPermission().catch(() => undefined);
    setOpen(!open);
  };

  const openOne = (n: NotificationDto) => {
    if (!n.readAt) read.mutate(n);
    if (n.conversationId) onOpen(n.conversationId);
    setOpen(false);
  };

  return (
    <div className="notification-bell" ref={panel}>
      <button
        type="button"
        className="icon-button icon-button--outlined"
        data-testid="notification-bell"
        aria-expanded={open}
        aria-label={t('notifications.open', { count: unread })}
        title={t('notifications.title')}
        onClick={toggle}
      >
        <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true">
          <path fill="currentColor" d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2Zm6-6V11a6 6 0 0 0-5-5.9V4a1 1 0 1 0-2 0v1.1A6 6 0 0 0 6 11v5l-2 2v1h16v-1l-2-2Z" />
        </svg>
        {unread > 0 && (
          <span className="notification-bell__badge" data-testid="notification-badge">
            {badgeText(unread)}
          </span>
        )}
      </button>
      {open && (
        <div className="notification-centre" role="dialog" aria-label={t('notifications.title')} data-testid="notification-centre">
          <div className="notification-centre__head">
            <strong>{t('notifications.title')}</strong>
            <button type="button" className="button button--ghost" data-testid="notification-read-all" disabled={!unread || readAll.isPending} onClick={() => readAll.mutate()}>
              {t('notifications.readAll')}
            </button>
            <button type="button" className="button button--ghost" aria-pressed={showSettings} data-testid="notification-settings-toggle" onClick={() => setShowSettings(!showSettings)}>
              {t('notifications.settings.title')}
            </button>
          </div>
          {showSettings ? (
            <NotificationSettings />
          ) : list.isPending ? (
            <p className="muted small">{t('common.loading')}</p>
          ) : list.error ? (
            <p className="form-error" role="alert">{list.error.message}</p>
          ) : list.data.items.length === 0 ? (
            <p className="muted small" data-testid="notification-empty">{t('notifications.empty')}</p>
          ) : (
            <ul className="notification-centre__list">
              {list.data.items.map((n) => (
                <NotificationItem key={n.id} n={n} onOpen={openOne} />
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
