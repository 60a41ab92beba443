import { freshDatabaseUrl } from './harness';
import { buildServer, freePort, Proc, startProcess, topologyEnv } from './processes';

// One image, one entry: the api's built entry started with PARLEY_ROLE=worker must become a
// worker-only process (the queue processors from @parley/jobs, no HTTP), as docker-compose's
// worker or a platform that can only change the environment would start it.
const REDIS = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function getJson(url: string): Promise<{ status: number; body: any }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
}

function exited(proc: Proc): Promise<number | null> {
  if (proc.child.exitCode !== null) return Promise.resolve(proc.child.exitCode);
  return new Promise((resolve) => proc.child.once('exit', (code) => resolve(code)));
}

describe('the api entry point started as a worker (PARLEY_ROLE=worker)', () => {
  const procs: Proc[] = [];
  beforeAll(() => buildServer());
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
  });

  it('runs the queue processors, answers worker health and listens on no api port', async () => {
    const [healthPort, apiPort] = [await freePort(), await freePort()];
    const worker = startProcess('dist/apps/api/src/main.js', {
      ...topologyEnv('entry', await freshDatabaseUrl(), REDIS),
      PARLEY_ROLE: 'worker', PORT: String(apiPort), WORKER_HEALTH_PORT: String(healthPort), WORKER_HEALTH_BEAT_MS: '300',
    });
    procs.push(worker);
    const healthUrl = `http://127.0.0.1:${healthPort}/health`;

    // 200 only once the process has taken its own heartbeat job off the queue.
    await until(async () => (await getJson(healthUrl)).status === 200, `worker health 200 (${worker.output()})`);
    expect((await getJson(healthUrl)).body).toMatchObject({ status: 'ok', database: 'up', queue: 'taking jobs' });
    await expect(fetch(`http://127.0.0.1:${apiPort}/health`)).rejects.toThrow();
    expect(worker.child.exitCode).toBeNull();
  });

  it('refuses to start without REDIS_URL and says why', async () => {
    const worker = startProcess('dist/apps/api/src/main.js', {
      ...topologyEnv('entry-no-redis', await freshDatabaseUrl(), ''),
      PARLEY_ROLE: 'worker',
    });
    procs.push(worker);
    expect(await exited(worker)).toBe(1);
    expect(worker.output()).toContain('A separate worker process needs REDIS_URL');
  });
});
