import { hkdfSync } from 'node:crypto';
import { TokenKeyRing, type TokenKey } from '@parley/domain';

/** The id of the key every instance derives from its generated secret: the default, and a ring member by name. */
export const INSTANCE_TOKEN_KEY = 'instance';

/** One entry of PARLEY_TOKEN_KEYS: a key of its own, or the instance key (no secret). */
export type TokenKeySetting = { id: string; secret?: string };

/**
 * PARLEY_TOKEN_KEYS, newest first: `id:secret,…` (secrets 32+ characters, e.g. `openssl rand -base64 32`),
 * where a bare `instance` keeps the generated instance key verifying while tokens it signed live on.
 * Read at start, so a typo stops the node instead of failing every visitor and link later.
 */
export function parseTokenKeys(value: string | undefined): TokenKeySetting[] | undefined {
  if (!value?.trim()) return undefined;
  const keys = value.split(',').map((entry) => entry.trim()).filter(Boolean).map((entry): TokenKeySetting => {
    if (entry === INSTANCE_TOKEN_KEY) return { id: INSTANCE_TOKEN_KEY };
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    const secret = entry.slice(colon + 1);
    if (!/^[A-Za-z0-9_-]{1,16}$/.test(id) || id === INSTANCE_TOKEN_KEY) {
      throw new Error(`PARLEY_TOKEN_KEYS: each entry is id:secret (id 1-16 letters, digits, "_" or "-", not "${INSTANCE_TOKEN_KEY}") or the bare word ${INSTANCE_TOKEN_KEY}`);
    }
    if (secret.length < 32) throw new Error(`PARLEY_TOKEN_KEYS: the secret of key "${id}" must be at least 32 characters`);
    return { id, secret };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) throw new Error('PARLEY_TOKEN_KEYS: key ids must be unique');
  return keys;
}

/**
 * The ring every token is signed and verified with. Without PARLEY_TOKEN_KEYS it holds the instance
 * key alone, derived (not reused) from the generated visitor secret so the legacy formats' key and the
 * new one stay independent.
 */
export function tokenKeyRing(configured: TokenKeySetting[] | undefined, instanceSecret: string): TokenKeyRing {
  const instance: TokenKey = { id: INSTANCE_TOKEN_KEY, secret: Buffer.from(hkdfSync('sha256', instanceSecret, 'parley', 'signed tokens v1', 32)) };
  return new TokenKeyRing((configured ?? [{ id: INSTANCE_TOKEN_KEY }]).map((k) => (k.secret === undefined ? instance : { id: k.id, secret: k.secret })));
}
