import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SecretCipher } from '@parley/persistence';

/**
 * Secrets at rest (provider tokens, mail passwords, signing keys) as AES-256-GCM envelopes:
 * `enc:v1:<key id>:<iv>:<tag>:<ciphertext>`, base64url. The key id says which key of the ring
 * opens it, so a ring of several keys reads what older keys wrote while the first seals new values.
 * The header is authenticated too: a value moved to another key id or version fails to open.
 */
const PREFIX = 'enc';
const VERSION = 'v1';
const IV_BYTES = 12;
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export interface EncryptionKey {
  id: string;
  key: Buffer;
}

/** The keys Parley may read with; the first one seals every new value. */
export class KeyRing {
  private readonly byId = new Map<string, Buffer>();

  constructor(readonly keys: EncryptionKey[]) {
    if (keys.length === 0) throw new Error('An encryption key ring needs at least one key');
    for (const { id, key } of keys) {
      if (!KEY_ID.test(id)) throw new Error(`Encryption key id "${id}" must be 1-32 letters, digits, _ or -`);
      if (key.length !== KEY_BYTES) throw new Error(`Encryption key ${id} must be ${KEY_BYTES} bytes (base64 of 32 random bytes)`);
      if (this.byId.has(id)) throw new Error(`Encryption key id ${id} is listed twice`);
      this.byId.set(id, key);
    }
  }

  get current(): EncryptionKey {
    return this.keys[0];
  }

  key(id: string): Buffer | undefined {
    return this.byId.get(id);
  }
}

/** 12-byte iv and 16-byte tag in base64url: a clear password that merely starts with `enc:` is not taken for one. */
const ENVELOPE = /^enc:v\d+:[A-Za-z0-9_-]{1,32}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]*$/;

export function isSealed(value: string): boolean {
  return ENVELOPE.test(value);
}

/** The key id a sealed value names, or null for a value still in clear. */
export function sealedWith(value: string): string | null {
  return isSealed(value) ? value.split(':')[2] : null;
}

export function seal(ring: KeyRing, clear: string): string {
  const { id, key } = ring.current;
  const header = `${PREFIX}:${VERSION}:${id}`;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(header));
  const ciphertext = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
  return [header, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
}

/**
 * The clear value. A value that is not an envelope is returned as it is: what was stored before
 * encryption (or before the migration reached it) keeps working.
 */
export function open(ring: KeyRing, stored: string): string {
  if (!isSealed(stored)) return stored;
  const [prefix, version, id, iv, tag, ciphertext] = stored.split(':');
  if (version !== VERSION) throw new Error(`Unknown secret envelope version ${version}`);
  const key = ring.key(id);
  if (!key) throw new Error(`A secret is sealed with encryption key ${id}, which is not configured (PARLEY_ENCRYPTION_KEYS)`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`${prefix}:${version}:${id}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    // Never the value itself in the message: it ends up in logs.
    throw new Error(`A secret sealed with encryption key ${id} does not open: wrong key or altered value`);
  }
}

/**
 * `PARLEY_ENCRYPTION_KEYS`: comma-separated keys, newest first, each `id:base64` or a bare
 * base64 key (its id is then its fingerprint, so the same key gets the same id everywhere).
 */
export function parseKeyRing(spec: string): KeyRing {
  const entries = spec.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
  return new KeyRing(entries.map((entry) => {
    const colon = entry.indexOf(':');
    const [id, encoded] = colon >= 0 ? [entry.slice(0, colon), entry.slice(colon + 1)] : [null, entry];
    // Node's base64 decoder takes the URL-safe alphabet as well.
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== KEY_BYTES) throw new Error(`Encryption key ${id ?? fingerprint(key)} must be base64 of exactly ${KEY_BYTES} bytes (got ${key.length})`);
    return { id: id ?? fingerprint(key), key };
  }));
}

/** A short, stable, non-secret name for a key. */
export function fingerprint(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export const generateEncryptionKey = (): string => randomBytes(KEY_BYTES).toString('base64');

/** The persistence layer's cipher, backed by a key ring. */
export class EnvelopeCipher implements SecretCipher {
  constructor(readonly ring: KeyRing) {}

  seal(clear: string): string {
    return seal(this.ring, clear);
  }

  open(stored: string): string {
    return open(this.ring, stored);
  }

  isStale(stored: string): boolean {
    return sealedWith(stored) !== this.ring.current.id;
  }
}
