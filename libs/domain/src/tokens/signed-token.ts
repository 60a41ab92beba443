import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * One format for every token Parley hands out and later trusts (visitor tokens, survey links,
 * attachment links): `<key id>.<payload, base64url>.<expiry, unix seconds or empty>.<MAC>`.
 * The purpose is part of the MAC and never travels, so a survey link cannot pass as a visitor
 * token even under the same key. The key id lets several keys verify while only the first signs:
 * rotating is adding a new first key and keeping the old one until its tokens have expired.
 */
export interface TokenKey {
  /** Letters, digits, `_` and `-`, at most 16: it travels in every token. */
  id: string;
  secret: string | Buffer;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,16}$/;
const TOKEN = /^([A-Za-z0-9_-]{1,16})\.([A-Za-z0-9_-]*)\.(\d{0,12})\.([A-Za-z0-9_-]{24})$/;
/** Long enough for any payload we sign (ids, a survey id); bounds the work a forged token costs. */
const MAX_TOKEN_LENGTH = 1024;
// HMAC-SHA256 cut to 144 bits (RFC 2104 §5 allows truncation): links travel in SMS, where length is
// money. A multiple of 3 bytes, so its base64url has no padding bits and no two spellings.
const MAC_BYTES = 18;

export class TokenKeyRing {
  private readonly byId: Map<string, TokenKey>;

  /** `keys` newest first: the first one signs, every one verifies. */
  constructor(readonly keys: readonly TokenKey[]) {
    if (!keys.length) throw new Error('a token key ring needs at least one key');
    for (const key of keys) {
      if (!KEY_ID.test(key.id)) throw new Error(`token key id "${key.id}" must be 1-16 letters, digits, "_" or "-"`);
      if (!key.secret.length) throw new Error(`token key "${key.id}" has an empty secret`);
    }
    this.byId = new Map(keys.map((k) => [k.id, k]));
    if (this.byId.size !== keys.length) throw new Error('token key ids must be unique');
  }

  get current(): TokenKey {
    return this.keys[0];
  }

  find(id: string): TokenKey | undefined {
    return this.byId.get(id);
  }
}

export interface SignOptions {
  /** When the token stops verifying; rounded up to the second. Omitted: it never expires. */
  expiresAt?: Date | number;
}

/** A token for `payload`, bound to `purpose`, under the ring's current key. */
export function signToken(ring: TokenKeyRing, purpose: string, payload: string, options: SignOptions = {}): string {
  const key = ring.current;
  const body = Buffer.from(payload, 'utf8').toString('base64url');
  const exp = options.expiresAt === undefined ? '' : String(Math.ceil(Number(options.expiresAt) / 1000));
  return `${key.id}.${body}.${exp}.${mac(key, purpose, body, exp)}`;
}

export interface VerifiedToken {
  payload: string;
  keyId: string;
  /** Signed by the ring's current key: false asks the caller to reissue it when it can. */
  current: boolean;
}

/** The payload of a genuine, unexpired token for `purpose`; null for anything else, never a throw. */
export function verifyToken(ring: TokenKeyRing, purpose: string, token: unknown, now: Date | number = Date.now()): VerifiedToken | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = TOKEN.exec(token);
  if (!parts) return null;
  const [, keyId, body, exp, given] = parts;
  const key = ring.find(keyId);
  if (!key || !safeEqual(given, mac(key, purpose, body, exp))) return null;
  if (exp && Number(exp) * 1000 <= Number(now)) return null;
  return { payload: Buffer.from(body, 'base64url').toString('utf8'), keyId, current: key === ring.current };
}

/** Constant-time equality of two strings or buffers (different lengths are simply unequal). */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const x = typeof a === 'string' ? Buffer.from(a, 'utf8') : a;
  const y = typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
  return x.length === y.length && timingSafeEqual(x, y);
}

function mac(key: TokenKey, purpose: string, body: string, exp: string): string {
  // The key id is inside the MAC so a token cannot be replayed under another key of the ring.
  return createHmac('sha256', key.secret).update(`parley-token\n${purpose}\n${key.id}.${body}.${exp}`).digest().subarray(0, MAC_BYTES).toString('base64url');
}
