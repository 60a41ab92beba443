import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * A visitor token is `<visitorId>.<hmac>`: the widget keeps it in localStorage, and only its
 * holder can continue that visitor's history. Nothing to look up: the signature proves it.
 */
export function issueVisitorToken(secret: string, visitorId: string = randomUUID()): string {
  return `${visitorId}.${sign(secret, visitorId)}`;
}

export function verifyVisitorToken(secret: string, token: unknown): string | null {
  if (typeof token !== 'string' || token.length > 200) return null;
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  const visitorId = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const expected = Buffer.from(sign(secret, visitorId));
  return given.length === expected.length && timingSafeEqual(given, expected) ? visitorId : null;
}

function sign(secret: string, visitorId: string): string {
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
