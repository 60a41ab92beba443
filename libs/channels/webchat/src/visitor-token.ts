import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

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
