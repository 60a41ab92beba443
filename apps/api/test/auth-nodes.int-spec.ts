// ci: postgres+redis always (its own processes on PostgreSQL and Redis, whatever the suite runs on): CI runs it in the PostgreSQL pass only.
import { ADMIN, api, connect, connected, freshDatabaseUrl, login } from './harness';
import { buildServer, freePort, Proc, startProcess, topologyEnv, waitForHealth } from './processes';

// Sign-in across the production topology: two api nodes sharing PostgreSQL and Redis, as
// topology.int-spec.ts starts them. Limits, revocations and socket kicks must not stop at one node.
const PG = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

describe('sign-in across two api nodes', () => {
  const procs: Proc[] = [];
  const sockets: ReturnType<typeof connect>[] = [];
  let nodes: string[];

  beforeAll(async () => {
    buildServer();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = PG;
    const databaseUrl = await freshDatabaseUrl();
    process.env.DATABASE_URL = saved;
    const env = topologyEnv('auth', databaseUrl, REDIS);
    const ports = [await freePort(), await freePort()];
    nodes = ports.map((p) => `http://127.0.0.1:${p}`);
    procs.push(...ports.map((port) => startProcess('dist/apps/api/src/main.js', { ...env, PARLEY_ROLE: 'api', PORT: String(port) })));
    await Promise.all(nodes.map((url, i) => waitForHealth(url, procs[i])));
  });

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await Promise.all(procs.map((p) => p.stop()));
  });

  it('counts guesses spread over both nodes together, whatever X-Forwarded-For claims', async () => {
    // All at once, as a guessing script would. Past the 5 free guesses of one account from one
    // address, one guess is let through per back-off window (1 s, then 2, 4…): on a loaded host the
    // 30 answers can take longer than the first window, and the guess a reopened window lets through
    // is the rule working, not a leak. Counters kept per node would let 5 through on each (10+).
    const started = Date.now();
    const statuses = await Promise.all(Array.from({ length: 30 }, async (_, i) => {
      const res = await fetch(`${nodes[i % 2]}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i + 1}` },
        body: JSON.stringify({ email: ADMIN.email, password: `неверный-${i}` }),
      });
      await res.text();
      return res.status;
    }));
    const seconds = (Date.now() - started) / 1000;
    const reopened = [1, 3, 7, 15].filter((t) => seconds > t).length;
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(6 + reopened);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(24 - reopened);
  });

  it('ends a disabled user on the other node too: their token within seconds, their socket at once', async () => {
    const [a, b] = nodes;
    const admin = await loginEventually(a);
    const created = await api(a, 'POST', '/api/users', { name: 'Жанна', email: 'zhanna@parley.test', password: 'пароль-жанны-длинный', role: 'agent' }, admin);
    const zhanna = await login(b, { email: 'zhanna@parley.test', password: 'пароль-жанны-длинный' });
    expect((await api(b, 'GET', '/api/auth/me', undefined, zhanna.accessToken)).status).toBe(200);
    const socket = connect(b, '/agents', { token: zhanna.accessToken });
    sockets.push(socket);
    await connected(socket);
    const kicked = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    await api(a, 'PATCH', `/api/users/${created.body.id}`, { disabled: true }, admin);
    expect(await kicked).toBe('io server disconnect');
    const deadline = Date.now() + 10_000;
    let status = 200;
    while (status === 200 && Date.now() < deadline) {
      status = (await api(b, 'GET', '/api/auth/me', undefined, zhanna.accessToken)).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(401);
  });
});

/** The admin signs in once the first test's back-off has passed (Retry-After honoured, bounded). */
async function loginEventually(base: string): Promise<string> {
  for (let i = 0; i < 10; i++) {
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    if (res.status === 200) return ((await res.json()) as { accessToken: string }).accessToken;
    await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
  }
  throw new Error('admin could not sign in');
}
