import { HttpException, HttpStatus, Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { signInDelaySeconds } from '@parley/domain';
import { attemptSource } from './attempt-source';
import { CONFIG, type ParleyConfig } from '@parley/runtime';

/**
 * Sign-in attempt limits. Consecutive failures are counted per account + address (tight: 5 free, then
 * a doubling wait up to 15 min) and per account from anywhere (loose: 20 free, waits up to 1 min, so a
 * botnet is slowed without locking the owner out); failures per address across accounts are capped
 * (password spraying). A success resets the account's counters. Counters live in Redis when the app
 * has one, so every api node sees the same attempts; in memory otherwise (and while Redis is down).
 */
export const SIGN_IN_LIMITS = {
  pair: { free: 5, maxDelaySeconds: 15 * 60 },
  account: { free: 20, maxDelaySeconds: 60 },
  address: { failures: 100, windowSeconds: 15 * 60 },
  /** A failure streak older than this is forgotten. */
  streakSeconds: 24 * 3600,
} as const;

export class TooManyAttemptsException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super({ statusCode: HttpStatus.TOO_MANY_REQUESTS, message: `Too many sign-in attempts: try again in ${retryAfterSeconds} s` }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

export type LimiterFactory = (opts: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

const retryAfter = (res: RateLimiterRes): number => Math.max(1, Math.ceil(res.msBeforeNext / 1000));

/** Consecutive failures under one key, with one attempt per back-off window once past the free ones. */
class FailureStreak {
  private readonly count: RateLimiterAbstract;
  private readonly gate: RateLimiterAbstract;

  constructor(make: LimiterFactory, name: string, private readonly free: number, private readonly maxDelaySeconds: number) {
    this.count = make({ keyPrefix: `${name}:n`, points: 1_000_000, duration: SIGN_IN_LIMITS.streakSeconds });
    this.gate = make({ keyPrefix: `${name}:gate`, points: 1, duration: 1 });
  }

  /**
   * Reserves an attempt: counted before the password check, so attempts racing each other each see
   * a different count and at most `free` of them skip the gate.
   */
  async enter(key: string): Promise<void> {
    const reserved = (await this.count.consume(key)).consumedPoints;
    const delay = signInDelaySeconds(reserved - 1, this.free, this.maxDelaySeconds);
    if (delay === 0) return;
    try {
      await this.gate.consume(key, 1, { customDuration: delay });
    } catch (err) {
      await this.leave(key);
      if (err instanceof RateLimiterRes) throw new TooManyAttemptsException(retryAfter(err));
      throw err;
    }
  }

  /** The attempt did not reach a verdict (refused elsewhere, or the check failed): not a failure. */
  async leave(key: string): Promise<void> {
    await this.count.reward(key, 1);
  }

  async reset(key: string): Promise<void> {
    await Promise.all([this.count.delete(key), this.gate.delete(key)]);
  }
}

export class SignInLimiter {
  private readonly pair: FailureStreak;
  private readonly account: FailureStreak;
  private readonly address: RateLimiterAbstract;

  constructor(make: LimiterFactory) {
    const { pair, account, address } = SIGN_IN_LIMITS;
    this.pair = new FailureStreak(make, 'pair', pair.free, pair.maxDelaySeconds);
    this.account = new FailureStreak(make, 'account', account.free, account.maxDelaySeconds);
    this.address = make({ keyPrefix: 'address', points: address.failures, duration: address.windowSeconds });
  }

  /**
   * Runs `check` (true: right password) within the limits; throws TooManyAttemptsException when the
   * attempt must wait. Only a verdict counts: an error thrown by `check` leaves the counters as they were.
   */
  async attempt<T>(email: string, ip: string | undefined, check: () => Promise<{ ok: boolean; result: T }>): Promise<{ ok: boolean; result: T }> {
    const source = attemptSource(ip);
    const account = email.trim().toLowerCase();
    const pairKey = `${account}|${source}`;
    const spent = await this.address.get(source);
    if (spent && spent.consumedPoints >= SIGN_IN_LIMITS.address.failures) throw new TooManyAttemptsException(retryAfter(spent));
    await this.pair.enter(pairKey);
    try {
      await this.account.enter(account);
    } catch (err) {
      await this.pair.leave(pairKey);
      throw err;
    }
    let verdict: { ok: boolean; result: T };
    try {
      verdict = await check();
    } catch (err) {
      await Promise.all([this.pair.leave(pairKey), this.account.leave(account)]);
      throw err;
    }
    if (verdict.ok) await Promise.all([this.pair.reset(pairKey), this.account.reset(account)]);
    else await this.address.penalty(source, 1);
    return verdict;
  }
}

/** The app's SignInLimiter: on Redis (shared by every api node) when REDIS_URL is set. */
@Injectable()
export class LoginAttempts extends SignInLimiter implements OnApplicationShutdown {
  private readonly redis: Redis | null;

  constructor(@Inject(CONFIG) config: ParleyConfig) {
    // Fail fast while Redis is away (no offline queue): the in-memory insurance limiter takes over.
    const redis = config.redisUrl ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
    redis?.on('error', () => undefined);
    // Test files and installations sharing one Redis keep their counters apart, like their queues.
    const prefix = `${process.env.PARLEY_QUEUE_PREFIX ?? 'parley'}:sign-in`;
    super(({ keyPrefix, ...opts }) => {
      const memory = new RateLimiterMemory({ ...opts, keyPrefix: `${prefix}:${keyPrefix}` });
      return redis ? new RateLimiterRedis({ ...opts, keyPrefix: `${prefix}:${keyPrefix}`, storeClient: redis, insuranceLimiter: memory }) : memory;
    });
    this.redis = redis;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => undefined);
  }
}
