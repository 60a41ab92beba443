import { EnvelopeCipher, fingerprint, generateEncryptionKey, isSealed, KeyRing, open, parseKeyRing, seal, sealedWith } from './secret-envelope';

const key = (byte: number) => Buffer.alloc(32, byte);
const ring = (...ids: string[]) => new KeyRing(ids.map((id, i) => ({ id, key: key(i + 1) })));

describe('secret envelope', () => {
  it('seals a token so that the stored text holds neither it nor any part of it, and opens it again', () => {
    const token = 'токен-Twilio-0123456789abcdef';
    const sealed = seal(ring('k1'), token);
    expect(sealed).toMatch(/^enc:v1:k1:[\w-]+:[\w-]+:[\w-]+$/);
    expect(sealed).not.toContain('0123456789');
    expect(open(ring('k1'), sealed)).toBe(token);
  });

  it('uses a fresh iv for every value, so equal secrets do not look equal at rest', () => {
    expect(seal(ring('k1'), 'пароль')).not.toBe(seal(ring('k1'), 'пароль'));
  });

  it('returns a value stored before encryption as it is', () => {
    expect(open(ring('k1'), 'clear-auth-token')).toBe('clear-auth-token');
    expect(isSealed('clear-auth-token')).toBe(false);
    // A password that only looks like an envelope is a password.
    expect(open(ring('k1'), 'enc:v1:k1:мой:пароль:123')).toBe('enc:v1:k1:мой:пароль:123');
  });

  it('opens what an older key sealed while the newest key seals new values', () => {
    const old = seal(new KeyRing([{ id: 'old', key: key(1) }]), 'секрет');
    const rotated = new KeyRing([{ id: 'new', key: key(2) }, { id: 'old', key: key(1) }]);
    expect(open(rotated, old)).toBe('секрет');
    expect(sealedWith(seal(rotated, 'секрет'))).toBe('new');
  });

  it('refuses a value sealed with a key that is not configured, naming the key and not the value', () => {
    const sealed = seal(ring('gone'), 'top-secret-value');
    expect(() => open(ring('k1'), sealed)).toThrow(/encryption key gone, which is not configured/);
  });

  it('refuses an altered ciphertext, tag or key id', () => {
    const sealed = seal(ring('k1'), 'authToken');
    const parts = sealed.split(':');
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    expect(() => open(ring('k1'), [...parts.slice(0, 5), flip(parts[5])].join(':'))).toThrow(/does not open/);
    expect(() => open(ring('k1'), [...parts.slice(0, 4), flip(parts[4]), parts[5]].join(':'))).toThrow(/does not open/);
    const twoKeys = new KeyRing([{ id: 'k1', key: key(1) }, { id: 'k2', key: key(1) }]);
    expect(() => open(twoKeys, ['enc', 'v1', 'k2', ...parts.slice(3)].join(':'))).toThrow(/does not open/);
  });

  it('marks clear values and values under older keys as stale, so rotation rewrites exactly those', () => {
    const cipher = new EnvelopeCipher(ring('new', 'old'));
    expect(cipher.isStale('clear')).toBe(true);
    expect(cipher.isStale(seal(ring('old'), 'x'))).toBe(true);
    expect(cipher.isStale(cipher.seal('x'))).toBe(false);
  });
});

describe('parseKeyRing', () => {
  it('reads id:key pairs, newest first', () => {
    const a = generateEncryptionKey();
    const b = generateEncryptionKey();
    const parsed = parseKeyRing(`2026-12:${a}, 2026-01:${b}`);
    expect(parsed.keys.map((k) => k.id)).toEqual(['2026-12', '2026-01']);
    expect(parsed.current.key).toEqual(Buffer.from(a, 'base64'));
  });

  it('names a bare key by its fingerprint, the same on every node', () => {
    const a = generateEncryptionKey();
    expect(parseKeyRing(a).current.id).toBe(fingerprint(Buffer.from(a, 'base64')));
    expect(parseKeyRing(a).current.id).toBe(parseKeyRing(`${a}\n`).current.id);
  });

  it('accepts the URL-safe base64 alphabet', () => {
    const bytes = Buffer.alloc(32, 0xfb);
    expect(parseKeyRing(bytes.toString('base64url')).current.key).toEqual(bytes);
  });

  it('refuses keys that are not 32 bytes without echoing them', () => {
    const short = Buffer.alloc(16, 7).toString('base64');
    let message = '';
    try {
      parseKeyRing(short);
    } catch (err) {
      message = err.message;
    }
    expect(message).toMatch(/exactly 32 bytes \(got 16\)/);
    expect(message).not.toContain(short);
    expect(() => parseKeyRing('')).toThrow(/at least one key/);
    expect(() => parseKeyRing(`a:${generateEncryptionKey()},a:${generateEncryptionKey()}`)).toThrow(/listed twice/);
  });
});
