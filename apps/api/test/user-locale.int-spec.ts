import { randomBytes } from 'node:crypto';
import type { UserDto } from '@parley/contracts';
import { api, login, useRunningApp } from './harness';

/** The console language is the user's, not the browser's: it comes back with every sign-in. */
describe('users: the console language is remembered per user', () => {
  const t = useRunningApp();

  async function agent() {
    const email = `lang-${randomBytes(3).toString('hex')}@parley.test`;
    const created = await api<UserDto>(t.url, 'POST', '/api/users', { name: 'Ирина Петрова', email, password: 'agent-password-1', role: 'agent' }, t.token);
    expect(created.status).toBe(201);
    return { id: created.body.id, email, token: (await login(t.url, { email, password: 'agent-password-1' })).accessToken };
  }

  it('saves an agent\'s own language and returns it on sign-in and from /me', async () => {
    const a = await agent();
    expect((await api<UserDto>(t.url, 'GET', '/api/auth/me', undefined, a.token)).body).not.toHaveProperty('locale');
    const saved = await api<UserDto>(t.url, 'PATCH', '/api/users/me', { locale: 'ru' }, a.token);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: a.id, name: 'Ирина Петрова', locale: 'ru' });
    expect((await api<UserDto>(t.url, 'GET', '/api/auth/me', undefined, a.token)).body.locale).toBe('ru');
    expect((await login(t.url, { email: a.email, password: 'agent-password-1' })).user.locale).toBe('ru');
    // null goes back to following the browser.
    expect((await api<UserDto>(t.url, 'PATCH', '/api/users/me', { locale: null }, a.token)).body).not.toHaveProperty('locale');
    expect((await login(t.url, { email: a.email, password: 'agent-password-1' })).user).not.toHaveProperty('locale');
  });

  it('refuses an unknown language or extra fields with 400 and the reason, and anonymous callers with 401', async () => {
    const a = await agent();
    const bad = await api(t.url, 'PATCH', '/api/users/me', { locale: 'de' }, a.token);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('locale must be one of: en, ru');
    expect((await api(t.url, 'PATCH', '/api/users/me', {}, a.token)).status).toBe(400);
    // Only the language: an agent cannot make themselves admin through their own profile.
    expect((await api(t.url, 'PATCH', '/api/users/me', { locale: 'en', role: 'admin' }, a.token)).status).toBe(400);
    expect((await api(t.url, 'GET', '/api/auth/me', undefined, a.token)).body.role).toBe('agent');
    expect((await api(t.url, 'PATCH', '/api/users/me', { locale: 'ru' })).status).toBe(401);
  });
});
