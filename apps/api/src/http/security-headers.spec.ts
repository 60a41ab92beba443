import { NoncePool } from './security-headers';

describe('NoncePool', () => {
  it('hands out distinct 128-bit base64 nonces, across refills of its buffer', () => {
    const pool = new NoncePool();
    const seen = new Set<string>();
    for (let i = 0; i < 600; i++) seen.add(pool.next());
    expect(seen.size).toBe(600);
    for (const nonce of seen) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});
