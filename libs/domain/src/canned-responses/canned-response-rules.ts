import { foldForSearch } from '../customers/search-folding';
import { detectLanguage } from '../sentiment/sentiment-analyzer';
import { unknownVariables } from './canned-template';

export type CannedLanguage = 'en' | 'ru';
export const CANNED_LANGUAGES: readonly CannedLanguage[] = ['ru', 'en'];

export type CannedVariants = Partial<Record<CannedLanguage, string>>;

export const SHORTCODE_MAX = 32;
export const CANNED_TITLE_MAX = 120;
/** Room for a long email answer; channels with less room are told at render (fitness). */
export const CANNED_TEXT_MAX = 10_000;

// Letters of any script, digits, `-` and `_`: typed after `/` in the reply box, so no spaces.
const SHORTCODE = /^[\p{L}\p{N}_-]+$/u;

export type CannedProblem =
  | { problem: 'shortcode_invalid'; value: string }
  | { problem: 'title_required' }
  | { problem: 'title_too_long'; max: number }
  | { problem: 'text_required' }
  | { problem: 'text_too_long'; language: CannedLanguage; max: number }
  | { problem: 'unknown_variable'; language: CannedLanguage; names: string[] };

export type CannedCheck<T> = { ok: true; value: T } | ({ ok: false } & CannedProblem);

/**
 * A shortcode as stored: NFC, lower case in every script, a leading `/` or `;` dropped (authors
 * copy it from the reply box). «Доставка» and «доставка» are one shortcode.
 */
export function cleanShortcode(raw: string | null | undefined): CannedCheck<string> {
  const value = foldForSearch((raw ?? '').trim().replace(/^[/;]/, '')).normalize('NFC');
  if (!value || [...value].length > SHORTCODE_MAX || !SHORTCODE.test(value)) return { ok: false, problem: 'shortcode_invalid', value: (raw ?? '').slice(0, 60) };
  return { ok: true, value };
}

export function cleanTitle(raw: string | null | undefined): CannedCheck<string> {
  const value = (raw ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!value) return { ok: false, problem: 'title_required' };
  if ([...value].length > CANNED_TITLE_MAX) return { ok: false, problem: 'title_too_long', max: CANNED_TITLE_MAX };
  return { ok: true, value };
}

/**
 * The language variants: at least one non-blank, each within the size limit and holding only
 * known placeholders. Blank variants are dropped (a response may exist in one language only).
 */
export function cleanVariants(raw: Partial<Record<CannedLanguage, string | null>> | null | undefined): CannedCheck<CannedVariants> {
  const variants: CannedVariants = {};
  for (const language of CANNED_LANGUAGES) {
    const text = (raw?.[language] ?? '').normalize('NFC').replace(/\r\n?/g, '\n').trim();
    if (!text) continue;
    if ([...text].length > CANNED_TEXT_MAX) return { ok: false, problem: 'text_too_long', language, max: CANNED_TEXT_MAX };
    const unknown = unknownVariables(text);
    if (unknown.length) return { ok: false, problem: 'unknown_variable', language, names: unknown };
    variants[language] = text;
  }
  if (!variants.en && !variants.ru) return { ok: false, problem: 'text_required' };
  return { ok: true, value: variants };
}

/**
 * The variant for a customer: theirs when the response has it, the other one otherwise; with no
 * known language, Russian first (most of our customers write Russian), then English.
 */
export function chooseVariant(variants: CannedVariants, preferred: CannedLanguage | null): { language: CannedLanguage; text: string } {
  const order: CannedLanguage[] = preferred === 'en' ? ['en', 'ru'] : ['ru', 'en'];
  const language = order.find((l) => variants[l]) ?? order[0];
  return { language, text: variants[language] ?? '' };
}

/** `ru-RU`, `RU`, `russian` → `ru`; `en_GB` → `en`; anything else → null. */
export function cannedLanguageOf(value: unknown): CannedLanguage | null {
  if (typeof value !== 'string') return null;
  const code = value.trim().toLowerCase().slice(0, 2);
  return code === 'ru' ? 'ru' : code === 'en' ? 'en' : null;
}

/**
 * The customer's language for choosing a variant: what their profile says (`language` or `locale`
 * attribute, set by an agent or a pre-chat form), else the language of their last words here.
 */
export function customerLanguage(hints: { attributes: Record<string, unknown> | null; lastWords: string | null }): CannedLanguage | null {
  const stated = cannedLanguageOf(hints.attributes?.language) ?? cannedLanguageOf(hints.attributes?.locale);
  if (stated) return stated;
  return hints.lastWords?.trim() ? detectLanguage(hints.lastWords) : null;
}
