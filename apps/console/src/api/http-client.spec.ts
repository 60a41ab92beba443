import { buildUrl, errorMessage } from './http-client';

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
