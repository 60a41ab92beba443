/**
 * Agent text → Telegram's HTML parse mode (https://core.telegram.org/bots/api#html-style).
 * Everything the agent typed is escaped, so `<`, `>` and `&` arrive as typed and can never open a
 * tag; only `**bold**`, `` `code` `` and ```` ```blocks``` ```` become formatting, which we write
 * ourselves and therefore always balance.
 */
export function toTelegramHtml(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(FORMATTING)) {
    out += escapeHtml(text.slice(last, m.index));
    if (m[1] !== undefined) out += `<pre>${escapeHtml(m[1])}</pre>`;
    else if (m[2] !== undefined) out += `<code>${escapeHtml(m[2])}</code>`;
    else out += `<b>${escapeHtml(m[3])}</b>`;
    last = m.index! + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

const FORMATTING = /```(?:[\w+-]*\n)?([\s\S]+?)```|`([^`\n]+)`|\*\*(?=\S)([^*\n]*?\S)\*\*/g;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Telegram's text limit is 4096 characters after entity parsing; leave room for the markup. */
export const MAX_TEXT = 4000;
/** Captions are limited to 1024 characters. */
export const MAX_CAPTION = 1024;

/** Splits long text into sendable pieces, at a line break or space when there is one. */
export function splitText(text: string, max = MAX_TEXT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    const at = cut > max / 2 ? cut : max;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^[\n ]/, '');
  }
  if (rest.length || parts.length === 0) parts.push(rest);
  return parts;
}
