import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/i18n';
import { useRememberedLanguage } from './use-locale';

export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  const choose = useRememberedLanguage();
  return (
    <select
      className="select select--compact"
      data-testid="language-select"
      aria-label={t('shell.language')}
      value={i18n.resolvedLanguage ?? 'en'}
      onChange={(e) => choose(e.target.value)}
    >
      {LANGUAGES.map((language) => (
        <option key={language.code} value={language.code}>
          {language.label}
        </option>
      ))}
    </select>
  );
}
