/** The domain's own word; tools/lint/domain-contracts.spec.ts keeps it equal to the api's. */
export type Sentiment = 'negative' | 'neutral' | 'positive';
import { EN_LEXICON, type Lexicon, NEGATIVE_EMOJI, NEGATORS, POSITIVE_EMOJI, RU_LEXICON } from './sentiment-lexicon';

export interface SentimentResult {
  language: 'ru' | 'en';
  score: number;
  label: Sentiment;
}

/** Russian when Cyrillic letters are at least as many as Latin ones; English otherwise. */
export function detectLanguage(text: string): 'ru' | 'en' {
  const cyr = text.match(/[а-яё]/gi)?.length ?? 0;
  const lat = text.match(/[a-z]/gi)?.length ?? 0;
  return cyr > 0 && cyr >= lat ? 'ru' : 'en';
}

interface CompiledLexicon {
  words: Map<string, number>;
  /** Stems ordered longest first so the most specific one wins. */
  stems: [string, number][];
  phrases: { tokens: string[]; score: number }[];
}

function compile(lexicon: Lexicon): CompiledLexicon {
  const words = new Map<string, number>();
  const stems: [string, number][] = [];
  const phrases: { tokens: string[]; score: number }[] = [];
  for (const [entry, score] of Object.entries(lexicon)) {
    if (entry.includes(' ')) phrases.push({ tokens: entry.split(' '), score });
    else if (entry.endsWith('*')) stems.push([entry.slice(0, -1), score]);
    else words.set(entry, score);
  }
  stems.sort((a, b) => b[0].length - a[0].length);
  phrases.sort((a, b) => b.tokens.length - a.tokens.length);
  return { words, stems, phrases };
}

const COMPILED = { en: compile(EN_LEXICON), ru: compile(RU_LEXICON) };

const matches = (pattern: string, token: string) => (pattern.endsWith('*') ? token.startsWith(pattern.slice(0, -1)) : token === pattern);

function valence(lex: CompiledLexicon, token: string): number {
  const exact = lex.words.get(token);
  if (exact !== undefined) return exact;
  for (const [stem, score] of lex.stems) if (token.startsWith(stem)) return score;
  return 0;
}

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[’`]/g, "'")
    .match(/[\p{L}\p{N}']+/gu) ?? [];
}

/** How many following words a negator reaches ("not happy", "не доволен", but not "never had such a bad"). */
const NEGATION_SCOPE = 2;

/**
 * Lexicon scoring with phrases and negation: a negator flips the valence of a sentiment word within
 * the next two words; emoji and emoticons count ±2. Both languages are scored so mixed messages work.
 */
export function analyzeSentiment(text: string): SentimentResult {
  const language = detectLanguage(text);
  const tokens = tokenize(text);
  let score = 0;
  for (const lex of [COMPILED[language], COMPILED[language === 'ru' ? 'en' : 'ru']]) {
    let negateUntil = -1;
    for (let i = 0; i < tokens.length; i++) {
      const phrase = lex.phrases.find((p) => p.tokens.every((pt, k) => i + k < tokens.length && matches(pt, tokens[i + k])));
      if (phrase) {
        score += phrase.score;
        i += phrase.tokens.length - 1;
        negateUntil = -1;
        continue;
      }
      const token = tokens[i];
      if (NEGATORS.has(token)) {
        negateUntil = i + NEGATION_SCOPE;
        continue;
      }
      const v = valence(lex, token);
      if (v !== 0) {
        score += i <= negateUntil ? -v : v;
        negateUntil = -1;
      }
    }
  }
  score += 2 * (text.match(POSITIVE_EMOJI)?.length ?? 0) - 2 * (text.match(NEGATIVE_EMOJI)?.length ?? 0);
  const label: Sentiment = score <= -2 ? 'negative' : score >= 2 ? 'positive' : 'neutral';
  return { language, score, label };
}
