/** A MessageEntity (https://core.telegram.org/bots/api#messageentity); offsets in UTF-16 units. */
export interface MessageEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
}

const TAGS: Record<string, string> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough', 'tg-spoiler': 'spoiler',
  span: 'spoiler', a: 'text_link', code: 'code', pre: 'pre', blockquote: 'blockquote', 'tg-emoji': 'custom_emoji',
};

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/**
 * The Bot API's HTML parse mode, as strictly as Telegram applies it: a `<` that does not open a
 * supported tag, an unclosed or crossed tag, or an unknown entity is "Bad Request: can't parse
 * entities". Returns the plain text and its entities.
 */
export function parseBotApiHtml(html: string): { text: string; entities: MessageEntity[] } {
  let text = '';
  const entities: MessageEntity[] = [];
  const open: { tag: string; entity: MessageEntity }[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`can't parse entities: ${what} at byte offset ${Buffer.byteLength(html.slice(0, i))}`);
  };
  while (i < html.length) {
    const ch = html[i];
    if (ch === '<') {
      const end = html.indexOf('>', i);
      if (end < 0) fail('unclosed start tag');
      const raw = html.slice(i + 1, end);
      if (raw.startsWith('/')) {
        const name = raw.slice(1).trim().toLowerCase();
        const top = open.pop();
        if (!top) fail(`unexpected end tag "${name}"`);
        if (top!.tag !== name) fail(`unmatched end tag, expected "</${top!.tag}>", found "</${name}>"`);
        top!.entity.length = text.length - top!.entity.offset;
        if (top!.entity.length > 0) entities.push(top!.entity);
      } else {
        const m = /^([a-z-]+)((?:\s+[a-z-]+\s*=\s*"[^"]*")*)\s*$/i.exec(raw);
        const name = m?.[1].toLowerCase();
        if (!m || !name || !(name in TAGS)) fail(`unsupported start tag "${raw.split(/\s/)[0]}"`);
        const attrs = Object.fromEntries([...m![2].matchAll(/([a-z-]+)\s*=\s*"([^"]*)"/gi)].map((a) => [a[1].toLowerCase(), decode(a[2])]));
        if (name === 'span' && attrs.class !== 'tg-spoiler') fail('tag "span" must have class "tg-spoiler"');
        if (name === 'a' && !attrs.href) fail('tag "a" must have an href');
        const entity: MessageEntity = { type: TAGS[name!], offset: text.length, length: 0 };
        if (name === 'a') entity.url = attrs.href;
        open.push({ tag: name!, entity });
      }
      i = end + 1;
    } else if (ch === '&') {
      const m = /^&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/i.exec(html.slice(i, i + 12));
      if (!m) fail('unescaped "&"');
      const name = m![1];
      const value = name.startsWith('#x') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : NAMED[name.toLowerCase()];
      if (value === undefined) fail(`unsupported HTML entity "&${name};"`);
      text += value;
      i += m![0].length;
    } else if (ch === '>') {
      fail('unescaped ">"');
    } else {
      text += ch;
      i++;
    }
  }
  if (open.length) throw new Error(`can't parse entities: can't find end tag corresponding to start tag "${open[open.length - 1].tag}"`);
  return { text, entities: entities.sort((a, b) => a.offset - b.offset) };
}

function decode(value: string): string {
  return value.replace(/&(lt|gt|amp|quot);/g, (_, n: string) => NAMED[n]);
}
