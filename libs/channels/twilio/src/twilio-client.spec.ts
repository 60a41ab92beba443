import { rebase } from './twilio-client';

describe('Twilio API base URL', () => {
  it("moves Twilio's hosts onto the inbox's apiBaseUrl, keeping path and query", () => {
    const base = new URL('http://127.0.0.1:3210');
    expect(rebase('https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?PageSize=1', base)).toBe(
      'http://127.0.0.1:3210/2010-04-01/Accounts/AC1/Messages.json?PageSize=1',
    );
    expect(rebase('https://content.twilio.com/v1/Content', new URL('https://proxy.example/twilio/'))).toBe('https://proxy.example/twilio/v1/Content');
  });

  it('leaves other hosts alone', () => {
    expect(rebase('https://example.com/x', new URL('http://127.0.0.1:3210'))).toBe('https://example.com/x');
  });
});
