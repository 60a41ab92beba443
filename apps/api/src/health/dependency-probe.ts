import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { redisConnectionOptions } from '@parley/queue';

/** A health check must answer while a dependency hangs, so every probe has a deadline. */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function probeDatabase(db: DataSource, ms = 2000): Promise<void> {
  await withDeadline(db.query('SELECT 1'), ms, 'the database');
}

/**
 * PING on a connection of its own: the queue's connections retry for ever (BullMQ needs that), so
 * they would hold a health check until Redis came back instead of failing it.
 */
export class RedisProbe {
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = new Redis({
      ...redisConnectionOptions(url),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    this.redis.on('error', () => undefined);
  }

  async ping(ms = 2000): Promise<void> {
    if (this.redis.status === 'wait') await withDeadline(this.redis.connect(), ms, 'Redis');
    const reply = await withDeadline(this.redis.ping(), ms, 'Redis');
    if (reply !== 'PONG') throw new Error(`Redis answered ${reply} to PING`);
  }

  close(): void {
    this.redis.disconnect();
  }
}
