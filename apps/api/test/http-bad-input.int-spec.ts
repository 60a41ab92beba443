import { gzipSync } from 'node:zlib';
import { api, login, startApp, type RunningApp } from './harness';

/** Bad input of every kind the issue found as a 500 is a 4xx `{statusCode, message}` (issue #13, item 3). */
describe('bad input is never a 500', () => {
  let t: RunningApp;
  let token: string;
  let adminId: string;
  let inboxId: string;

  const raw = (method: string, path: string, body: string | Buffer | undefined, headers: Record<string, string> = {}) =>
    fetch(t.url + path, { method, headers: { authorization: `Bearer ${token}`, ...headers }, body });
  const expectError = async (res: Response, status: number, message: RegExp) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ statusCode: status, message: expect.stringMatching(message) });
  };

  beforeAll(async () => {
    t = await startApp();
    const session = await login(t.url);
    token = session.accessToken;
    adminId = session.user.id;
    const inbox = await api(t.url, 'POST', '/api/inboxes', { name: 'Сайт', channel: 'webchat', config: {} }, token);
    inboxId = inbox.body.id;
  });
  afterAll(() => t?.close());

  it('refuses JSON nested 20,000 deep before validation, on the API and on a webhook', async () => {
    const deep = '{"data":' + '['.repeat(20_000) + ']'.repeat(20_000) + '}';
    await expectError(await raw('PATCH', `/api/inboxes/${inboxId}`, deep, { 'content-type': 'application/json' }), 400, /nested deeper than 32/);
    await expectError(await raw('POST', `/webhooks/telegram/${inboxId}`, deep, { 'content-type': 'application/json' }), 400, /nested deeper than 32/);
  });

  it('refuses a Content-Encoding, compressed or not, with 415', async () => {
    const json = JSON.stringify({ name: 'Чат' });
    await expectError(await raw('PATCH', `/api/inboxes/${inboxId}`, json, { 'content-type': 'application/json', 'content-encoding': 'gzip' }), 415, /Content-Encoding/);
    await expectError(await raw('PATCH', `/api/inboxes/${inboxId}`, gzipSync(json), { 'content-type': 'application/json', 'content-encoding': 'br' }), 415, /Content-Encoding/);
    await expectError(await raw('POST', `/webhooks/twilio/${inboxId}`, 'Body=Привет', { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'deflate' }), 415, /content encoding/i);
  });

  it('refuses a body that is not JSON with 415 instead of reading it as empty', async () => {
    await expectError(await raw('PATCH', `/api/inboxes/${inboxId}`, '{"name":"Чат"}', { 'content-type': 'text/plain' }), 415, /application\/json/);
    await expectError(await raw('POST', '/api/users', 'name=Мария', { 'content-type': 'application/x-www-form-urlencoded' }), 415, /application\/json/);
    const unchanged = await api(t.url, 'GET', '/api/inboxes', undefined, token);
    expect(unchanged.body.find((i: { id: string }) => i.id === inboxId).name).toBe('Сайт');
  });

  it('refuses NUL bytes and lone surrogates in body fields, query and path parameters', async () => {
    const patched = await api(t.url, 'PATCH', `/api/inboxes/${inboxId}`, { name: 'Чат\u0000' }, token);
    expect(patched).toMatchObject({ status: 400, body: { statusCode: 400, message: 'name contains a NUL byte or an unpaired surrogate, which cannot be stored' } });
    const user = await raw('POST', '/api/users', '{"name":"Мария","email":"maria\\ud800@example.com","password":"correct-horse-battery","role":"agent"}', { 'content-type': 'application/json' });
    await expectError(user, 400, /^email contains/);
    await expectError(await raw('GET', '/api/customers?query=%D1%87%D0%B0%D0%B9%00', undefined), 400, /^query contains/);
    await expectError(await raw('GET', '/api/conversations?status=open%00', undefined), 400, /status/);
    await expectError(await raw('GET', '/api/customers/%00', undefined), 400, /./);
  });

  it('refuses explicit null on optional fields that cannot be null, and clears where null means clearing', async () => {
    await expectError(await raw('PATCH', `/api/inboxes/${inboxId}`, '{"name":null}', { 'content-type': 'application/json' }), 400, /name/);
    await expectError(await raw('PATCH', `/api/inboxes/${inboxId}`, '{"config":null}', { 'content-type': 'application/json' }), 400, /config/);
    const team = await api(t.url, 'POST', '/api/teams', { name: 'Поддержка' }, token);
    expect(team.status).toBe(201);
    await expectError(await raw('PATCH', `/api/teams/${team.body.id}`, '{"name":null,"memberIds":null}', { 'content-type': 'application/json' }), 400, /name/);
    await expectError(await raw('PATCH', `/api/agents/${adminId}`, '{"capacity":null}', { 'content-type': 'application/json' }), 400, /capacity/);
    const cleared = await api(t.url, 'PATCH', `/api/teams/${team.body.id}`, { leadId: null }, token);
    expect(cleared.status).toBe(200);
  });

  it('validates scores and numbers to their ranges', async () => {
    const conversationId = '00000000-0000-4000-8000-000000000001';
    for (const score of [-1, 1e308, 6]) {
      await expectError(await raw('POST', '/api/xla/csat', JSON.stringify({ conversationId, satisfied: true, score }), { 'content-type': 'application/json' }), 400, /score/);
    }
    await expectError(await raw('PATCH', `/api/agents/${adminId}`, '{"capacity":1e308}', { 'content-type': 'application/json' }), 400, /capacity/);
  });

  it("answers what Node's parser refuses (a URL too long for the headers) as JSON", async () => {
    await expectError(await raw('GET', `/api/customers?query=${'я'.repeat(10_000)}`, undefined), 431, /too large/);
  });

  it('answers a CSV route error as JSON', async () => {
    await expectError(await raw('GET', '/api/surveys/report.csv?from=вчера', undefined), 400, /ISO dates/);
    expect((await raw('GET', '/api/surveys/report.csv?from=%00', undefined)).headers.get('content-disposition')).toBeNull();
  });
});
