import { RateLimiterMemory } from 'rate-limiter-flexible';
import { SignInLimiter, SIGN_IN_LIMITS, TooManyAttemptsException } from './login-attempts';

const limiter = () => new SignInLimiter((opts) => new RateLimiterMemory(opts));
const verdict = (ok: boolean) => async () => ({ ok, result: ok });

/** Tries once; the refusal's Retry-After when limited, or whether the check was reached. */
async function tryOnce(l: SignInLimiter, email: string, ip: string, ok: boolean): Promise<'checked' | number> {
  try {
    await l.attempt(email, ip, verdict(ok));
    return 'checked';
  } catch (err) {
    if (err instanceof TooManyAttemptsException) return err.retryAfterSeconds;
    throw err;
  }
}

describe('sign-in attempt limits', () => {
  it('lets five wrong passwords reach the check, then one per growing back-off window', async () => {
    const l = limiter();
    const outcomes = [];
    for (let i = 0; i < 10; i++) outcomes.push(await tryOnce(l, 'anna@parley.test', '203.0.113.7', false));
    expect(outcomes.slice(0, 6)).toEqual(Array(6).fill('checked'));
    expect(outcomes.slice(6).every((o) => typeof o === 'number' && o >= 1)).toBe(true);
  });

  it('still lets the right password in from another address while one address is backed off', async () => {
    const l = limiter();
    for (let i = 0; i < 8; i++) await tryOnce(l, 'anna@parley.test', '203.0.113.7', false);
    expect(await tryOnce(l, 'anna@parley.test', '198.51.100.20', true)).toBe('checked');
  });

  it('forgets the failures once the right password gets in', async () => {
    const l = limiter();
    for (let i = 0; i < 4; i++) await tryOnce(l, 'Anna@Parley.test', '203.0.113.7', false);
    expect(await tryOnce(l, 'anna@parley.test', '203.0.113.7', true)).toBe('checked');
    const after = [];
    for (let i = 0; i < 6; i++) after.push(await tryOnce(l, 'anna@parley.test', '203.0.113.7', false));
    expect(after).toEqual(Array(6).fill('checked'));
  });

  it('lets at most the free attempts and one more through when guesses race each other', async () => {
    const l = limiter();
    let reached = 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const guesses = Array.from({ length: 20 }, () =>
      l.attempt('anna@parley.test', '203.0.113.7', async () => {
        reached++;
        await held;
        return { ok: false, result: null };
      }).catch((err) => err),
    );
    await new Promise((resolve) => setImmediate(resolve));
    release();
    const results = await Promise.all(guesses);
    expect(reached).toBe(SIGN_IN_LIMITS.pair.free + 1);
    expect(results.filter((r) => r instanceof TooManyAttemptsException)).toHaveLength(20 - reached);
  });

  it('caps failures from one address across many accounts', async () => {
    const l = limiter();
    for (let i = 0; i < SIGN_IN_LIMITS.address.failures; i++) await tryOnce(l, `user${i}@parley.test`, '203.0.113.7', false);
    expect(await tryOnce(l, 'olga@parley.test', '203.0.113.7', true)).toEqual(expect.any(Number));
    expect(await tryOnce(l, 'olga@parley.test', '198.51.100.20', true)).toBe('checked');
  });

  it('does not count an attempt whose check failed with an error', async () => {
    const l = limiter();
    for (let i = 0; i < 10; i++) {
      await expect(l.attempt('anna@parley.test', '203.0.113.7', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    }
    expect(await tryOnce(l, 'anna@parley.test', '203.0.113.7', false)).toBe('checked');
  });
});
