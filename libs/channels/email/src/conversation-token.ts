/**
 * A conversation's token is its id (a UUID) in lowercase base32: 26 characters that survive mail
 * systems which change the case of addresses. It travels out of the customer's sight: in our
 * Message-ID (so In-Reply-To/References carry it back), the Reply-To plus address
 * (support+<token>@shop.example) and a small "Ref: <token>" footer that replies quote, so a reply
 * whose client dropped the headers still finds its conversation. Older mails carried it as a
 * subject tag ([#<token>]); replies to them still thread. Decoding needs no lookup table.
 *
 * It is a threading reference, not a credential, so it stays out of the signed tokens of
 * `@parley/domain` (visitor tokens, survey and attachment links): whoever can reply to one of our
 * mails holds it anyway (every CC'd party does), and the tokens already in years of customers'
 * threads carry no MAC and must keep threading, so a MAC on new ones would close nothing. It would
 * cost length (a 64-bit MAC makes 39 characters, in an address local part and a quoted footer), and
 * a rotated-out key would silently break the threading of every older mail.
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN = /^[a-z2-7]{26}$/i;
const SUBJECT_TAG = /\[#([a-z2-7]{26})\]/i;
// Case-insensitive and anywhere in the body: clients quote it as "> Ref: …" or inside their quote markup.
const FOOTER_REF = /(?:^|[^a-z0-9])Ref:\s*#?([a-z2-7]{26})(?![a-z0-9])/i;
const MESSAGE_ID_TOKEN = /^<?parley\.[^@<>]*\.([a-z2-7]{26})@/i;

export function conversationToken(conversationId: string): string {
  if (!UUID.test(conversationId)) throw new Error(`not a conversation id: ${conversationId}`);
  const bytes = Buffer.from(conversationId.replace(/-/g, ''), 'hex');
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** The conversation id a token stands for, or null when it is not one of ours. */
export function conversationIdFromToken(token: string): string | null {
  if (!TOKEN.test(token)) return null;
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const ch of token.toLowerCase()) {
    value = ((value << 5) | ALPHABET.indexOf(ch)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  const hex = Buffer.from(bytes.slice(0, 16)).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const subjectTag = (conversationId: string): string => `[#${conversationToken(conversationId)}]`;

/** The footer line a reply mail ends with; quoted back by the customer's client. */
export const footerRef = (conversationId: string): string => `Ref: ${conversationToken(conversationId)}`;

/** The token of a quoted "Ref: <token>" footer in a mail's text or HTML. */
export function footerToken(body: string | null | undefined): string | null {
  return FOOTER_REF.exec(body ?? '')?.[1].toLowerCase() ?? null;
}

/** Our Message-ID for a message of a conversation: `parley.<message id>.<token>@<domain>`. */
export const messageIdOf = (messageId: string, conversationId: string, domain: string): string => `parley.${messageId}.${conversationToken(conversationId)}@${domain}`;

/** The token inside one of our Message-IDs (as In-Reply-To/References bring it back). */
export function messageIdToken(messageId: string): string | null {
  return MESSAGE_ID_TOKEN.exec(messageId)?.[1].toLowerCase() ?? null;
}

/** The token of a `[#token]` subject tag (mails sent before the token left the subject). */
export function subjectToken(subject: string | null | undefined): string | null {
  return SUBJECT_TAG.exec(subject ?? '')?.[1].toLowerCase() ?? null;
}

/**
 * The subject without reply/forward prefixes (any language clients use) and without our tag:
 * what the conversation is about, for "Re: <subject>" on replies.
 */
export function baseSubject(subject: string | null | undefined): string {
  let s = (subject ?? '').replace(/\s*\[#[a-z2-7]{26}\]\s*/gi, ' ').replace(/\s+/g, ' ').trim();
  const prefix = /^(re|fwd?|aw|wg|sv|vs|antw|tr|rif|r|ответ|отв|пересл|fw)\s*(\[\d+\]|\(\d+\))?\s*:\s*/i;
  for (let i = 0; i < 10 && prefix.test(s); i++) s = s.replace(prefix, '');
  return s;
}
