import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';

export type VisitorAction = 'connection' | 'message';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const WINDOW_SECONDS = 60;

/**
 * Per-address counters of web chat connections and messages, one minute fixed windows. With Redis
 * every api node counts in the same place, so an attacker cannot multiply the limit by the number
 * of nodes; should Redis be unreachable, each node falls back to counting in its own memory rather
 * than refusing every visitor (or letting every one through).
 */
export class VisitorRateLimiter {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  /**
   * @param redis a client made with `enableOfflineQueue: false`, so a Redis outage falls back at
   *   once instead of queueing every visitor's check; null counts in memory (one node, no Redis).
   * @param prefix Redis key namespace (the queue prefix, so test runs and installs sharing one
   *   Redis do not count each other's visitors).
   */
  constructor(private readonly redis: Redis | null, private readonly prefix = 'parley') {}

  /** Counts one `action` of `address` in `inboxId` against `perMinute`. */
  async consume(action: VisitorAction, inboxId: string, address: string, perMinute: number): Promise<RateDecision> {
    try {
      await this.limiter(action, perMinute).consume(`${inboxId}:${address}`);
      return { allowed: true };
    } catch (res) {
      if (res instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
      // Both stores failed: an outage of the limiter must not shut the chat.
      return { allowed: true };
    }
  }

  private limiter(action: VisitorAction, points: number): RateLimiterAbstract {
    const name = `${action}:${points}`;
    let limiter = this.limiters.get(name);
    if (!limiter) {
      const memory = new RateLimiterMemory({ points, duration: WINDOW_SECONDS });
      limiter = this.redis
        ? new RateLimiterRedis({
            storeClient: this.redis,
            keyPrefix: `${this.prefix}:widget-limit:${name}`,
            points,
            duration: WINDOW_SECONDS,
            rejectIfRedisNotReady: true,
            insuranceLimiter: memory,
          })
        : memory;
      this.limiters.set(name, limiter);
    }
    return limiter;
  }
}
