import { useTranslation } from 'react-i18next';
import type { MessageDto } from '@parley/contracts';
import { useLocale } from '../../app/use-locale';
import { formatDateTime } from '../../i18n/format-date';
import { buttonsOf, editsOf } from './reply-buttons';

/** "edited", with what the customer wrote before (Telegram edits keep the original). */
export function EditedNote({ message }: { message: MessageDto }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const edits = editsOf(message);
  if (edits.length === 0) return null;
  const history = edits
    .map((e) => `${formatDateTime(e.editedAt, locale)} · ${e.content ?? '—'}`)
    .join('\n');
  return (
    <details className="message__edited" data-testid="message-edited">
      <summary>{t('conversation.edited')}</summary>
      <div className="message__edits">{t('conversation.editedBefore', { history })}</div>
    </details>
  );
}

/** A channel event stored as a message (Viber subscribed/unsubscribed): no words of the customer's, so it says what happened. */
export function ChannelEventNote({ message }: { message: MessageDto }) {
  const { t } = useTranslation();
  const event = message.metadata?.viberEvent;
  if (event !== 'subscribed' && event !== 'unsubscribed') return null;
  return (
    <div className="message__event muted small" data-testid="message-channel-event">
      {t(`conversation.viberEvent.${event}`)}
    </div>
  );
}

/** The quick-reply buttons an agent sent, or the button a customer pressed. */
export function MessageButtons({ message }: { message: MessageDto }) {
  const { t } = useTranslation();
  const buttons = buttonsOf(message);
  const pressed = typeof message.metadata?.callbackData === 'string';
  if (pressed) return <div className="message__pressed muted small">{t('conversation.pressedButton')}</div>;
  if (buttons.length === 0) return null;
  return (
    <ul className="message__buttons" data-testid="message-buttons">
      {buttons.map((b, i) => (
        <li key={i} title={b.url ?? b.data ?? b.text}>
          {b.url ? '↗ ' : ''}
          {b.text}
        </li>
      ))}
    </ul>
  );
}
