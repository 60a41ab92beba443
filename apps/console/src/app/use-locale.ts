import { useTranslation } from 'react-i18next';

/** The active UI language as an Intl locale. */
export function useLocale(): string {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage ?? 'en';
}
