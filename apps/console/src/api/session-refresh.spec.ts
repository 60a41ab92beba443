import { http } from './http-client';
import { sessionStore } from './session-store';

/** A fake api: /api/auth/refresh answers with `refreshStatus`; other routes want `validToken`. */
function fakeApi(opts: { validToken: string; refreshStatus: number }) {
  const calls: { path: string; token: string | null }[] = [];
  globalThis.fetch = (async (input: string, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const token = headers.Authorization?.replace('Bearer ', '') ?? null;
    calls.push({ path: input, token });
    if (input === '/api/auth/refresh') {
      if (opts.refreshStatus !== 200) return new Response(JSON.stringify({ statusCode: opts.refreshStatus, message: 'Signed out' }), { status: opts.refreshStatus });
      return new Response(JSON.stringify({ accessToken: opts.validToken, user: { id: 'u1', name: 'Анна', email: 'anna@parley.test', role: 'agent' } }));
    }
    if (token !== opts.validToken) return new Response(JSON.stringify({ statusCode: 401, message: 'Invalid or expired token' }), { status: 401 });
    return new Response(JSON.stringify({ ok: input }));
  }) as typeof fetch;
  return calls;
}

describe('access token renewal', () => {
  beforeEach(() => sessionStore.clear());

  it('keeps the token in memory only', () => {
    sessionStore.setToken('в-памяти');
    expect(sessionStore.getToken()).toBe('в-памяти');
    expect(typeof localStorage === 'undefined' || localStorage.getItem('parley.accessToken') === null).toBe(true);
  });

  it('on a 401 trades the refresh cookie for a new token and retries once', async () => {
    const calls = fakeApi({ validToken: 'fresh', refreshStatus: 200 });
    sessionStore.setToken('expired');
    await expect(http.get('/api/conversations')).resolves.toEqual({ ok: '/api/conversations' });
    expect(calls.map((c) => [c.path, c.token])).toEqual([
      ['/api/conversations', 'expired'],
      ['/api/auth/refresh', null],
      ['/api/conversations', 'fresh'],
    ]);
    expect(sessionStore.getToken()).toBe('fresh');
  });

  it('shares one refresh among requests that meet the same expired token', async () => {
    const calls = fakeApi({ validToken: 'fresh', refreshStatus: 200 });
    sessionStore.setToken('expired');
    await Promise.all([http.get('/api/conversations'), http.get('/api/users'), http.get('/api/inboxes')]);
    expect(calls.filter((c) => c.path === '/api/auth/refresh')).toHaveLength(1);
  });

  it('signs out when the session is over', async () => {
    fakeApi({ validToken: 'fresh', refreshStatus: 401 });
    sessionStore.setToken('expired');
    let expired = false;
    const off = sessionStore.onExpire(() => (expired = true));
    await expect(http.get('/api/conversations')).rejects.toMatchObject({ statusCode: 401 });
    off();
    expect(expired).toBe(true);
    expect(sessionStore.getToken()).toBeNull();
  });

  it('does not retry a wrong password at sign-in', async () => {
    const calls = fakeApi({ validToken: 'fresh', refreshStatus: 200 });
    await expect(http.post('/api/auth/login', { email: 'anna@parley.test', password: 'неверный-пароль' })).rejects.toMatchObject({ statusCode: 401 });
    expect(calls.map((c) => c.path)).toEqual(['/api/auth/login']);
  });
});
