import { createHmac } from 'node:crypto';
import { identifierHash, newIdentitySecret, verifyIdentifierHash } from './identity-hash';

describe('identifier hash', () => {
  const secret = newIdentitySecret();

  it('accepts the hash a site computes with the documented snippet', () => {
    const hash = createHmac('sha256', secret).update('мария@example.com').digest('hex');
    expect(identifierHash(secret, 'мария@example.com')).toBe(hash);
    expect(verifyIdentifierHash(secret, 'мария@example.com', hash)).toBe(true);
    expect(verifyIdentifierHash(secret, 'мария@example.com', hash.toUpperCase())).toBe(true);
  });

  it('refuses another identifier, another secret or a malformed hash', () => {
    const hash = identifierHash(secret, 'user-1042');
    expect(verifyIdentifierHash(secret, 'user-1043', hash)).toBe(false);
    expect(verifyIdentifierHash(newIdentitySecret(), 'user-1042', hash)).toBe(false);
    expect(verifyIdentifierHash(secret, 'user-1042', hash.slice(2))).toBe(false);
    expect(verifyIdentifierHash(secret, 'user-1042', 'zz'.repeat(32))).toBe(false);
    expect(verifyIdentifierHash(secret, 42, hash)).toBe(false);
    expect(verifyIdentifierHash('', 'user-1042', hash)).toBe(false);
  });

  it('makes a different 64-hex-digit secret each time', () => {
    const a = newIdentitySecret();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(newIdentitySecret()).not.toBe(a);
  });
});
