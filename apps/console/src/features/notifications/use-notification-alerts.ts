import { useEffect } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_EVENTS, type NotificationDto } from '@parley/contracts';
import { useAgentEvent } from '../../api/agent-socket';
import { notificationSettingsQuery, unreadCountQuery } from './notifications-api';
import { displayMentions } from './mention-trigger';
import { drawFaviconBadge, setFavicon, titleWithCount } from './tab-badge';

/** Whether the browser can show system notifications, and what the agent answered. */
export const browserPermission = (): NotificationPermission | 'unsupported' =>
  typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;

/** Asks once, never on load: called when the agent first opens the centre, or from its button. */
export async function askNotificationPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (browserPermission() !== 'default') return browserPermission();
  return Notification.requestPermission();
}

/** A short two-note chime made on the spot (no audio file to ship); silent where audio is not allowed yet. */
function chime(): void {
  try {
    const audio = new AudioContext();
    const gain = audio.createGain();
    gain.connect(audio.destination);
    gain.gain.setValueAtTime(0.08, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
    [880, 1320].forEach((hz, i) => {
      const tone = audio.createOscillator();
      tone.frequency.value = hz;
      tone.connect(gain);
      tone.start(audio.currentTime + i * 0.12);
      tone.stop(audio.currentTime + 0.4);
    });
    setTimeout(() => void audio.close(), 600);
  } catch {
    // No audio before the first gesture, or none at all: the badge still shows.
  }
}

/**
 * The unread count in the tab title and the favicon, and for each new notification the sound and
 * (only while the tab is hidden) a system notification, as the agent's settings say.
 */
export function useNotificationAlerts(onOpen: (conversationId: string) => void): void {
  const { t } = useTranslation();
  const unread = useQuery(unreadCountQuery).data ?? 0;
  const settings = useQuery(notificationSettingsQuery).data;

  useEffect(() => {
    document.title = titleWithCount(document.title, unread);
    if (unread === 0) return setFavicon(null);
    let current = true;
    void drawFaviconBadge(unread).then((icon) => current && icon && setFavicon(icon));
    return () => {
      current = false;
    };
  }, [unread]);

  useAgentEvent<NotificationDto>(NOTIFICATION_EVENTS.created, (n) => {
    if (!settings) return;
    if (settings.sound === 'chime') chime();
    if (!settings.browser || !document.hidden || browserPermission() !== 'granted') return;
    const shown = new Notification(t(`notifications.type.${n.type}`, { actor: n.actorName ?? '' }), {
      body: [n.title, typeof n.data.preview === 'string' ? displayMentions(n.data.preview) : ''].filter(Boolean).join(': '),
      tag: n.id,
    });
    shown.onclick = () => {
      window.focus();
      if (n.conversationId) onOpen(n.conversationId);
      shown.close();
    };
  });
}
