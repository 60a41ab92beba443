import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedInsert } from './use-canned-insert';
import './canned.css';

/** The list `/` opens above the reply box. Keys stay in the textarea (use-canned-insert.ts); the mouse works too. */
export const CannedPicker = memo(function CannedPicker({ picker }: { picker: CannedInsert['picker'] }) {
  const { t } = useTranslation();
  if (!picker.open) return null;
  return (
    <div className="canned-picker" data-testid="canned-picker" aria-busy={picker.busy}>
      <ul className="canned-picker__list" role="listbox" aria-label={t('canned.pickerLabel')}>
        {picker.matches.map((match, i) => {
          const language = picker.offered(match, i);
          const other = language === 'ru' ? 'en' : 'ru';
          return (
            <li
              key={match.response.id}
              role="option"
              aria-selected={i === picker.active}
              className={`canned-option ${i === picker.active ? 'is-active' : ''}`}
              data-testid="canned-option"
              data-shortcode={match.response.shortcode}
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => picker.onHover(i)}
              onClick={() => picker.onPick(i)}
            >
              <span className="canned-option__head">
                <code className="canned-option__code">/{match.response.shortcode}</code>
                <span className="canned-option__title">{match.response.title}</span>
                <span className="canned-option__lang" title={t('canned.languageHint')}>
                  {language.toUpperCase()}
                  {match.response.variants[other] ? <span className="muted"> · {other.toUpperCase()}</span> : null}
                </span>
              </span>
              <span className="canned-option__text">{match.response.variants[language]}</span>
            </li>
          );
        })}
      </ul>
      <p className="canned-picker__keys muted small">{t('canned.pickerKeys')}</p>
    </div>
  );
});
