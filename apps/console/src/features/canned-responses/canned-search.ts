import type { CannedLanguage, CannedResponseDto } from '@parley/contracts';

/** One response as the reply box's list searches it: its search keys folded once, when the list arrives. */
export interface CannedSearchEntry {
  response: CannedResponseDto;
  shortcode: string;
  /** Shortcode and title, folded: fuzzy-matched. */
  head: string;
  /** Both texts, folded: matched as a substring (a subsequence of a long text matches anything). */
  body: string;
}

export interface CannedMatch {
  response: CannedResponseDto;
  /** The variant offered: the customer's language when the response has it. */
  language: CannedLanguage;
  text: string;
}

/** As the server folds names: any case in any script, ё = е. */
export const foldCanned = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/ё/g, 'е');

export function cannedSearchIndex(responses: CannedResponseDto[]): CannedSearchEntry[] {
  return responses.map((response) => ({
    response,
    shortcode: foldCanned(response.shortcode),
    head: foldCanned(`${response.shortcode} ${response.title}`),
    body: foldCanned(`${response.variants.ru ?? ''}\n${response.variants.en ?? ''}`),
  }));
}

/** Each character of `query` in order in `text`, gaps allowed ("дст" in "доставка"). */
function isSubsequence(query: string, text: string): boolean {
  let at = 0;
  for (const ch of query) {
    at = text.indexOf(ch, at);
    if (at < 0) return false;
    at += ch.length;
  }
  return true;
}

const FUZZY = 3;

/** Lower is better; null: no match. Shortcode prefix, then shortcode or title substring, text substring, fuzzy. */
function score(entry: CannedSearchEntry, query: string): number | null {
  if (!query) return FUZZY;
  if (entry.shortcode.startsWith(query)) return 0;
  if (entry.head.includes(query)) return 1;
  if (entry.body.includes(query)) return 2;
  return isSubsequence(query, entry.head) ? FUZZY : null;
}

export function preferredVariant(response: CannedResponseDto, language: CannedLanguage | null): { language: CannedLanguage; text: string } {
  const order: CannedLanguage[] = language === 'en' ? ['en', 'ru'] : ['ru', 'en'];
  const chosen = order.find((l) => response.variants[l]) ?? order[0];
  return { language: chosen, text: response.variants[chosen] ?? '' };
}

/**
 * The best `limit` responses for what was typed after `/`, best first (then by shortcode), each
 * offered in the customer's language when it has that variant. One pass over the index: fast
 * enough for thousands of responses on every keystroke.
 */
export function searchCanned(index: CannedSearchEntry[], rawQuery: string, language: CannedLanguage | null, limit = 8): CannedMatch[] {
  const query = foldCanned(rawQuery.trim());
  let hits: { entry: CannedSearchEntry; score: number }[] = [];
  for (const entry of index) {
    const s = score(entry, query);
    if (s !== null) hits.push({ entry, score: s });
  }
  // Fuzzy matches only when nothing matches as typed: "ответ-1234" must not list "ответ-1243".
  if (query && hits.some((h) => h.score < FUZZY)) hits = hits.filter((h) => h.score < FUZZY);
  hits.sort((a, b) => a.score - b.score || (a.entry.shortcode < b.entry.shortcode ? -1 : a.entry.shortcode > b.entry.shortcode ? 1 : 0));
  return hits.slice(0, limit).map(({ entry }) => ({ response: entry.response, ...preferredVariant(entry.response, language) }));
}
