import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, JobEntity, openDatabase } from '@parley/persistence';
import { BullmqJobQueue, DeadLetterStore, Job, JobQueue, MemoryJobQueue, PermanentJobError } from '@parley/queue';
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
  const logged: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const log = {
    warn: (fields: object, message: string) => logged.push({ level: 'warn', fields: fields as Record<string, unknown>, message }),
    error: (fields: object, message: string) => logged.push({ level: 'error', fields: fields as Record<string, unknown>, message }),
  };
  const make = (): JobQueue => {
    const dead = new DeadLetterStore(db, log);
    return kind === 'memory' ? new MemoryJobQueue(db, dead) : new BullmqJobQueue(REDIS, dead, prefix);
  };
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

  it('moves a job that used up its attempts to the dead letters, logged without its payload, and replays it once', async () => {
    const q = fresh();
    const runs: Job[] = [];
    let healed = false;
    collect(q, 'poison', async (job) => {
      runs.push(job);
      if (!healed) throw new Error('value too long for type character varying(255)');
    });
    await q.add('poison', 'ingest', { from: '+79161234567', body: 'Привет', authToken: 'секрет' }, { jobId: 'poison-1', attempts: 2, backoffMs: 20 });
    const [dead] = await waitForValue(async () => (await q.deadLetters()).find((d) => d.jobId === 'poison-1'));
    expect(dead).toMatchObject({ queue: 'poison', name: 'ingest', attempts: 2, error: 'value too long for type character varying(255)', replayedAt: null });
    expect(dead.data).toEqual({ from: '+79161234567', body: 'Привет', authToken: 'секрет' });
    expect(runs.map((j) => j.attempt)).toEqual([1, 2]);
    const line = logged.find((l) => l.message.includes('dead letters') && l.fields.jobId === 'poison-1');
    expect(line).toMatchObject({ level: 'error', fields: { queue: 'poison', job: 'ingest', attempts: 2, error: 'value too long for type character varying(255)' } });
    expect(JSON.stringify(logged)).not.toContain('секрет');

    healed = true;
    expect((await q.replay(dead.id)).status).toBe('replayed');
    expect((await q.replay(dead.id)).status).toBe('already-replayed');
    expect((await q.replay('00000000-0000-4000-8000-000000000000')).status).toBe('unknown');
    await waitFor(() => runs.length === 3);
    expect(runs[2]).toMatchObject({ name: 'ingest', attempt: 1, data: { body: 'Привет' } });
    expect((await q.deadLetters()).find((d) => d.id === dead.id)?.replayedAt).toBeInstanceOf(Date);
  });

  it('keeps a permanent failure out of the dead letters: its handler has recorded the outcome', async () => {
    const q = fresh();
    let ran = 0;
    collect(q, 'refused', async () => {
      ran++;
      throw new PermanentJobError('21610: recipient opted out');
    });
    await q.add('refused', 'deliver', {}, { jobId: 'refused-1', attempts: 3, backoffMs: 20 });
    await waitFor(() => logged.some((l) => l.fields.jobId === 'refused-1' && l.fields.giveUp === true));
    expect(ran).toBe(1);
    expect((await q.deadLetters()).filter((d) => d.jobId === 'refused-1')).toEqual([]);
  });
});

describe('job queue: in-process, after a crash', () => {
  let db: DataSource;
  const queues: JobQueue[] = [];
  const log = { warn: () => undefined, error: () => undefined };

  beforeAll(async () => {
    db = await openDatabase(dataSourceOptions(await freshDatabaseUrl()));
  });

  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await db.destroy();
  });

  it('counts a run the process died in as an attempt: runs it again, or buries it once attempts are used up', async () => {
    const crashed = (id: string, attempts: number) => ({
      id, queue: 'crashy', name: 'ingest', data: { body: 'Привет' } as Record<string, any>, status: 'active' as const, runAt: new Date(), attempts, maxAttempts: 3, backoffMs: 20, lastError: null, createdAt: new Date(),
    });
    await db.getRepository(JobEntity).insert([crashed('crashed-once', 0), crashed('crashed-always', 2)]);
    const q = new MemoryJobQueue(db, new DeadLetterStore(db, log));
    queues.push(q);
    const runs: Job[] = [];
    collect(q, 'crashy', async (job) => {
      runs.push(job);
    });
    const [dead] = await waitForValue(async () => (await q.deadLetters()).find((d) => d.jobId === 'crashed-always'));
    await waitFor(() => runs.length === 1);
    expect(runs[0]).toMatchObject({ id: 'crashed-once', attempt: 2 });
    expect(dead).toMatchObject({ queue: 'crashy', name: 'ingest', attempts: 3, error: 'The process stopped while running its last attempt' });
    // The finished run's row goes once its handler has returned, a moment after `runs` saw it.
    const [gone] = await waitForValue(async () => ((await db.getRepository(JobEntity).countBy({ queue: 'crashy' })) === 0 ? true : undefined));
    expect(gone).toBe(true);
  });
});

async function waitForValue<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<[T]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return [value];
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
