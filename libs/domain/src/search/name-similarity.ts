import { searchWords } from './search-stemming';

/** A name matches a mistyped query from this score up ("Ивнов" → "Иванов" scores 0.44). */
export const NAME_SIMILARITY_THRESHOLD = 0.4;

/** Trigrams of a word as pg_trgm counts them: padded with two spaces before and one after. */
export function wordTrigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const t of a) if (b.has(t)) common++;
  return common / (a.size + b.size - common);
}

/**
 * How well a typed query matches a name (or any short text), 0…1: for each word of the query the
 * best trigram similarity with a word of the text, averaged. The embedded database's stand-in for
 * pg_trgm's word similarity; insensitive to word order and to one letter more, less or swapped.
 */
export function nameSimilarity(query: string, text: string): number {
  const asked = searchWords(query);
  const words = searchWords(text).map(wordTrigrams);
  if (!asked.length || !words.length) return 0;
  let sum = 0;
  for (const word of asked) {
    const t = wordTrigrams(word);
    sum += Math.max(...words.map((w) => jaccard(t, w)));
  }
  return sum / asked.length;
}

/** The trigrams inside the query's words (no padding): what a trigram index can look up to find candidates. */
export function innerTrigrams(query: string): string[] {
  const out = new Set<string>();
  for (const word of searchWords(query)) for (let i = 0; i + 3 <= word.length; i++) out.add(word.slice(i, i + 3));
  return [...out];
}
