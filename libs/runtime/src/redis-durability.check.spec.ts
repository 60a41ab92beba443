import { checkRedisDurability, judgeRedisDurability, readRedisPersistence } from './redis-durability.check';

/** A Redis that answers CONFIG GET from a table, as a real one does (RESP2 pairs, [] when unknown). */
function fakeRedis(settings: Record<string, string>, opts: { refuseConfig?: boolean; down?: boolean } = {}) {
  return {
    connect: jest.fn(async () => {
      if (opts.down) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    }),
    config: jest.fn(async (_sub: 'GET', name: string) => {
      if (opts.refuseConfig) throw new Error("ERR unknown command 'CONFIG'");
      return name in settings ? [name, settings[name]] : [];
    }),
    disconnect: jest.fn(),
  };
}

const logger = () => ({ warn: jest.fn(), log: jest.fn() });

describe('judgeRedisDurability', () => {
  it('trusts an AOF fsynced on every write with no eviction', () => {
    expect(judgeRedisDurability({ appendonly: 'yes', appendfsync: 'always', maxmemoryPolicy: 'noeviction' })).toEqual({ durable: true });
  });

  it('flags everysec, which lost the last second of acknowledged webhooks on kill -9', () => {
    const verdict = judgeRedisDurability({ appendonly: 'yes', appendfsync: 'everysec', maxmemoryPolicy: 'noeviction' });
    expect(verdict).toEqual({ durable: false, problems: [expect.stringContaining('appendfsync is "everysec"')] });
  });

  it('flags a Redis without AOF and one that evicts keys', () => {
    const verdict = judgeRedisDurability({ appendonly: 'no', appendfsync: 'always', maxmemoryPolicy: 'allkeys-lru' });
    expect(verdict.durable).toBe(false);
    expect(verdict.durable === false && verdict.problems).toEqual([expect.stringContaining('appendonly is "no"'), expect.stringContaining('allkeys-lru')]);
  });
});

describe('readRedisPersistence', () => {
  it('reads the three settings from CONFIG GET pairs', async () => {
    const redis = fakeRedis({ appendonly: 'yes', appendfsync: 'always', 'maxmemory-policy': 'noeviction' });
    await expect(readRedisPersistence(redis)).resolves.toEqual({ appendonly: 'yes', appendfsync: 'always', maxmemoryPolicy: 'noeviction' });
  });
});

describe('checkRedisDurability', () => {
  it('warns, naming the fix, when Redis fsyncs only every second', async () => {
    const log = logger();
    const redis = fakeRedis({ appendonly: 'yes', appendfsync: 'everysec', 'maxmemory-policy': 'noeviction' });
    const verdict = await checkRedisDurability('redis://127.0.0.1:6379', log, () => redis as never);
    expect(verdict?.durable).toBe(false);
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/can lose acknowledged jobs.*everysec.*--appendfsync always/));
    expect(redis.disconnect).toHaveBeenCalled();
  });

  it('says so without a warning when every write is fsynced', async () => {
    const log = logger();
    const redis = fakeRedis({ appendonly: 'yes', appendfsync: 'always', 'maxmemory-policy': 'noeviction' });
    await expect(checkRedisDurability('redis://127.0.0.1:6379', log, () => redis as never)).resolves.toEqual({ durable: true });
    expect(log.warn).not.toHaveBeenCalled();
    expect(log.log).toHaveBeenCalledWith(expect.stringContaining('appendfsync always'));
  });

  it('warns instead of failing when CONFIG is refused (managed Redis) or Redis is down', async () => {
    for (const redis of [fakeRedis({}, { refuseConfig: true }), fakeRedis({}, { down: true })]) {
      const log = logger();
      await expect(checkRedisDurability('redis://127.0.0.1:6379', log, () => redis as never)).resolves.toBeUndefined();
      expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('Could not read the queue Redis persistence settings'));
      expect(redis.disconnect).toHaveBeenCalled();
    }
  });
});
