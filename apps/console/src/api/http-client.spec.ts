import { buildUrl, errorMessage, http } from './http-client';

describe('buildUrl', () => {
  it('leaves out empty query values', () => {
    expect(buildUrl('/api/conversations', { status: 'open', inboxId: null, cursor: undefined, assigneeId: '' })).toBe(
      '/api/conversations?status=open',
    );
  });

  it('encodes values', () => {
    expect(buildUrl('/api/customers', { query: 'anna & co' })).toBe('/api/customers?query=anna+%26+co');
  });

  it('returns the bare path without a query', () => {
    expect(buildUrl('/api/users')).toBe('/api/users');
  });
});

describe('errorMessage', () => {
  it('joins Nest validation messages', () => {
    expect(errorMessage({ statusCode: 400, message: ['email must be an email', 'password too short'] }, 'x')).toBe(
      'email must be an email; password too short',
    );
  });

  it('falls back when the body has no message', () => {
    expect(errorMessage('<html>', 'Bad Gateway')).toBe('Bad Gateway');
  });
});

describe('Accept-Language', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
    delete (globalThis as { document?: unknown }).document;
  });

  it('sends the UI language, so the server answers its errors in it', async () => {
    (globalThis as { document?: unknown }).document = { documentElement: { lang: 'ru' } };
    const sent: Headers[] = [];
    globalThis.fetch = jest.fn(async (_url: unknown, init?: RequestInit) => {
      sent.push(new Headers(init?.headers));
      return new Response(JSON.stringify({ statusCode: 404, code: 'customer_not_found', message: 'Клиент не найден' }), { status: 404 });
    }) as typeof fetch;
    await expect(http.get('/api/customers/x')).rejects.toThrow('Клиент не найден');
    expect(sent[0].get('accept-language')).toBe('ru');
  });
});
