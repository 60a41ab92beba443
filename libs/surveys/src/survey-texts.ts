import { SURVEY_SCALES, type SurveyType } from './survey-scoring';

export type SurveyLanguage = 'ru' | 'en';

/** What the customer reads. `{name}` is the customer's name; `{min}`/`{max}` the scale's ends. */
export interface SurveyTexts {
  question: string;
  why: string;
  thanks: string;
  reask: string;
  unsubscribed: string;
}

const QUESTION: Record<SurveyLanguage, Record<SurveyType, string>> = {
  en: {
    csat: 'Hello, {name}! How would you rate our help? Reply with a number from 1 (bad) to 5 (excellent).',
    nps: 'Hello, {name}! How likely are you to recommend us to a friend? Reply with a number from 0 to 10.',
    ces: 'Hello, {name}! How easy was it to get your question solved? Reply with a number from 1 (very easy) to 7 (very difficult).',
  },
  ru: {
    csat: 'Здравствуйте, {name}! Как вы оцените нашу помощь? Ответьте цифрой от 1 (плохо) до 5 (отлично).',
    nps: 'Здравствуйте, {name}! Насколько вероятно, что вы порекомендуете нас другу? Ответьте цифрой от 0 до 10.',
    ces: 'Здравствуйте, {name}! Насколько легко было решить ваш вопрос? Ответьте цифрой от 1 (очень легко) до 7 (очень трудно).',
  },
};

const COMMON: Record<SurveyLanguage, Omit<SurveyTexts, 'question'>> = {
  en: {
    why: 'Thank you! What is the main reason for your score?',
    thanks: 'Thank you for your feedback!',
    reask: 'Sorry, we did not catch that. Please reply with just a number from {min} to {max}.',
    unsubscribed: 'Done: we will not send you surveys any more.',
  },
  ru: {
    why: 'Спасибо! Расскажите, почему такая оценка?',
    thanks: 'Спасибо за отзыв!',
    reask: 'Извините, мы не поняли ответ. Пожалуйста, пришлите только цифру от {min} до {max}.',
    unsubscribed: 'Готово: мы больше не будем присылать вам опросы.',
  },
};

const UNSUBSCRIBE_HINT: Record<SurveyLanguage, string> = {
  en: ' (Reply "unsubscribe" to stop these surveys.)',
  ru: ' (Ответьте «отписаться», чтобы больше не получать опросы.)',
};

export function defaultTexts(type: SurveyType, language: SurveyLanguage): SurveyTexts {
  return { question: QUESTION[language][type], ...COMMON[language] };
}

/** Settings override the defaults text by text; empty strings fall back to the default. */
export function textsFor(
  type: SurveyType,
  language: SurveyLanguage,
  overrides: Partial<Record<SurveyLanguage, Partial<SurveyTexts>>> | null | undefined,
): SurveyTexts {
  const base = defaultTexts(type, language);
  const own = overrides?.[language] ?? {};
  const out = { ...base };
  for (const key of Object.keys(base) as (keyof SurveyTexts)[]) if (typeof own[key] === 'string' && own[key]!.trim()) out[key] = own[key]!;
  return out;
}

/**
 * Fills `{name}`, `{min}`, `{max}`. Without a name the placeholder goes together with the comma or
 * space before it: "Hello, {name}!" → "Hello!".
 */
export function personalize(text: string, vars: { name?: string | null; type: SurveyType }): string {
  const { min, max } = SURVEY_SCALES[vars.type];
  const name = vars.name?.trim();
  // `{{name}}` (the console's and i18next's habit) means the same as `{name}`.
  const withName = name ? text.replace(/\{\{?name\}\}?/g, name) : text.replace(/[,\s]*\{\{?name\}\}?/g, '');
  return withName.replace(/\{\{?min\}\}?/g, String(min)).replace(/\{\{?max\}\}?/g, String(max));
}

export const SURVEY_TEXT_KEYS: readonly (keyof SurveyTexts)[] = ['question', 'why', 'thanks', 'reask', 'unsubscribed'];
export const SURVEY_TEXT_MAX_LENGTH = 1000;
const PLACEHOLDERS = new Set(['name', 'min', 'max']);

/**
 * What is wrong with texts an admin submitted, one clear sentence each; empty when they are fine.
 * Only `ru` and `en`, only the known texts, strings up to 1000 characters, and no placeholder
 * other than {name}, {min} and {max} (a typo like {nmae} would reach the customer verbatim).
 */
export function surveyTextsProblems(input: unknown): string[] {
  if (input === undefined || input === null) return [];
  if (typeof input !== 'object' || Array.isArray(input)) return ['texts must be an object with "ru" and/or "en"'];
  const problems: string[] = [];
  for (const [lang, texts] of Object.entries(input as Record<string, unknown>)) {
    if (lang !== 'ru' && lang !== 'en') {
      problems.push(`texts.${lang}: only "ru" and "en" texts are supported`);
      continue;
    }
    if (texts === undefined || texts === null) continue;
    if (typeof texts !== 'object' || Array.isArray(texts)) {
      problems.push(`texts.${lang} must be an object`);
      continue;
    }
    for (const [key, value] of Object.entries(texts as Record<string, unknown>)) {
      const at = `texts.${lang}.${key}`;
      if (!SURVEY_TEXT_KEYS.includes(key as keyof SurveyTexts)) problems.push(`${at}: unknown text; use ${SURVEY_TEXT_KEYS.join(', ')}`);
      else if (value === null || value === undefined) continue;
      else if (typeof value !== 'string') problems.push(`${at} must be a string`);
      else if (value.length > SURVEY_TEXT_MAX_LENGTH) problems.push(`${at} must be at most ${SURVEY_TEXT_MAX_LENGTH} characters`);
      else {
        for (const m of value.matchAll(/\{\{?\s*([^{}]*?)\s*\}\}?/g)) {
          if (!PLACEHOLDERS.has(m[1])) problems.push(`${at}: unknown placeholder ${m[0]}; use {name}, {min} or {max}`);
        }
      }
    }
  }
  return problems;
}

export function questionText(texts: SurveyTexts, vars: { name?: string | null; type: SurveyType }, language: SurveyLanguage): string {
  return personalize(texts.question, vars) + UNSUBSCRIBE_HINT[language];
}
