import { foldForSearch } from '../customers/search-folding';
import { SEARCH_WORD, stemWord } from './search-stemming';

/**
 * Private-use characters an engine puts around a match (ts_headline's StartSel/StopSel): they
 * survive HTML escaping unchanged and become <mark> only afterwards, so customer text never
 * reaches the browser as markup.
 */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c]);
}

/** Customer text with the sentinel characters removed, before an engine adds its own. */
export function withoutMarks(text: string): string {
  return text.replace(/[\uE000\uE001]/g, '');
}

/** Text carrying MARK_START/MARK_END around matches → escaped HTML whose only tags are <mark>. */
export function markedToHtml(text: string): string {
  let open = false;
  let out = '';
  for (const part of text.split(/([\uE000\uE001])/)) {
    if (part === MARK_START) {
      if (!open) out += '<mark>';
      open = true;
    } else if (part === MARK_END) {
      if (open) out += '</mark>';
      open = false;
    } else {
      out += escapeHtml(part);
    }
  }
  return open ? `${out}</mark>` : out;
}

export interface SnippetOptions {
  /** Words shown before the first match. */
  before?: number;
  /** Words shown in all. */
  words?: number;
}

/**
 * An escaped HTML excerpt of `text` around its first word whose stem is among `stems`, every such
 * word in <mark>. Null when no word matches (the caller falls back to the text's beginning).
 */
export function highlightStems(text: string, stems: ReadonlySet<string>, options: SnippetOptions = {}): string | null {
  const before = options.before ?? 8;
  const total = options.words ?? 30;
  const tokens = [...withoutMarks(text).matchAll(SEARCH_WORD)];
  const hits = tokens.map((t) => stems.has(stemWord(foldForSearch(t[0]))));
  const first = hits.indexOf(true);
  if (first < 0) return null;
  const from = Math.max(0, first - before);
  const to = Math.min(tokens.length, from + total);
  const source = withoutMarks(text);
  const start = from === 0 ? 0 : tokens[from].index!;
  const end = to === tokens.length ? source.length : tokens[to - 1].index! + tokens[to - 1][0].length;
  let marked = '';
  let at = start;
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    marked += source.slice(at, t.index!) + (hits[i] ? `${MARK_START}${t[0]}${MARK_END}` : t[0]);
    at = t.index! + t[0].length;
  }
  marked += source.slice(at, end);
  return `${from > 0 ? '… ' : ''}${markedToHtml(marked.trim())}${to < tokens.length ? ' …' : ''}`;
}

/** The beginning of a text as escaped HTML, for a hit whose match is elsewhere (a subject, a file name). */
export function plainSnippet(text: string, maxChars = 200): string {
  const clean = withoutMarks(text).trim();
  return escapeHtml(clean.length > maxChars ? `${clean.slice(0, maxChars).trimEnd()} …` : clean);
}

/**
 * A short field (name, email, phone) as escaped HTML with the folded `needle` marked where it
 * occurs, or the whole value marked when it matched another way (a typo, a phone form).
 */
export function highlightField(value: string, needle: string): string {
  const folded = foldForSearch(value);
  // Folding keeps lengths for Cyrillic and Latin; when NFKC changed them, mark the whole value.
  const at = needle && folded.length === value.length ? folded.indexOf(needle) : -1;
  if (at < 0) return markedToHtml(`${MARK_START}${withoutMarks(value)}${MARK_END}`);
  return markedToHtml(`${value.slice(0, at)}${MARK_START}${value.slice(at, at + needle.length)}${MARK_END}${value.slice(at + needle.length)}`);
}
