import { safeEqual, signToken, TokenKeyRing, verifyToken } from './signed-token';

const OLD = { id: '2026-06', secret: 'старый ключ подписи, тридцать два символа' };
const NEW = { id: '2026-12', secret: 'новый ключ подписи, тоже не короче 32 символов' };
const NOW = Date.UTC(2026, 11, 6, 12);

describe('signed tokens', () => {
  const ring = new TokenKeyRing([NEW, OLD]);

  it('round-trips a payload, Russian text included, in a URL-safe token', () => {
    const token = signToken(ring, 'survey-link', 'опрос-42', { expiresAt: NOW + 60_000 });
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(token.startsWith('2026-12.')).toBe(true);
    expect(verifyToken(ring, 'survey-link', token, NOW)).toEqual({ payload: 'опрос-42', keyId: '2026-12', current: true });
  });

  it('never expires without an expiry', () => {
    const token = signToken(ring, 'visitor', 'visitor-1');
    expect(verifyToken(ring, 'visitor', token, Date.UTC(2100, 0, 1))?.payload).toBe('visitor-1');
  });

  it('refuses a token of another purpose under the same key', () => {
    const survey = signToken(ring, 'survey-link', 'id-1');
    expect(verifyToken(ring, 'visitor', survey)).toBeNull();
  });

  it('refuses a tampered payload, expiry, key id or MAC', () => {
    const token = signToken(ring, 'visitor', 'visitor-1', { expiresAt: NOW + 60_000 });
    const [kid, body, exp, mac] = token.split('.');
    const other = Buffer.from('visitor-2').toString('base64url');
    expect(verifyToken(ring, 'visitor', [kid, other, exp, mac].join('.'), NOW)).toBeNull();
    expect(verifyToken(ring, 'visitor', [kid, body, String(Number(exp) + 3600), mac].join('.'), NOW)).toBeNull();
    expect(verifyToken(ring, 'visitor', [kid, body, '', mac].join('.'), NOW)).toBeNull();
    expect(verifyToken(ring, 'visitor', [OLD.id, body, exp, mac].join('.'), NOW)).toBeNull();
    const flipped = mac.slice(0, -1) + (mac.endsWith('A') ? 'B' : 'A');
    expect(verifyToken(ring, 'visitor', [kid, body, exp, flipped].join('.'), NOW)).toBeNull();
  });

  it('refuses an expired token', () => {
    const token = signToken(ring, 'attachment-link', 'file-1', { expiresAt: NOW });
    expect(verifyToken(ring, 'attachment-link', token, NOW - 1000)?.payload).toBe('file-1');
    expect(verifyToken(ring, 'attachment-link', token, NOW)).toBeNull();
  });

  it('still verifies tokens of the previous key after a rotation, and says they are not current', () => {
    const before = new TokenKeyRing([OLD]);
    const token = signToken(before, 'visitor', 'visitor-1');
    expect(verifyToken(ring, 'visitor', token)).toEqual({ payload: 'visitor-1', keyId: OLD.id, current: false });
    expect(signToken(ring, 'visitor', 'visitor-1').startsWith(`${NEW.id}.`)).toBe(true);
  });

  it('refuses a token whose key id the ring does not hold (a dropped key)', () => {
    const token = signToken(new TokenKeyRing([OLD]), 'visitor', 'visitor-1');
    expect(verifyToken(new TokenKeyRing([NEW]), 'visitor', token)).toBeNull();
  });

  it('returns null for malformed input and never throws', () => {
    const bad: unknown[] = [undefined, null, 42, {}, ['a'], '', '.', '...', 'a.b.c', 'a.b.c.d.e', 'ключ.тело..подпись', `k.${'A'.repeat(2000)}..${'A'.repeat(24)}`, '2026-12.%%%.1.AAAAAAAAAAAAAAAAAAAAAAAA'];
    for (const token of bad) expect(verifyToken(ring, 'visitor', token)).toBeNull();
  });

  it('refuses a ring without keys, with duplicate ids or ids that cannot travel in a token', () => {
    expect(() => new TokenKeyRing([])).toThrow(/at least one key/);
    expect(() => new TokenKeyRing([OLD, OLD])).toThrow(/unique/);
    expect(() => new TokenKeyRing([{ id: 'a.b', secret: 'x' }])).toThrow(/key id/);
    expect(() => new TokenKeyRing([{ id: 'a', secret: '' }])).toThrow(/empty secret/);
  });

  it('compares in constant time, strings and buffers alike', () => {
    expect(safeEqual('подпись', 'подпись')).toBe(true);
    expect(safeEqual('подпись', 'подпИсь')).toBe(false);
    expect(safeEqual(Buffer.from('ab'), Buffer.from('abc'))).toBe(false);
  });
});
