import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_TYPES, type NotificationSettingsInput } from '@parley/contracts';
import { queryKeys } from '../../app/query-keys';
import { notificationsApi, notificationSettingsQuery } from './notifications-api';
import { askNotificationPermission, browserPermission } from './use-notification-alerts';

/** Which events, the sound, browser notifications (and the permission they need). */
export function NotificationSettings() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const settings = useQuery(notificationSettingsQuery).data;
  const [permission, setPermission] = useState(browserPermission);
  const save = useMutation({
    mutationFn: (input: NotificationSettingsInput) => notificationsApi.saveSettings(input),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.notificationSettings, saved),
  });
  if (!settings) return <p className="muted small">{t('common.loading')}</p>;
  return (
    <div className="notification-settings" data-testid="notification-settings">
      <fieldset>
        <legend>{t('notifications.settings.events')}</legend>
        {NOTIFICATION_TYPES.map((type) => (
          <label key={type} className="checkbox">
            <input
              type="checkbox"
              checked={settings.events[type]}
              data-testid={`notification-event-${type}`}
              onChange={(e) => save.mutate({ events: { [type]: e.target.checked } })}
            />
            {t(`notifications.event.${type}`)}
          </label>
        ))}
      </fieldset>
      <label className="checkbox">
        <input type="checkbox" checked={settings.sound === 'chime'} onChange={(e) => save.mutate({ sound: e.target.checked ? 'chime' : 'none' })} />
        {t('notifications.settings.sound')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={settings.browser} onChange={(e) => save.mutate({ browser: e.target.checked })} />
        {t('notifications.settings.browser')}
      </label>
      {permission === 'default' && (
        <button type="button" className="button button--ghost" data-testid="notification-permission" onClick={() => void askNotificationPermission().then(setPermission)}>
          {t('notifications.settings.allow')}
        </button>
      )}
      {permission === 'denied' && <p className="muted small">{t('notifications.settings.denied')}</p>}
      {save.error && <p className="form-error" role="alert">{save.error.message}</p>}
    </div>
  );
}
