import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { redisConnectionOptions } from '@parley/queue';

/** The Redis settings that decide whether a job Redis has acknowledged survives a crash of Redis. */
export interface RedisPersistence {
  appendonly: string | undefined;
  appendfsync: string | undefined;
  maxmemoryPolicy: string | undefined;
}

export type RedisDurability = { durable: true } | { durable: false; problems: string[] };

/**
 * A Twilio webhook is answered 200 once its job is in Redis, and Twilio never sends it again. Only an
 * AOF fsynced before each reply keeps that job through a kill -9 or power loss of Redis: `everysec`
 * lost the last second of acknowledged webhooks in the issue 13 fault test, and an evicting memory
 * policy drops queued jobs under memory pressure.
 */
export function judgeRedisDurability(p: RedisPersistence): RedisDurability {
  const problems: string[] = [];
  if (p.appendonly !== 'yes') problems.push(`appendonly is "${p.appendonly ?? 'unknown'}": a Redis restart loses every queued job written since the last snapshot`);
  else if (p.appendfsync !== 'always') problems.push(`appendfsync is "${p.appendfsync ?? 'unknown'}": a Redis crash loses the jobs acknowledged in the last second`);
  if (p.maxmemoryPolicy !== undefined && p.maxmemoryPolicy !== 'noeviction') problems.push(`maxmemory-policy is "${p.maxmemoryPolicy}": Redis may evict queued jobs`);
  return problems.length ? { durable: false, problems } : { durable: true };
}

/** The subset of an ioredis client this check needs (a fake in the unit tests). */
export interface RedisConfigReader {
  config(subcommand: 'GET', parameter: string): Promise<unknown>;
}

async function configValue(redis: RedisConfigReader, name: string): Promise<string | undefined> {
  // CONFIG GET answers [name, value] (RESP2) and an empty list for an unknown parameter.
  const reply = (await redis.config('GET', name)) as string[];
  return Array.isArray(reply) && reply.length >= 2 ? String(reply[1]) : undefined;
}

export async function readRedisPersistence(redis: RedisConfigReader): Promise<RedisPersistence> {
  return {
    appendonly: await configValue(redis, 'appendonly'),
    appendfsync: await configValue(redis, 'appendfsync'),
    maxmemoryPolicy: await configValue(redis, 'maxmemory-policy'),
  };
}

/**
 * Reads the queue's Redis persistence settings once at start-up and warns when acknowledged jobs
 * could be lost. Never throws: a managed Redis may refuse CONFIG, and a Redis that is down at start
 * is the queue's own error to report.
 */
export async function checkRedisDurability(url: string, logger: Pick<Logger, 'warn' | 'log'> = new Logger('RedisDurability'), connect = (u: string) => new Redis({ ...redisConnectionOptions(u), lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5000, retryStrategy: () => null })): Promise<RedisDurability | undefined> {
  const redis = connect(url);
  try {
    await redis.connect();
    const verdict = judgeRedisDurability(await readRedisPersistence(redis));
    if (verdict.durable) logger.log('Queue Redis fsyncs every write (appendonly yes, appendfsync always): acknowledged jobs survive a Redis crash');
    else logger.warn(`Queue Redis can lose acknowledged jobs: ${verdict.problems.join('; ')}. Run it with --appendonly yes --appendfsync always --maxmemory-policy noeviction (README, Production topology)`);
    return verdict;
  } catch (err) {
    logger.warn(`Could not read the queue Redis persistence settings (${(err as Error).message}); make sure it runs with appendonly yes and appendfsync always`);
    return undefined;
  } finally {
    redis.disconnect();
  }
}
