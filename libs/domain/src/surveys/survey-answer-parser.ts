import { SURVEY_SCALES, type SurveyType } from './survey-scoring';

const WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  ноль: 0, нуль: 0, один: 1, одна: 1, раз: 1, единица: 1, единичка: 1, кол: 1, два: 2, две: 2, двойка: 2, три: 3, тройка: 3,
  четыре: 4, четверка: 4, пять: 5, пятерка: 5, пятерочка: 5, шесть: 6, шестерка: 6, семь: 7, семерка: 7, восемь: 8, восьмерка: 8,
  девять: 9, девятка: 9, десять: 10, десятка: 10,
};

const STARS = /[⭐★🌟]/gu;
const THUMBS_UP = /👍|👌|❤️?|😍|🥰/u;
const THUMBS_DOWN = /👎|😡|🤬/u;

/** Longer than this it is a message, not an answer (a score with a word or two around it still fits). */
const MAX_ANSWER_WORDS = 4;

/**
 * A customer's free-form answer → a score on the survey's scale, or null when it is not one.
 * Tolerates "5", "5!", "пять", "five", "⭐⭐⭐⭐", "10/10", "4 из 5", "4 out of 5", "5️⃣", "👍"/"👎";
 * a number inside a longer message ("order 12345 never came") is not a score.
 */
export function parseScore(input: string | null | undefined, type: SurveyType): number | null {
  if (!input) return null;
  const { min, max } = SURVEY_SCALES[type];
  const valid = (n: number | null | undefined) => (n !== null && n !== undefined && Number.isInteger(n) && n >= min && n <= max ? n : null);
  const text = input.normalize('NFC').toLowerCase().replace(/ё/g, 'е').trim();
  if (!text) return null;

  const keycaps = [...text.matchAll(/([0-9])\ufe0f?\u20e3|🔟/gu)].map((m) => (m[0] === '🔟' ? 10 : Number(m[1])));
  if (keycaps.length === 1) return valid(keycaps[0]);
  if (keycaps.length === 2 && keycaps[0] === 1 && keycaps[1] === 0) return valid(10);

  const stars = text.match(STARS)?.length ?? 0;
  const rest = text.replace(STARS, '').replace(/[\s\ufe0f!.]/gu, '');
  if (stars > 0 && !/\d/.test(rest)) return valid(stars);

  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length > MAX_ANSWER_WORDS) return null;

  const fraction = text.match(/(\d{1,2})\s*(?:\/|из|of|out of)\s*(\d{1,2})/u);
  if (fraction) {
    const [num, den] = [Number(fraction[1]), Number(fraction[2])];
    if (den === max) return valid(num);
    return null;
  }
  const numbers = text.match(/\d+(?:[.,]\d+)?/g) ?? [];
  if (numbers.length === 1) return /[.,]/.test(numbers[0]) ? null : valid(Number(numbers[0]));
  if (numbers.length > 1) return null;

  const named = words.map((w) => WORDS[w]).filter((n) => n !== undefined);
  if (named.length === 1) return valid(named[0]);
  if (named.length > 1) return null;

  if (words.length === 0) {
    if (THUMBS_UP.test(text)) return type === 'ces' ? min : max;
    if (THUMBS_DOWN.test(text)) return type === 'ces' ? max : min;
  }
  return null;
}

/** "unsubscribe", "отписаться", "no more surveys"… — always honoured, in any survey state. */
export function isUnsubscribe(input: string | null | undefined): boolean {
  if (!input) return false;
  const text = input.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\s]/gu, ' ').replace(/\s+/g, ' ').trim();
  return /^(unsubscribe|stop surveys?|no more surveys|отписаться|отписка|отпишите( меня)?|не присылайте опросы|без опросов)$/u.test(text);
}

/** A short reply that was probably meant as an answer (asked again once); anything longer is a new message. */
export function looksLikeAnswerAttempt(input: string | null | undefined): boolean {
  if (!input) return false;
  const words = input.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length <= MAX_ANSWER_WORDS && !input.includes('?') && input.trim().length <= 40;
}
