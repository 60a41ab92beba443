/**
 * Quoted history and signatures, collapsed: the thread shows what the customer wrote this time,
 * and the full text stays one click away. Heuristics for the clients people use (Gmail, Outlook,
 * Apple Mail, Thunderbird, The Bat!, Yandex/Mail.ru), in English, Russian and a few others.
 */

// A line that introduces quoted history: "On … wrote:", "… пишет:", Outlook's header block, "Вы писали …:".
const ATTRIBUTION = [
  /^on\b.{0,300}\bwrote:\s*$/i,
  /^am\b.{0,300}\bschrieb.{0,200}:\s*$/i,
  /^le\b.{0,300}\ba écrit\s*:\s*$/i,
  // No \b around Cyrillic words: JavaScript's word boundary only knows ASCII letters.
  /^.{0,300}(^|\s)(пишет|написал|написала|писал|писала|писал\(а\)):\s*$/i,
  /^(вы|ты) писали?\s.{0,200}:\s*$/i,
  /^-{2,}\s*(original message|forwarded message|исходное сообщение|пересылаемое сообщение|ursprüngliche nachricht)\s*-{2,}\s*$/i,
  /^_{20,}\s*$/,
];
// Outlook's "From: … / Sent: …" header block (and its Russian form) starts the quoted part.
const HEADER_FROM = /^\*?(from|от|von|de):\*?\s+\S/i;
const HEADER_NEXT = /^\*?(sent|date|to|отправлено|дата|кому|gesendet|envoyé):\*?\s/i;
const SIGNATURE = /^(--|—|-- )\s*$/;
const MOBILE_FOOTER = /^(sent from my \w+|sent from (mail|outlook) for \w+|get outlook for \w+|отправлено (с|из) (моего )?\S+|sent from yahoo mail.*|sent via .{1,40})\s*$/i;

export interface QuoteSplit {
  /** What the sender wrote this time. */
  visible: string;
  /** True when quoted history or a signature was cut off. */
  collapsed: boolean;
}

export function splitQuotedText(text: string): QuoteSplit {
  const full = text.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  const lines = full.split('\n');
  let cut = lines.length;
  for (let i = 0; i < lines.length && cut === lines.length; i++) {
    const line = lines[i].trim();
    const joined = i + 1 < lines.length ? `${line} ${lines[i + 1].trim()}` : line;
    if (ATTRIBUTION.some((re) => re.test(line))) cut = i;
    else if (/^on\b/i.test(line) && ATTRIBUTION[0].test(joined)) cut = i; // Gmail wraps long attributions
    else if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 4).some((l) => HEADER_NEXT.test(l.trim()))) cut = i;
    else if (line.endsWith(':') && nextNonEmpty(lines, i + 1)?.startsWith('>')) cut = i;
  }
  // A trailing block of "> " lines (with no attribution line) is quoted history too.
  let end = cut;
  while (end > 0 && (lines[end - 1].trim() === '' || lines[end - 1].trimStart().startsWith('>'))) end--;
  if (end < cut && lines.slice(end, cut).some((l) => l.trimStart().startsWith('>'))) cut = end;
  let body = lines.slice(0, cut);
  const sig = body.findIndex((l) => SIGNATURE.test(l));
  if (sig >= 0) body = body.slice(0, sig);
  while (body.length && (body[body.length - 1].trim() === '' || MOBILE_FOOTER.test(body[body.length - 1].trim()))) body.pop();
  const visible = body.join('\n').trim();
  // All quote, nothing new (a bare forward): show it all rather than nothing.
  if (!visible) return { visible: full.trim(), collapsed: false };
  return { visible, collapsed: visible !== full.trim() };
}

function nextNonEmpty(lines: string[], from: number): string | undefined {
  for (let i = from; i < lines.length && i < from + 3; i++) if (lines[i].trim()) return lines[i].trim();
  return undefined;
}

// Where quoted history starts in the HTML mail clients produce (first match wins).
const HTML_QUOTE_STARTS = [
  /<div[^>]*class="[^"]*\bgmail_quote\b/i,
  /<div[^>]*class="[^"]*\bgmail_signature\b/i,
  /<div[^>]*class="[^"]*\bmoz-cite-prefix\b/i,
  /<div[^>]*class="[^"]*\bmoz-signature\b/i,
  /<blockquote[^>]*type="?cite/i,
  /<div[^>]*id="?(divRplyFwdMsg|appendonsend|mail-editor-reference-message-container)\b/i,
  /<div[^>]*style="[^"]*border-top:\s*solid\s*#(E1E1E1|B5C4DF)/i,
  /<div[^>]*class="[^"]*\byahoo_quoted\b/i,
  /<hr[^>]*id="?stopSpelling/i,
];

/** The HTML before the quoted history, or null when none is recognised. */
export function cutQuotedHtml(html: string): string | null {
  let cut = -1;
  for (const re of HTML_QUOTE_STARTS) {
    const m = re.exec(html);
    if (m && (cut < 0 || m.index < cut)) cut = m.index;
  }
  return cut > 0 ? html.slice(0, cut) : null;
}
