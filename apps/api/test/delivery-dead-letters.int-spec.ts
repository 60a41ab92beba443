import type { DeadLetterDto } from '@parley/contracts';
import { INBOUND_QUEUE } from '@parley/conversations';
import { DeadLetterEntity, dataSourceOptions, JobEntity, MIGRATIONS, openDatabase } from '@parley/persistence';
import { JOB_QUEUE, JobQueue } from '@parley/queue';
import { api, freshDatabaseUrl, login, RunningApp, startApp } from './harness';

describe('dead letters', () => {
  let t: RunningApp;
  let admin: string;
  let agent: string;

  beforeAll(async () => {
    t = await startApp();
    admin = (await login(t.url)).accessToken;
    const email = 'olga.dl@parley.test';
    const password = 'агент-пароль-7431';
    const created = await api(t.url, 'POST', '/api/users', { name: 'Ольга', email, password, role: 'agent' }, admin);
    if (created.status !== 201) throw new Error(`agent not created: ${created.status} ${JSON.stringify(created.body)}`);
    agent = (await login(t.url, { email, password })).accessToken;
  });

  afterAll(() => t?.close());

  const list = async () => (await api<DeadLetterDto[]>(t.url, 'GET', '/api/dead-letters', undefined, admin)).body;

  async function deadLetter(jobId: string): Promise<DeadLetterDto> {
    const until = Date.now() + 30_000;
    for (;;) {
      const found = (await list()).find((d) => d.jobId === jobId);
      if (found) return found;
      if (Date.now() > until) throw new Error(`no dead letter for ${jobId}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('lists a job that cannot succeed, with its reason and masked secrets, and replays it for admins only', async () => {
    // An inbound job no parser would produce: no sender. It fails on every attempt.
    const queue = t.app.get<JobQueue>(JOB_QUEUE);
    await queue.add(INBOUND_QUEUE, 'ingest', { inboxId: 'missing', content: 'Привет', authToken: 'не показывать' }, { jobId: 'poison-webhook-1', attempts: 2, backoffMs: 50 });
    const dead = await deadLetter('poison-webhook-1');
    // Refused by the inbound rules: not retried (retrying cannot help), kept as a dead letter at once.
    expect(dead).toMatchObject({ queue: 'inbound', name: 'ingest', attempts: 1, replayedAt: null });
    expect(dead.error).toContain('refused');
    expect(dead.error).not.toBe('');
    expect(dead.data).toEqual({ inboxId: 'missing', content: 'Привет', authToken: '[redacted]' });

    expect((await api(t.url, 'GET', '/api/dead-letters', undefined, agent)).status).toBe(403);
    expect((await api(t.url, 'POST', `/api/dead-letters/${dead.id}/replay`, undefined, agent)).status).toBe(403);
    expect((await api(t.url, 'GET', '/api/dead-letters?limit=0', undefined, admin)).body).toMatchObject({ statusCode: 400 });

    const replayed = await api<DeadLetterDto>(t.url, 'POST', `/api/dead-letters/${dead.id}/replay`, undefined, admin);
    expect(replayed.status).toBe(200);
    expect(replayed.body.replayedAt).not.toBeNull();
    expect((await api(t.url, 'POST', `/api/dead-letters/${dead.id}/replay`, undefined, admin)).body).toMatchObject({ statusCode: 409 });
    expect((await api(t.url, 'POST', '/api/dead-letters/00000000-0000-4000-8000-000000000000/replay', undefined, admin)).status).toBe(404);
    expect((await api(t.url, 'POST', '/api/dead-letters/not-an-id/replay', undefined, admin)).status).toBe(400);

    // The replayed job ran again, with its original payload, and (still poison) failed for good again.
    const again = await deadLetter(`replay-${dead.id}`);
    expect(again).toMatchObject({ queue: 'inbound', name: 'ingest', error: dead.error });
    expect(again.data).toEqual(dead.data);
  });
});

describe('dead letters on upgrade', () => {
  it('moves the jobs the embedded queue had given up on into the dead letters', async () => {
    const options = dataSourceOptions(await freshDatabaseUrl({ migrated: false }));
    const before = await openDatabase({ ...options, migrations: MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === 'DeadLetters1765300000000')) } as typeof options);
    const job = (id: string, status: 'failed' | 'waiting') => ({
      id, queue: 'inbound', name: 'ingest', data: { content: 'Привет' } as Record<string, any>, status, runAt: new Date(), attempts: status === 'failed' ? 8 : 0,
      maxAttempts: 8, backoffMs: 1000, lastError: status === 'failed' ? 'value too long for type character varying(255)' : null, createdAt: new Date('2026-11-30T10:00:00Z'),
    });
    await before.getRepository(JobEntity).insert([job('gave-up', 'failed'), job('still-waiting', 'waiting')]);
    await before.destroy();

    const after = await openDatabase(options);
    try {
      expect((await after.getRepository(JobEntity).find()).map((j) => j.id)).toEqual(['still-waiting']);
      const [dead] = await after.getRepository(DeadLetterEntity).find();
      expect(dead).toMatchObject({
        queue: 'inbound', name: 'ingest', jobId: 'gave-up', data: { content: 'Привет' }, attempts: 8, maxAttempts: 8, backoffMs: 1000,
        error: 'value too long for type character varying(255)', failedAt: new Date('2026-11-30T10:00:00Z'), replayedAt: null,
      });
    } finally {
      await after.destroy();
    }
  });
});
