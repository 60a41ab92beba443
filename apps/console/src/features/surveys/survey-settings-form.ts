import type { SurveySettingsDto, SurveySettingsInput, SurveyTextsDto, SurveyType } from '@parley/contracts';

export type SurveyChoice = SurveyType | 'none';
export type TextKey = keyof SurveyTextsDto;
export type Language = 'en' | 'ru';

export const TEXT_KEYS: readonly TextKey[] = ['question', 'why', 'thanks', 'reask', 'unsubscribed'];
export const LANGUAGES: readonly Language[] = ['en', 'ru'];

/** The form as typed: numbers stay strings until saved so a half-typed value is not lost. */
export interface SurveySettingsForm {
  choice: SurveyChoice;
  delayMinutes: string;
  throttleDays: string;
  commentWindowHours: string;
  texts: Record<Language, Record<TextKey, string>>;
}

const emptyTexts = (): Record<TextKey, string> => ({ question: '', why: '', thanks: '', reask: '', unsubscribed: '' });

export function toForm(s: SurveySettingsDto | null): SurveySettingsForm {
  const texts = { en: emptyTexts(), ru: emptyTexts() };
  for (const lang of LANGUAGES) for (const key of TEXT_KEYS) texts[lang][key] = s?.texts[lang]?.[key] ?? '';
  return {
    choice: !s ? 'none' : s.enabled ? s.type : 'none',
    delayMinutes: String(s?.delayMinutes ?? 0),
    throttleDays: String(s?.throttleDays ?? 30),
    commentWindowHours: String(s?.commentWindowHours ?? 24),
    texts,
  };
}

/** i18n keys of what is wrong, per field; the server checks the same and more. */
export type FormErrors = Partial<Record<'delayMinutes' | 'throttleDays' | 'commentWindowHours' | `${Language}.${TextKey}`, string>>;

const whole = (raw: string, min: number, max: number) => {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
};

const LIMITS = { delayMinutes: [0, 10080], throttleDays: [0, 365], commentWindowHours: [1, 168] } as const;

/** Placeholders other than these reach the customer verbatim. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(/\{\{?\s*([^{}]*?)\s*\}\}?/g)].filter((m) => !['name', 'brand', 'min', 'max'].includes(m[1])).map((m) => m[0]);
}

export function toInput(
  form: SurveySettingsForm,
  scope: { scope: 'inbox' | 'team'; scopeId: string },
  previousType: SurveyType = 'csat',
): { input: SurveySettingsInput; errors: null } | { input: null; errors: FormErrors } {
  const errors: FormErrors = {};
  const numbers = {} as Record<keyof typeof LIMITS, number>;
  for (const key of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
    const [min, max] = LIMITS[key];
    const n = whole(form[key], min, max);
    if (n === null) errors[key] = `surveySettings.errors.${key}`;
    else numbers[key] = n;
  }
  const texts: SurveySettingsInput['texts'] = {};
  for (const lang of LANGUAGES) {
    const own: SurveyTextsDto = {};
    for (const key of TEXT_KEYS) {
      const value = form.texts[lang][key].trim();
      if (!value) continue;
      if (value.length > 1000) errors[`${lang}.${key}`] = 'surveySettings.errors.tooLong';
      else if (unknownPlaceholders(value).length) errors[`${lang}.${key}`] = 'surveySettings.errors.placeholder';
      own[key] = value;
    }
    if (Object.keys(own).length) texts[lang] = own;
  }
  if (Object.keys(errors).length) return { input: null, errors };
  return {
    input: {
      ...scope, enabled: form.choice !== 'none', type: form.choice === 'none' ? previousType : form.choice,
      delayMinutes: numbers.delayMinutes, throttleDays: numbers.throttleDays, commentWindowHours: numbers.commentWindowHours, texts,
    },
    errors: null,
  };
}

/** The question as the customer would read it, for the preview. */
export function previewText(text: string, name: string, min: number, max: number): string {
  return text.replace(/\{\{?name\}\}?/g, name).replace(/\{\{?min\}\}?/g, String(min)).replace(/\{\{?max\}\}?/g, String(max));
}
