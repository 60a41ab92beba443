/** A run of snippet text, highlighted when the search matched it. */
export interface SnippetPart {
  text: string;
  mark: boolean;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const ENTITY = /&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi;
const MARKER = /<(\/?)mark>/gi;

/** Entities of the server's escaping back to characters; anything unknown stays as it was written. */
export function decodeEntities(text: string): string {
  return text.replace(ENTITY, (whole, body: string) => {
    if (body[0] !== '#') return NAMED[body.toLowerCase()] ?? whole;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * A search snippet (the text HTML-escaped, matches in <mark>…</mark>) as plain text parts, so the
 * console renders it as React text: customer text never reaches the DOM as markup. Only the literal
 * <mark> and </mark> tags the server adds are markers; an escaped `&lt;mark&gt;` typed by a customer
 * is text, and so is any other tag.
 */
export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (raw: string, mark: boolean) => {
    const text = decodeEntities(raw);
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.mark === mark) last.text += text;
    else parts.push({ text, mark });
  };
  let depth = 0;
  let from = 0;
  for (const match of snippet.matchAll(MARKER)) {
    push(snippet.slice(from, match.index), depth > 0);
    depth = match[1] ? Math.max(0, depth - 1) : depth + 1;
    from = match.index! + match[0].length;
  }
  push(snippet.slice(from), depth > 0);
  return parts;
}
