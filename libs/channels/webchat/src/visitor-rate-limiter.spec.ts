import { VisitorRateLimiter } from './visitor-rate-limiter';

describe('visitor rate limiter (in memory)', () => {
  it('lets an address through up to its limit per minute, then says when to retry', async () => {
    const limiter = new VisitorRateLimiter(null);
    const inbox = 'inbox-1';
    const decisions = [];
    for (let i = 0; i < 4; i++) decisions.push(await limiter.consume('message', inbox, '203.0.113.7', 3));
    expect(decisions.slice(0, 3)).toEqual([{ allowed: true }, { allowed: true }, { allowed: true }]);
    expect(decisions[3]).toMatchObject({ allowed: false });
    expect((decisions[3] as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((decisions[3] as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('counts each address, inbox and action on its own', async () => {
    const limiter = new VisitorRateLimiter(null);
    expect(await limiter.consume('connection', 'inbox-1', '203.0.113.7', 1)).toEqual({ allowed: true });
    expect(await limiter.consume('connection', 'inbox-1', '203.0.113.7', 1)).toMatchObject({ allowed: false });
    expect(await limiter.consume('connection', 'inbox-1', '203.0.113.8', 1)).toEqual({ allowed: true });
    expect(await limiter.consume('connection', 'inbox-2', '203.0.113.7', 1)).toEqual({ allowed: true });
    expect(await limiter.consume('message', 'inbox-1', '203.0.113.7', 1)).toEqual({ allowed: true });
  });
});
