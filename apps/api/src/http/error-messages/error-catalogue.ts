import i18next, { type i18n } from 'i18next';
import { EN_ERRORS } from './errors.en';
import { RU_ERRORS } from './errors.ru';

export const ERROR_LANGUAGES = ['en', 'ru'] as const;
export type ErrorLanguage = (typeof ERROR_LANGUAGES)[number];

/** Error codes with their texts; English is the default and the fallback for a text Russian lacks. */
export type ErrorCode = keyof typeof EN_ERRORS.errors;

let catalogue: i18n | null = null;

function instance(): i18n {
  if (catalogue) return catalogue;
  catalogue = i18next.createInstance();
  // Synchronous init: the resources are in memory, and a filter cannot wait.
  void catalogue.init({
    initAsync: false,
    lng: 'en',
    fallbackLng: 'en',
    supportedLngs: [...ERROR_LANGUAGES],
    resources: { en: { translation: EN_ERRORS }, ru: { translation: RU_ERRORS } },
    // Messages go out as JSON text, never as HTML: nothing to escape.
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  return catalogue;
}

/** Whether the language has a text under `key` (a plural text counts: `maxLength_one`…). */
export function hasErrorText(key: string, language: ErrorLanguage): boolean {
  return instance().exists(key, { lng: language, fallbackLng: false, count: 1 });
}

/** The text for `key` (`errors.<code>` or `validation.<constraint>`) in the language, with its values filled in. */
export function errorText(language: ErrorLanguage, key: string, params: Record<string, unknown> = {}): string {
  return instance().t(key, { ...params, lng: language });
}

/** `ru`, `ru-RU`… are Russian; everything else, and nothing, is English. */
export function errorLanguageOf(locale: unknown): ErrorLanguage {
  return typeof locale === 'string' && /^ru(?:[-_]|$)/i.test(locale.trim()) ? 'ru' : 'en';
}
