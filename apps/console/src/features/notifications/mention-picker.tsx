import { useTranslation } from 'react-i18next';
import type { MentionInsert } from './use-mention-insert';

/** The agents `@` offers above the note box; keys stay in the textarea, the mouse works too. */
export function MentionPicker({ mention }: { mention: MentionInsert }) {
  const { t } = useTranslation();
  if (!mention.open) return null;
  return (
    <ul className="mention-picker" role="listbox" aria-label={t('notifications.mentionPicker')} data-testid="mention-picker">
      {mention.matches.map((u, i) => (
        <li
          key={u.id}
          role="option"
          aria-selected={i === mention.active}
          className={`mention-option ${i === mention.active ? 'is-active' : ''}`}
          data-testid="mention-option"
          onMouseDown={(e) => e.preventDefault()}
          onMouseEnter={() => mention.onHover(i)}
          onClick={() => mention.onPick(i)}
        >
          {u.name}
        </li>
      ))}
    </ul>
  );
}
