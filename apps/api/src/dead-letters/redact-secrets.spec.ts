import { redactSecrets } from './redact-secrets';

describe('redactSecrets', () => {
  it('masks tokens and passwords at any depth and keeps the rest as it is', () => {
    expect(redactSecrets({
      inboxId: 'a1',
      sender: { externalId: '+79161234567', displayName: 'Иван' },
      content: 'Привет',
      authorName: 'Оператор',
      config: { authToken: 'abc', smtp: { pass: 'p', user: 'u' } },
      items: [{ visitorToken: 'v' }],
      empty: { secret: null },
    })).toEqual({
      inboxId: 'a1',
      sender: { externalId: '+79161234567', displayName: 'Иван' },
      content: 'Привет',
      authorName: 'Оператор',
      config: { authToken: '[redacted]', smtp: { pass: '[redacted]', user: 'u' } },
      items: [{ visitorToken: '[redacted]' }],
      empty: { secret: null },
    });
  });
});
