import { signInDelaySeconds } from './sign-in-backoff';

describe('sign-in back-off', () => {
  it('lets the first failures through without a wait', () => {
    expect([0, 1, 4].map((n) => signInDelaySeconds(n, 5, 900))).toEqual([0, 0, 0]);
  });

  it('doubles the wait with every further failure, up to the cap', () => {
    expect([5, 6, 7, 8].map((n) => signInDelaySeconds(n, 5, 900))).toEqual([1, 2, 4, 8]);
    expect(signInDelaySeconds(15, 5, 900)).toBe(900);
    expect(signInDelaySeconds(10_000, 5, 900)).toBe(900);
  });
});
