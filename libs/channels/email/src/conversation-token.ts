/**
 * A conversation's token is its id (a UUID) in lowercase base32: 26 characters that survive mail
 * systems which change the case of addresses. It travels in the Reply-To plus address
 * (support+<token>@shop.example) and in the subject tag ([#<token>]), so a reply whose client
 * dropped In-Reply-To/References still finds its conversation. Decoding needs no lookup table.
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN = /^[a-z2-7]{26}$/i;
const SUBJECT_TAG = /\[#([a-z2-7]{26})\]/i;

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

/** The token of a `[#token]` subject tag, if the subject carries one. */
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
