import { searchWords } from './search-stemming';

/** A name matches a mistyped query from this score up ("Ивнов" → "Иванов" scores 0.44). */
export const NAME_SIMILARITY_THRESHOLD = 0.4;

/** Trigrams of a word as pg_trgm counts them, in order: padded with two spaces before and one after. */
export function wordTrigrams(word: string): string[] {
  const padded = `  ${word} `;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) out.push(padded.slice(i, i + 3));
  return out;
}

/**
 * pg_trgm's word similarity of a query word with a text word: the best, over every run of the
 * word's trigrams in order, of shared / (query's + run's − shared) distinct trigrams. A run lets a
 * short query match the part of a longer name it shares ("Ппов" → "Попов" 0.4, where the whole
 * words score 0.375), as PostgreSQL's `%>` does.
 */
function wordSimilarity(query: Set<string>, word: string[]): number {
  let best = 0;
  for (let from = 0; from < word.length; from++) {
    const run = new Set<string>();
    let shared = 0;
    for (let to = from; to < word.length; to++) {
      if (!run.has(word[to])) {
        run.add(word[to]);
        if (query.has(word[to])) shared++;
      }
      best = Math.max(best, shared / (query.size + run.size - shared));
    }
  }
  return best;
}

/**
 * How well a typed query matches a name (or any short text), 0…1: for each word of the query the
 * best word similarity with a word of the text, averaged. The embedded database's stand-in for
 * pg_trgm's `word_similarity`, word by word; insensitive to word order and to one letter more,
 * less or swapped.
 */
export function nameSimilarity(query: string, text: string): number {
  const asked = searchWords(query);
  const words = searchWords(text).map(wordTrigrams);
  if (!asked.length || !words.length) return 0;
  let sum = 0;
  for (const word of asked) {
    const t = new Set(wordTrigrams(word));
    sum += Math.max(...words.map((w) => wordSimilarity(t, w)));
  }
  return sum / asked.length;
}

/** The trigrams inside the query's words (no padding): what a trigram index can look up to find candidates. */
export function innerTrigrams(query: string): string[] {
  const out = new Set<string>();
  for (const word of searchWords(query)) for (let i = 0; i + 3 <= word.length; i++) out.add(word.slice(i, i + 3));
  return [...out];
}
