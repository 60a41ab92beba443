import { Client } from 'pg';
import { api, login, startApp, testEnv, type RunningApp } from './harness';

// better-sqlite3 ships no types; this test needs only a second connection to hold the write lock.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (file: string) => { exec(sql: string): void; close(): void };

/**
 * While the database is unreachable the API answers 503 with Retry-After, not 500 (issue #13,
 * item 3). PostgreSQL: the test database stops taking connections and its sessions are
 * terminated (57P01, then 55000 on reconnect). SQLite: another process holds the write lock
 * past the busy timeout (SQLITE_BUSY).
 */
describe('while the database is unavailable', () => {
  let t: RunningApp;
  let token: string;
  let databaseUrl: string;
  // startApp points DATABASE_URL at the test's own database; the server's admin connection needs another.
  const serverUrl = process.env.DATABASE_URL;

  beforeAll(async () => {
    const env = await testEnv();
    databaseUrl = env.DATABASE_URL;
    t = await startApp(env);
    token = (await login(t.url)).accessToken;
  });
  afterAll(() => t?.close());

  /** Makes the database unavailable; returns what brings it back. */
  async function takeDatabaseDown(): Promise<() => Promise<void>> {
    if (databaseUrl.startsWith('sqlite:')) {
      const other = new Database(databaseUrl.slice('sqlite:'.length));
      other.exec('BEGIN EXCLUSIVE');
      return async () => {
        other.exec('ROLLBACK');
        other.close();
      };
    }
    const name = new URL(databaseUrl).pathname.slice(1);
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    return async () => {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
      await admin.end();
    };
  }

  it('answers 503 with Retry-After to a reply, an edit and a webhook, and serves again once it is back', async () => {
    const inbox = await api(t.url, 'POST', '/api/inboxes', { name: 'Сайт', channel: 'webchat', config: {} }, token);
    expect(inbox.status).toBe(201);
    const restore = await takeDatabaseDown();
    try {
      const requests = [
        fetch(`${t.url}/api/inboxes/${inbox.body.id}`, { method: 'PATCH', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Чат' }) }),
      ];
      if (!databaseUrl.startsWith('sqlite:')) {
        // SQLite readers are not blocked by a writer, so only PostgreSQL can fail these reads.
        requests.push(
          fetch(`${t.url}/api/conversations/00000000-0000-4000-8000-000000000001/messages`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ content: 'Здравствуйте!' }) }),
          fetch(`${t.url}/webhooks/twilio/00000000-0000-4000-8000-000000000002`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Body=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82' }),
        );
      }
      for (const res of await Promise.all(requests)) {
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(await res.json()).toMatchObject({ statusCode: 503, message: 'Temporarily unavailable, please retry' });
      }
    } finally {
      await restore();
    }
    const renamed = await api(t.url, 'PATCH', `/api/inboxes/${inbox.body.id}`, { name: 'Чат' }, token);
    expect(renamed).toMatchObject({ status: 200, body: { name: 'Чат' } });
  });
});
