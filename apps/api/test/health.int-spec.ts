import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { api, freshDatabaseUrl, RunningApp, startApp, testEnv } from './harness';
import { buildServer, freePort, Proc, startProcess, topologyEnv } from './processes';

// Health checks that test what each process serves, against a private redis-server the test can
// kill and bring back (never the suite's shared Redis), on the suite's database.

interface PrivateRedis {
  url: string;
  start(): Promise<void>;
  kill(): Promise<void>;
}

function privateRedis(port: number, fsync: 'always' | 'everysec'): PrivateRedis {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-health-redis-'));
  let child: ChildProcess | undefined;
  return {
    url: `redis://127.0.0.1:${port}`,
    async start() {
      if (child && child.exitCode === null && child.signalCode === null) return;
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', fsync], { stdio: 'ignore' });
      await until(async () => (await ping(port)) === 'PONG', 'redis-server up');
    },
    async kill() {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function ping(port: number): Promise<string> {
  const { default: Redis } = await import('ioredis');
  const r = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return await r.ping();
  } catch {
    return 'down';
  } finally {
    r.disconnect();
  }
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function getJson(url: string): Promise<{ status: number; body: any }> {
  try {
    const res = await fetch(url);
    return { status: res.status, body: await res.json() };
  } catch {
    return { status: 0, body: null };
  }
}

describe('api /health checks the database and Redis', () => {
  let redis: PrivateRedis;
  let app: RunningApp;

  beforeAll(async () => {
    redis = privateRedis(await freePort(), 'always');
    await redis.start();
    app = await startApp({ ...(await testEnv()), REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await app?.close();
    await redis.kill();
  });

  it('answers 200 with the database and queue kinds while both answer', async () => {
    const res = await api(app.url, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: process.env.DATABASE_URL?.startsWith('postgres') ? 'postgres' : 'sqlite', queue: 'redis' });
  });

  it('answers 503 naming Redis while Redis does not answer, and 200 again once it does', async () => {
    // A paused Redis (every client, 4 s) hangs like one cut off by the network, and comes back by itself.
    await new Promise<void>((resolve, reject) => spawn('redis-cli', ['-u', redis.url, 'CLIENT', 'PAUSE', '4000', 'ALL']).on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`redis-cli exited ${c}`)))));
    const down = await api(app.url, 'GET', '/health');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({ statusCode: 503, message: 'Unavailable: redis' });

    await until(async () => (await api(app.url, 'GET', '/health')).status === 200, '/health back to 200');
  });
});

describe('worker health endpoint and the Redis durability warning', () => {
  const procs: Proc[] = [];
  let redis: PrivateRedis;
  let worker: Proc;
  let healthUrl: string;

  beforeAll(async () => {
    buildServer();
    redis = privateRedis(await freePort(), 'everysec');
    await redis.start();
    const healthPort = await freePort();
    healthUrl = `http://127.0.0.1:${healthPort}/health`;
    worker = startProcess('dist/apps/worker/src/main.js', {
      ...topologyEnv('health', await freshDatabaseUrl(), redis.url),
      PARLEY_ROLE: 'worker', WORKER_HEALTH_PORT: String(healthPort), WORKER_HEALTH_BEAT_MS: '300',
    });
    procs.push(worker);
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await redis.kill();
  });

  it('warns at start that a Redis fsyncing every second can lose acknowledged jobs', async () => {
    await until(async () => /can lose acknowledged jobs.*appendfsync is \\?"everysec\\?"/.test(worker.output()), 'the durability warning');
    expect(worker.output()).toContain('--appendfsync always');
  });

  it('answers 200 once it has processed its own heartbeat job, and 503 when Redis is gone', async () => {
    await until(async () => (await getJson(healthUrl)).status === 200, 'worker health 200', 60_000);
    expect((await getJson(healthUrl)).body).toMatchObject({ status: 'ok', database: 'up', queue: 'taking jobs' });

    await redis.kill();
    await until(async () => (await getJson(healthUrl)).status === 503, 'worker health 503');
    expect((await getJson(healthUrl)).body).toMatchObject({ statusCode: 503, database: 'up', message: expect.stringContaining('heartbeat') });
  });
});
