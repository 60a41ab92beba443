import { foldForSearch } from '../customers/search-folding';

type Stemmer = { stemmer(word: string): string };

// @orama/stemmers (Snowball) publishes its CommonJS build only through package "exports", which
// our moduleResolution "node" does not read: the one typed require, here, for every search caller.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const russian = (require('@orama/stemmers/russian') as Stemmer).stemmer;
// eslint-disable-next-line @typescript-eslint/no-var-requires
const english = (require('@orama/stemmers/english') as Stemmer).stemmer;

/**
 * A word as search sees it: a run of letters of any script, or of digits; everything else separates
 * words, and so does a change between letters and digits ("№10482" folds to "no10482": "10482" is a word).
 */
export const SEARCH_WORD = /\p{L}+|\p{N}+/gu;

const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /[a-z]/;

/** The folded words of a text (foldForSearch: any case, ё = е), in order. */
export function searchWords(text: string): string[] {
  return foldForSearch(text).match(SEARCH_WORD) ?? [];
}

/**
 * The stem of one folded word: Russian Snowball for Cyrillic, English for Latin ("заказы" and
 * "заказ" → "заказ", "refunds" → "refund"); numbers and other scripts stay as written.
 */
export function stemWord(word: string): string {
  if (CYRILLIC.test(word)) return russian(word);
  if (LATIN.test(word)) return english(word);
  return word;
}

/** A text as the embedded full-text index stores it: folded, stemmed words separated by spaces. */
export function stemText(text: string | null | undefined): string {
  return text ? searchWords(text).map(stemWord).join(' ') : '';
}
