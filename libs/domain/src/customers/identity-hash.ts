import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '../tokens/signed-token';

/**
 * Website identity verification, as Chatwoot's identifier hash: the site's server signs the
 * logged-in user's identifier with the inbox's secret, so a shopper cannot claim someone else's.
 * Site side (Node): crypto.createHmac('sha256', secret).update(identifier).digest('hex').
 */
export function identifierHash(secret: string, identifier: string): string {
  return createHmac('sha256', secret).update(identifier).digest('hex');
}

/** Constant-time check of a hash the browser sent; malformed input is simply not verified. */
export function verifyIdentifierHash(secret: string, identifier: unknown, hash: unknown): boolean {
  if (!secret || typeof identifier !== 'string' || typeof hash !== 'string' || !/^[0-9a-f]{64}$/i.test(hash)) return false;
  return safeEqual(Buffer.from(identifierHash(secret, identifier), 'hex'), Buffer.from(hash.toLowerCase(), 'hex'));
}

/** A new inbox identity secret: 32 random bytes, hex. */
export function newIdentitySecret(): string {
  return randomBytes(32).toString('hex');
}
