import { loadConfig } from '@parley/runtime';
import { api, startApp, testEnv, useRunningApp, type RunningApp } from './harness';

// Sign-in cannot be brute-forced (issue 13): attempt limits that X-Forwarded-For cannot dodge, with
// back-off that still lets the right password in, and a password policy wherever one is set.
const t = useRunningApp();

const signIn = (base: string, email: string, password: string, forwardedFor?: string) =>
  fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ email, password }),
  });

const spoofed = (i: number) => `198.51.100.${i + 1}, 203.0.113.${i + 1}`;

/** Signs in with the right password, honouring Retry-After (bounded): the back-off must end. */
async function signInEventually(base: string, email: string, password: string, forwardedFor?: string): Promise<{ status: number; waits: number }> {
  for (let waits = 0; waits < 10; waits++) {
    const res = await signIn(base, email, password, forwardedFor);
    if (res.status !== 429) return { status: res.status, waits };
    await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after')) * 1000));
  }
  return { status: 429, waits: 10 };
}

describe('sign-in attempt limits', () => {
  it('ignores a spoofed X-Forwarded-For: after a few wrong passwords the rest get 429 with Retry-After', async () => {
    await api(t.url, 'POST', '/api/users', { name: 'Анна', email: 'anna-guess@parley.test', password: 'верный-пароль-анны', role: 'agent' }, t.token);
    const statuses: number[] = [];
    let refusal: Response | undefined;
    for (let i = 0; i < 30; i++) {
      const res = await signIn(t.url, 'anna-guess@parley.test', `неверный-${i}`, spoofed(i));
      statuses.push(res.status);
      if (res.status === 429) refusal ??= res;
      else await res.text();
    }
    const reached = statuses.filter((s) => s === 401).length;
    expect(reached).toBeLessThanOrEqual(6);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - reached);
    expect(Number(refusal!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refusal!.json()).toMatchObject({ statusCode: 429, message: expect.stringMatching(/Too many sign-in attempts/) });

    const right = await signInEventually(t.url, 'anna-guess@parley.test', 'верный-пароль-анны', spoofed(99));
    expect(right.status).toBe(200);
    // The success ended the streak: a typo right after is a plain 401, not a 429.
    expect((await signIn(t.url, 'anna-guess@parley.test', 'опечатка')).status).toBe(401);
  });

  it('counts guesses at an unknown email the same way, without saying it is unknown', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await signIn(t.url, 'nobody@parley.test', `угадай-${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(6)).toEqual([429, 429]);
  });
});

describe('password policy', () => {
  const create = (password: string, email = 'policy@parley.test') => api(t.url, 'POST', '/api/users', { name: 'Ольга', email, password, role: 'agent' }, t.token);

  it.each([
    ['12345678', /at least 10 characters/],
    ['password', /at least 10 characters/],
    [' '.repeat(8), /blank/],
    [' '.repeat(12), /blank/],
    ['qwertyuiop', /too common/],
    ['Password123', /too common/],
    ['я'.repeat(37), /at most 72 bytes/],
  ])('refuses %j with a 400 that says why', async (password, why) => {
    const res = await create(password);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, message: expect.stringMatching(why) });
  });

  it('applies to a password changed later, and the new one signs in', async () => {
    const created = await create('первый-пароль-ольги', 'olga-policy@parley.test');
    expect(created.status).toBe(201);
    const weak = await api(t.url, 'PATCH', `/api/users/${created.body.id}`, { password: '1234567890' }, t.token);
    expect(weak).toMatchObject({ status: 400, body: { statusCode: 400, message: expect.stringMatching(/too common/) } });
    expect((await api(t.url, 'PATCH', `/api/users/${created.body.id}`, { password: 'второй-пароль-ольги' }, t.token)).status).toBe(200);
    expect((await signIn(t.url, 'olga-policy@parley.test', 'второй-пароль-ольги')).status).toBe(200);
    expect((await signIn(t.url, 'olga-policy@parley.test', 'первый-пароль-ольги')).status).toBe(401);
  });

  it('refuses to start with a weak ADMIN_PASSWORD, saying so', async () => {
    // On Redis too (the PostgreSQL pass): an app refused during boot closes BullMQ connections that
    // are still starting, which must not surface as an unhandled error.
    const env = { ...(await testEnv()), ADMIN_PASSWORD: 'password' };
    process.env.DATABASE_URL = env.DATABASE_URL;
    const { createApp } = await import('../src/bootstrap');
    const app = await createApp(loadConfig(env as unknown as NodeJS.ProcessEnv));
    const error = await app.init().then(() => null, (err: Error) => err);
    await app.close();
    process.env.DATABASE_URL = t.app.config.databaseUrl;
    expect(error?.message).toMatch(/ADMIN_PASSWORD is not acceptable: Password must be at least 10 characters/);
  });
});

describe('behind a trusted proxy', () => {
  let proxied: RunningApp;
  beforeAll(async () => {
    proxied = await startApp(undefined, { trustedProxies: ['loopback'] });
  });
  afterAll(() => proxied?.close());

  it('counts the address the proxy reports, so one client backed off does not hold back another', async () => {
    const admin = 'admin@parley.test';
    for (let i = 0; i < 8; i++) await (await signIn(proxied.url, admin, `чужой-${i}`, '203.0.113.50')).text();
    expect((await signIn(proxied.url, admin, 'ещё-попытка', '203.0.113.50')).status).toBe(429);
    expect((await signIn(proxied.url, admin, 'correct-horse-battery', '198.51.100.7')).status).toBe(200);
  });
});
