import { DataSource } from 'typeorm';
import type { JobHandler, JobQueue } from '@parley/queue';
import { WorkerHealth } from './worker-health';

/** A queue that runs a job as soon as it is added, or refuses adds like a Redis that is down. */
class FakeQueue implements JobQueue {
  readonly kind = 'redis' as const;
  redisDown = false;
  private readonly handlers = new Map<string, JobHandler>();
  process(queue: string, handler: JobHandler): void {
    this.handlers.set(queue, handler);
  }
  async add(queue: string, name: string, data: Record<string, unknown>): Promise<void> {
    if (this.redisDown) throw new Error('Connection is closed.');
    await this.handlers.get(queue)?.({ id: '1', name, data, attempt: 1, replayed: false });
  }
  async addMany(): Promise<void> {}
  async repeat(): Promise<void> {}
  async remove(): Promise<void> {}
  async deadLetters(): Promise<[]> {
    return [];
  }
  async replay(): Promise<never> {
    throw new Error('no dead letters here');
  }
  async close(): Promise<void> {}
}

const database = (up: () => boolean) => ({ query: jest.fn(async () => (up() ? [{ '?column?': 1 }] : Promise.reject(new Error('connect ECONNREFUSED')))) }) as unknown as DataSource;

async function get(port: number, path = '/health') {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: await res.json() };
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setImmediate(r));
}

describe('WorkerHealth', () => {
  let health: WorkerHealth | undefined;
  afterEach(() => health?.close());

  it('answers 200 once its own heartbeat job has run and the database answers', async () => {
    health = new WorkerHealth(database(() => true), new FakeQueue(), { port: 0 });
    await health.start();
    await until(async () => (await health!.report()).ok);
    const res = await get(health.port);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up', queue: 'taking jobs' });
  });

  it('answers 503 naming the database when it is down', async () => {
    let up = true;
    health = new WorkerHealth(database(() => up), new FakeQueue(), { port: 0 });
    await health.start();
    up = false;
    const res = await get(health.port);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ statusCode: 503, database: 'down', message: expect.stringContaining('database') });
  });

  it('answers 503 when no heartbeat job has been processed (Redis unreachable)', async () => {
    const queue = new FakeQueue();
    queue.redisDown = true;
    health = new WorkerHealth(database(() => true), queue, { port: 0 });
    await health.start();
    const res = await get(health.port);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ statusCode: 503, database: 'up', lastJobAgoMs: null, message: expect.stringContaining('heartbeat') });
  });

  it('answers 503 when the last heartbeat job ran too long ago', async () => {
    const queue = new FakeQueue();
    health = new WorkerHealth(database(() => true), queue, { port: 0, staleAfterMs: 0, beatEveryMs: 60_000 });
    await health.start();
    await until(async () => (await health!.report()).body.lastJobAgoMs !== null);
    queue.redisDown = true;
    await until(async () => ((await health!.report()).body.lastJobAgoMs as number) > 0);
    expect((await get(health.port)).status).toBe(503);
  });

  it('serves nothing but /health', async () => {
    health = new WorkerHealth(database(() => true), new FakeQueue(), { port: 0 });
    await health.start();
    expect(await get(health.port, '/metrics')).toEqual({ status: 404, body: { statusCode: 404, message: 'Not found' } });
  });
});

describe('startWorkerHealth', () => {
  it('keeps the worker running, without a health server, when the port is taken', async () => {
    const { startWorkerHealth } = await import('./worker-health');
    const taken = new WorkerHealth(database(() => true), new FakeQueue(), { port: 0 });
    await taken.start();
    const app = { get: (token: unknown) => (token === DataSource ? database(() => true) : new FakeQueue()) };
    await expect(startWorkerHealth(app as never, { WORKER_HEALTH_PORT: String(taken.port) })).resolves.toBeUndefined();
    await taken.close();
  });
});
