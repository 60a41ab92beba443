import type { Socket } from 'socket.io-client';
import { ADMIN, api, connect, connected, login, useRunningApp } from './harness';

// Sign-in that holds (issue 13): refresh cookies that rotate, logout, revoke-all, disabling a user,
// and tokens checked against the user as they are now, over REST and the /agents socket.
const t = useRunningApp();

interface Reply {
  status: number;
  body: any;
  cookie: string | null;
  setCookie: string | null;
}

/** POST to /api/auth/… carrying `cookie` (the refresh token) as a browser would. */
async function authPost(path: string, cookie?: string | null, token?: string, body?: unknown): Promise<Reply> {
  const res = await fetch(`${t.url}/api/auth/${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(cookie ? { cookie: `parley_refresh=${cookie}` } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body ?? {}),
  });
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('parley_refresh=')) ?? null;
  const value = setCookie ? decodeURIComponent(setCookie.split(';')[0].slice('parley_refresh='.length)) : null;
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, cookie: value || null, setCookie };
}

async function createAgent(name: string, email: string, password = 'пароль-агента-42', role = 'agent'): Promise<string> {
  const created = await api(t.url, 'POST', '/api/users', { name, email, password, role }, t.token);
  expect(created.status).toBe(201);
  return created.body.id;
}

const me = (token: string) => api(t.url, 'GET', '/api/auth/me', undefined, token);

const disconnected = (socket: Socket): Promise<string> => new Promise((resolve) => socket.once('disconnect', resolve));

describe('sessions', () => {
  it('signs in with the contract response and an HttpOnly, SameSite=Strict refresh cookie for /api/auth only', async () => {
    const res = await authPost('login', null, undefined, ADMIN);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'user']);
    expect(res.body.user).toEqual({ id: expect.any(String), name: 'Admin', email: ADMIN.email, role: 'admin' });
    expect(res.setCookie).toMatch(/HttpOnly/i);
    expect(res.setCookie).toMatch(/SameSite=Strict/i);
    expect(res.setCookie).toMatch(/Path=\/api\/auth/i);
    // Plain http in tests: a Secure cookie would never come back.
    expect(res.setCookie).not.toMatch(/Secure/i);
    expect((await me(res.body.accessToken)).body).toEqual(res.body.user);
  });

  it('rotates the refresh token, and a replaced token used again ends the whole sign-in', async () => {
    const first = await authPost('login', null, undefined, ADMIN);
    const second = await authPost('refresh', first.cookie);
    expect(second.status).toBe(200);
    expect(second.cookie).toBeTruthy();
    expect(second.cookie).not.toBe(first.cookie);
    expect((await me(second.body.accessToken)).status).toBe(200);
    const third = await authPost('refresh', second.cookie);
    expect(third.status).toBe(200);

    const stolen = await authPost('refresh', first.cookie);
    expect(stolen.status).toBe(401);
    expect(stolen.body).toMatchObject({ statusCode: 401, message: expect.stringMatching(/used from elsewhere/) });
    expect((await authPost('refresh', third.cookie)).status).toBe(401);
    expect((await me(third.body.accessToken)).status).toBe(401);
  });

  it('lets two tabs refresh with the same cookie at once without signing out', async () => {
    const signedIn = await authPost('login', null, undefined, ADMIN);
    const [a, b] = await Promise.all([authPost('refresh', signedIn.cookie), authPost('refresh', signedIn.cookie)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const newest = a.cookie ?? b.cookie;
    expect((await authPost('refresh', newest)).status).toBe(200);
  });

  it('logs out: the refresh cookie and the access token stop working and the cookie is cleared', async () => {
    const signedIn = await authPost('login', null, undefined, ADMIN);
    const out = await authPost('logout', signedIn.cookie, signedIn.body.accessToken);
    expect(out.status).toBe(204);
    expect(out.setCookie).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await authPost('refresh', signedIn.cookie)).status).toBe(401);
    expect((await me(signedIn.body.accessToken)).status).toBe(401);
    expect((await authPost('refresh', null)).status).toBe(401);
  });

  it('signs a user out everywhere; only an admin may do it to someone else', async () => {
    await createAgent('Борис', 'boris@parley.test');
    const creds = { email: 'boris@parley.test', password: 'пароль-агента-42' };
    const [tab1, tab2] = [await authPost('login', null, undefined, creds), await authPost('login', null, undefined, creds)];
    const other = await createAgent('Вера', 'vera-sessions@parley.test');
    const refused = await authPost('sessions/revoke-all', null, tab1.body.accessToken, { userId: other });
    expect(refused.status).toBe(403);

    const all = await authPost('sessions/revoke-all', null, tab1.body.accessToken);
    expect(all.body).toEqual({ revoked: 2 });
    expect((await me(tab1.body.accessToken)).status).toBe(401);
    expect((await me(tab2.body.accessToken)).status).toBe(401);
    expect((await authPost('refresh', tab2.cookie)).status).toBe(401);

    const again = await authPost('login', null, undefined, creds);
    // Signing in clears the ended sessions: the database keeps one row per live sign-in.
    const { DataSource } = await import('typeorm');
    const rows = await t.app.app.get(DataSource).query(`SELECT count(*) AS n FROM auth_sessions WHERE user_id = '${again.body.user.id}'`);
    expect(Number(rows[0].n)).toBe(1);
    expect((await authPost('sessions/revoke-all', null, t.token, { userId: again.body.user.id })).body).toEqual({ revoked: 1 });
    expect((await me(again.body.accessToken)).status).toBe(401);
  });

  it('disables a user: their token, refresh cookie and live socket end at once, and sign-in is refused until enabled', async () => {
    const id = await createAgent('Галина', 'galina@parley.test');
    const creds = { email: 'galina@parley.test', password: 'пароль-агента-42' };
    const signedIn = await authPost('login', null, undefined, creds);
    const socket = t.open('/agents', { token: signedIn.body.accessToken });
    await connected(socket);
    const closing = disconnected(socket);

    const disabled = await api(t.url, 'PATCH', `/api/users/${id}`, { disabled: true }, t.token);
    expect(disabled.body).toEqual({ id, name: 'Галина', email: 'galina@parley.test', role: 'agent', disabled: true });
    expect(await closing).toBe('io server disconnect');
    expect((await me(signedIn.body.accessToken)).status).toBe(401);
    expect((await authPost('refresh', signedIn.cookie)).status).toBe(401);
    const refusedLogin = await authPost('login', null, undefined, creds);
    expect(refusedLogin.body).toMatchObject({ statusCode: 403, message: 'This account is disabled' });
    const late = connect(t.url, '/agents', { token: signedIn.body.accessToken });
    await expect(connected(late)).rejects.toThrow('unauthorized');
    late.disconnect();

    expect((await api(t.url, 'PATCH', `/api/users/${id}`, { disabled: false }, t.token)).body.disabled).toBeUndefined();
    expect((await authPost('login', null, undefined, creds)).status).toBe(200);
  });

  it('checks the role as it is now, not as it was at sign-in', async () => {
    const id = await createAgent('Дарья', 'darya@parley.test', 'пароль-агента-42', 'admin');
    const darya = await login(t.url, { email: 'darya@parley.test', password: 'пароль-агента-42' });
    expect((await api(t.url, 'GET', '/api/inboxes', undefined, darya.accessToken)).status).toBe(200);
    await api(t.url, 'PATCH', `/api/users/${id}`, { role: 'agent' }, t.token);
    expect((await api(t.url, 'POST', '/api/inboxes', { name: 'Магазин', channel: 'webchat' }, darya.accessToken)).status).toBe(403);
    expect((await me(darya.accessToken)).body.role).toBe('agent');
  });

  it('refuses a correctly signed token of a user that no longer exists', async () => {
    await createAgent('Егор', 'egor@parley.test');
    const egor = await login(t.url, { email: 'egor@parley.test', password: 'пароль-агента-42' });
    const { DataSource } = await import('typeorm');
    await t.app.app.get(DataSource).query(`DELETE FROM users WHERE id = '${egor.user.id}'`);
    // Another node could have read the user just before: allow for its cache, by waiting for the refusal.
    let status = 200;
    for (let i = 0; i < 100 && status === 200; i++) {
      status = (await me(egor.accessToken)).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(401);
    const socket = connect(t.url, '/agents', { token: egor.accessToken });
    await expect(connected(socket)).rejects.toThrow('unauthorized');
    socket.disconnect();
  });

  it('answers bad input on the user and sign-in routes with a 400, never a 500', async () => {
    const id = await createAgent('Лена', 'lena@parley.test');
    const raw = (method: string, path: string, json: string, token?: string) => api(t.url, method, path, json, token);
    const refusals = [
      await raw('POST', '/api/users', '{"name":"Лена","email":"a\\ud800b@parley.test","password":"пароль-агента-42","role":"agent"}', t.token),
      await raw('POST', '/api/auth/login', '{"email":"a\\udc00@parley.test","password":"пароль-агента-42"}'),
      await api(t.url, 'POST', '/api/users', { name: 'Ле\u0000на', email: 'nul@parley.test', password: 'пароль-агента-42', role: 'agent' }, t.token),
      ...(await Promise.all(
        [{ name: null }, { role: null }, { password: null }, { disabled: null }, { name: 'Ле\u0000на' }, { password: 'пароль\u0000-агента-42' }, { disabled: 'да' }].map((body) =>
          api(t.url, 'PATCH', `/api/users/${id}`, body, t.token),
        ),
      )),
      await api(t.url, 'POST', '/api/auth/sessions/revoke-all', { userId: null }, t.token),
    ];
    expect(refusals.map((r) => r.status)).toEqual(Array(refusals.length).fill(400));
    expect(refusals.every((r) => typeof r.body.message === 'string' && r.body.statusCode === 400)).toBe(true);
  });

  it('does not let an admin disable themselves', async () => {
    const res = await api(t.url, 'PATCH', `/api/users/${(await me(t.token)).body.id}`, { disabled: true }, t.token);
    expect(res).toMatchObject({ status: 409, body: { statusCode: 409, message: 'You cannot disable yourself or change your own role' } });
  });
});
