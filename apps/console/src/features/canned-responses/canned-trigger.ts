/** Where the agent is typing a `/shortcode` (or `;shortcode`) in the reply box. */
export interface CannedTrigger {
  /** Index of the `/` or `;`. */
  start: number;
  /** The caret. */
  end: number;
  /** What follows the `/`, up to the caret. */
  query: string;
}

/**
 * The `/word` or `;word` just before the caret, when it starts the box or follows a space or a
 * line break (so a URL's or a date's slash does not open the list); null otherwise.
 */
export function cannedTrigger(text: string, caret: number): CannedTrigger | null {
  let start = caret;
  while (start > 0 && !/\s/.test(text[start - 1])) start--;
  const token = text.slice(start, caret);
  if (!token || (token[0] !== '/' && token[0] !== ';')) return null;
  const query = token.slice(1);
  if (/[/;]/.test(query)) return null;
  return { start, end: caret, query };
}

/** The text with the trigger replaced by the response, and the caret after it. */
export function insertCanned(text: string, trigger: CannedTrigger, inserted: string): { text: string; caret: number } {
  const before = text.slice(0, trigger.start);
  const after = text.slice(trigger.end);
  return { text: before + inserted + after, caret: before.length + inserted.length };
}

const PLACEHOLDER = /{{([^{}]*)}}/g;

/** `{{…}}` placeholders still in a draft: the agent fills them in before the reply may go. */
export function unresolvedPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1].trim()))];
}
