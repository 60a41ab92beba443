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
