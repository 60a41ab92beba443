import { SURVEY_SCALES, type SurveyType } from './survey-scoring';

export type SurveyLanguage = 'ru' | 'en';

/** What the customer reads. `{name}` is the customer's name; `{brand}` the inbox's; `{min}`/`{max}` the scale's ends. */
export interface SurveyTexts {
  question: string;
  why: string;
  thanks: string;
  reask: string;
  unsubscribed: string;
}

/** Just the question: how to answer depends on the channel (buttons, links, or a number in reply). */
const QUESTION: Record<SurveyLanguage, Record<SurveyType, string>> = {
  en: {
    csat: 'Hello, {name}! How would you rate the help you got from {brand}?',
    nps: 'Hello, {name}! How likely are you to recommend {brand} to a friend?',
    ces: 'Hello, {name}! How easy was it to get your question solved by {brand}?',
  },
  ru: {
    // The brand in quotes after a common noun stays undeclined: «службы поддержки «Ромашка»».
    csat: 'Здравствуйте, {name}! Как вы оцените помощь службы поддержки «{brand}»?',
    nps: 'Здравствуйте, {name}! Насколько вероятно, что вы порекомендуете компанию «{brand}» другу?',
    ces: 'Здравствуйте, {name}! Насколько легко было решить ваш вопрос со службой поддержки «{brand}»?',
  },
};

/** For channels where the customer answers by typing: what to type. */
const REPLY_WITH_NUMBER: Record<SurveyLanguage, Record<SurveyType, string>> = {
  en: {
    csat: 'Reply with a number from 1 (bad) to 5 (excellent).',
    nps: 'Reply with a number from 0 to 10.',
    ces: 'Reply with a number from 1 (very easy) to 7 (very difficult).',
  },
  ru: {
    csat: 'Ответьте цифрой от 1 (плохо) до 5 (отлично).',
    nps: 'Ответьте цифрой от 0 до 10.',
    ces: 'Ответьте цифрой от 1 (очень легко) до 7 (очень трудно).',
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
  en: '(Reply "unsubscribe" to stop these surveys.)',
  ru: '(Ответьте «отписаться», чтобы больше не получать опросы.)',
};

/**
 * How a channel lets the customer answer. Web chat, Telegram and Viber show rating buttons, Messenger and
 * Instagram quick replies, so the text is just the question; email carries score links (and its own unsubscribe link); every other channel
 * (SMS, WhatsApp…) answers by typing a number, and says how to stop.
 */
export type SurveyAnswerMode = 'buttons' | 'links' | 'reply';

export function answerModeOf(channel: string): SurveyAnswerMode {
  if (channel === 'webchat' || channel === 'telegram' || channel === 'viber' || channel === 'vk' || channel === 'messenger' || channel === 'instagram') return 'buttons';
  if (channel === 'email') return 'links';
  return 'reply';
}

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
export function personalize(text: string, vars: SurveyVars): string {
  const { min, max } = SURVEY_SCALES[vars.type];
  const name = vars.name?.trim();
  // `{{name}}` (the console's and i18next's habit) means the same as `{name}`.
  const withName = name ? text.replace(/\{\{?name\}\}?/g, name) : text.replace(/[,\s]*\{\{?name\}\}?/g, '');
  return withName
    .replace(/\{\{?brand\}\}?/g, vars.brand?.trim() || DEFAULT_BRAND)
    .replace(/\{\{?min\}\}?/g, String(min))
    .replace(/\{\{?max\}\}?/g, String(max));
}

export interface SurveyVars {
  name?: string | null;
  type: SurveyType;
  /** Who asks: the inbox's brand (email sender name, inbox name), never "Parley". */
  brand?: string | null;
}

/** Only when an inbox somehow has no name at all. */
const DEFAULT_BRAND = 'Support';

export const SURVEY_TEXT_KEYS: readonly (keyof SurveyTexts)[] = ['question', 'why', 'thanks', 'reask', 'unsubscribed'];
export const SURVEY_TEXT_MAX_LENGTH = 1000;
const PLACEHOLDERS = new Set(['name', 'brand', 'min', 'max']);

/**
 * What is wrong with texts an admin submitted, one clear sentence each; empty when they are fine.
 * Only `ru` and `en`, only the known texts, strings up to 1000 characters, and no placeholder
 * other than {name}, {brand}, {min} and {max} (a typo like {nmae} would reach the customer verbatim).
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
          if (!PLACEHOLDERS.has(m[1])) problems.push(`${at}: unknown placeholder ${m[0]}; use {name}, {brand}, {min} or {max}`);
        }
      }
    }
  }
  return problems;
}

/** The question as the channel needs it; score links for email are added by the sender, which signs them. */
export function questionText(texts: SurveyTexts, vars: SurveyVars, language: SurveyLanguage, mode: SurveyAnswerMode): string {
  const question = personalize(texts.question, vars);
  if (mode !== 'reply') return question;
  // An admin's own question that names the scale ("… from 0 to 10") already says how to answer.
  const own = texts.question.replace(/\{\{?(name|brand)\}\}?/g, '');
  const namesScale = /\{\{?max\}\}?/.test(own) || new RegExp(`(^|\\D)${SURVEY_SCALES[vars.type].max}(\\D|$)`).test(own);
  const how = namesScale ? '' : ` ${personalize(REPLY_WITH_NUMBER[language][vars.type], vars)}`;
  return `${question}${how} ${UNSUBSCRIBE_HINT[language]}`;
}
