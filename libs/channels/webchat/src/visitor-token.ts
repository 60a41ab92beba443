import { createHash, createHmac, randomUUID } from 'node:crypto';
import { safeEqual, signToken, verifyToken, type TokenKeyRing } from '@parley/domain';

/**
 * A visitor token is a signed token (`@parley/domain` tokens, purpose `visitor`) whose payload is the
 * visitor id: the widget keeps it in localStorage, and only its holder can continue that visitor's
 * history. Nothing to look up: the signature proves it. It never expires.
 */
const PURPOSE = 'visitor';

/** The token ring, and the secret of tokens issued before it, which live on in visitors' browsers. */
export interface VisitorTokenKeys {
  ring: TokenKeyRing;
  legacySecret: string;
}

export function issueVisitorToken(ring: TokenKeyRing, visitorId: string = randomUUID()): string {
  return signToken(ring, PURPOSE, visitorId);
}

export function verifyVisitorToken(keys: VisitorTokenKeys, token: unknown): string | null {
  return verifyToken(keys.ring, PURPOSE, token)?.payload ?? verifyLegacyVisitorToken(keys.legacySecret, token);
}

/**
 * The visitor a connection speaks for, and the token its widget should keep from now on: the one it
 * presented while that is current, the same visitor under the current key when it presented a legacy
 * token or one of a previous key (so a rotation's old key can be dropped once widgets reconnected),
 * a new visitor otherwise.
 */
export function resolveVisitorToken(keys: VisitorTokenKeys, presented: unknown): { visitorId: string; visitorToken: string } {
  const verified = verifyToken(keys.ring, PURPOSE, presented);
  if (verified?.current) return { visitorId: verified.payload, visitorToken: presented as string };
  const visitorId = verified?.payload ?? verifyLegacyVisitorToken(keys.legacySecret, presented) ?? randomUUID();
  return { visitorId, visitorToken: issueVisitorToken(keys.ring, visitorId) };
}

/** Tokens issued before the signed-token format: `<visitorId>.<HMAC-SHA256("visitor:" + id), base64url>`. */
function verifyLegacyVisitorToken(secret: string, token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const visitorId = token.slice(0, dot);
  return safeEqual(token.slice(dot + 1), legacyVisitorMac(secret, visitorId)) ? visitorId : null;
}

/** Exported for tests that hold a token issued before the signed-token format. */
export function legacyVisitorMac(secret: string, visitorId: string): string {
  return createHmac('sha256', secret).update(`visitor:${visitorId}`).digest('base64url');
}

/**
 * The id of the customer a visitor becomes. Announced on connect (the `session` event carries it)
 * but created only with the visitor's first message, so connections that never write leave no rows
 * behind; derived from the visitor id, so every node and every reconnect names the same one.
 */
export function customerIdOfVisitor(visitorId: string): string {
  const hex = createHash('sha256').update(`parley:webchat-customer:${visitorId}`).digest('hex');
  // Shaped as an RFC 4122 name-based uuid (version 5 nibble, variant 10xx).
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
