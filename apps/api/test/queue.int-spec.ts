import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, openDatabase } from '@parley/persistence';
import { BullmqJobQueue, Job, JobQueue, MemoryJobQueue, PermanentJobError } from '@parley/queue';
import { freshDatabaseUrl } from './harness';

const REDIS = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** Registers `handler` as the processor of queue `name`. */
function collect(queue: JobQueue, name: string, handler: (job: Job) => Promise<void>) {
  queue.process(name, handler, { concurrency: 2 });
}

const waitFor = async (check: () => boolean, timeoutMs = 15_000) => {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe.each([
  ['in-process (database-backed)', 'memory'],
  ['BullMQ on Redis', 'redis'],
] as const)('job queue: %s', (_label, kind) => {
  let db: DataSource;
  const prefix = `parley-qtest-${randomBytes(4).toString('hex')}`;
  const make = (): JobQueue => (kind === 'memory' ? new MemoryJobQueue(db) : new BullmqJobQueue(REDIS, prefix));
  const queues: JobQueue[] = [];
  const fresh = () => {
    const q = make();
    queues.push(q);
    return q;
  };

  beforeAll(async () => {
    db = await openDatabase(dataSourceOptions(await freshDatabaseUrl()));
  });

  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await db.destroy();
  });

  it('keeps a job queued while nothing runs and runs it once after a restart', async () => {
    const before = fresh();
    await before.add('restart', 'deliver', { messageId: 'm-1' }, { jobId: 'restart-m-1' });
    await before.add('restart', 'deliver', { messageId: 'm-1' }, { jobId: 'restart-m-1' });
    await before.close();

    const runs: string[] = [];
    const after = fresh();
    collect(after, 'restart', async (job) => {
      runs.push(job.data.messageId as string);
    });
    await waitFor(() => runs.length > 0);
    await new Promise((r) => setTimeout(r, 300));
    expect(runs).toEqual(['m-1']);
  });

  it('queues a group of jobs durably, each once however often its id recurs', async () => {
    const q = fresh();
    const job = (id: string) => ({ name: 'ingest', data: { id }, opts: { jobId: `group-${id}` } });
    await q.addMany('group', [job('a'), job('b'), job('a')]);
    await q.addMany('group', [job('b'), job('c')]);
    await q.addMany('group', []);

    const runs: string[] = [];
    collect(q, 'group', async (j) => {
      runs.push(j.data.id as string);
    });
    await waitFor(() => runs.length >= 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(runs.sort()).toEqual(['a', 'b', 'c']);
  });

  it('retries a failing job with backoff and stops at once on a permanent error', async () => {
    const q = fresh();
    const attempts: Record<string, number[]> = { flaky: [], doomed: [] };
    collect(q, 'retry', async (job) => {
      attempts[job.name].push(job.attempt);
      if (job.name === 'flaky' && job.attempt < 3) throw new Error('HTTP 503');
      if (job.name === 'doomed') throw new PermanentJobError('21610: recipient opted out');
    });
    await q.add('retry', 'flaky', {}, { attempts: 5, backoffMs: 20 });
    await q.add('retry', 'doomed', {}, { attempts: 5, backoffMs: 20 });
    await waitFor(() => attempts.flaky.length === 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(attempts.flaky).toEqual([1, 2, 3]);
    expect(attempts.doomed).toEqual([1]);
  });
});
