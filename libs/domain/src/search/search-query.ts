import { foldForSearch } from '../customers/search-folding';
import { looksLikePhone, toE164 } from '../customers/phone-numbers';
import { searchWords } from './search-stemming';

/** Longer queries are refused (400): nobody types them, and each word costs index lookups. */
export const MAX_SEARCH_QUERY_LENGTH = 500;
/** Words beyond this many are ignored: the first ones already narrow the results to nothing. */
export const MAX_SEARCH_WORDS = 16;

/**
 * A search query reduced to what the engines may see: folded words (letters and digits only, so
 * no operator of tsquery, websearch or FTS5 syntax survives), quoted phrases, and phone forms.
 */
export interface SearchQuery {
  /** Words outside quotes, folded, without repeats. */
  words: string[];
  /** Quoted phrases of two words or more, folded; a one-word "phrase" is a word. */
  phrases: string[][];
  /** `words` and `phrases` as web-search syntax: words and double-quoted phrases, nothing else. */
  text: string;
  /** The whole query folded, spaces collapsed, quotes dropped: for substring and typo matching of names, emails, ids. */
  folded: string;
  /** The query in E.164 when it is written as a phone number ("+7 (999) 123-45-67" → "+79991234567"). */
  phone: string | null;
  /** The digits of a phone-like query, for numbers stored in part or in another form. */
  digits: string | null;
}

/**
 * Reads what a user typed into the search box. Returns null when nothing is left to search for
 * (only punctuation or operators): the caller answers with no results rather than an error.
 */
export function parseSearchQuery(raw: string, phoneRegion?: string): SearchQuery | null {
  const segments = raw.split('"');
  // An unbalanced quote opens no phrase: the text after it is read as plain words.
  const closed = segments.length % 2 === 1 ? segments.length : segments.length - 1;
  const words: string[] = [];
  const phrases: string[][] = [];
  const seen = new Set<string>();
  const addWord = (w: string) => {
    if (seen.has(w) || seen.size >= MAX_SEARCH_WORDS) return;
    seen.add(w);
    words.push(w);
  };
  segments.forEach((segment, i) => {
    const inQuotes = i % 2 === 1 && i < closed;
    const found = searchWords(segment);
    if (inQuotes && found.length > 1) phrases.push(found.slice(0, MAX_SEARCH_WORDS));
    else found.forEach(addWord);
  });
  const phoneLike = looksLikePhone(raw);
  if (!words.length && !phrases.length) return null;
  const text = [...words, ...phrases.map((p) => `"${p.join(' ')}"`)].join(' ');
  return {
    words,
    phrases,
    text,
    folded: foldForSearch(raw).replace(/"/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_SEARCH_QUERY_LENGTH),
    phone: phoneLike ? toE164(raw, phoneRegion) : null,
    digits: phoneLike ? raw.replace(/\D/g, '') : null,
  };
}
