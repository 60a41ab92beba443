import { createHmac, timingSafeEqual } from 'node:crypto';

/** `X-Hub-Signature-256` as Meta computes it: `sha256=` and the hex HMAC-SHA256 of the raw body with the app secret. */
export function metaSignature(appSecret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

/** Whether the header is the body's signature with this secret (constant time). */
export function validMetaSignature(header: string | undefined, appSecret: string, rawBody: Buffer | undefined): boolean {
  if (!header || !rawBody || !appSecret) return false;
  const given = Buffer.from(header.trim().toLowerCase());
  const expected = Buffer.from(metaSignature(appSecret, rawBody));
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Constant-time comparison of two strings (the verify token). */
export function sameSecret(given: string | null, expected: string): boolean {
  if (given === null || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
