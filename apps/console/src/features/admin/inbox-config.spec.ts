import { buildInboxConfig, defaultConfigValues, embedSnippet, missingConfigFields } from './inbox-config';

describe('buildInboxConfig', () => {
  it('sends an empty config for web chat', () => {
    expect(buildInboxConfig('webchat', {})).toEqual({});
  });

  it('builds a Twilio config and leaves out a blank api base url', () => {
    expect(
      buildInboxConfig('sms', { accountSid: 'AC1', authToken: 'secret', from: '+15550001111', apiBaseUrl: ' ' }),
    ).toEqual({ accountSid: 'AC1', authToken: 'secret', from: '+15550001111' });
  });

  it('nests SMTP settings with typed port and secure flag, and skips IMAP when not set up', () => {
    const values = {
      ...defaultConfigValues('email'),
      address: 'support@example.com',
      'smtp.host': 'smtp.example.com',
      'smtp.port': '465',
      'smtp.secure': 'true',
    };
    expect(buildInboxConfig('email', values)).toEqual({
      address: 'support@example.com',
      smtp: { host: 'smtp.example.com', port: 465, secure: true },
    });
  });

  it('includes IMAP once its host is filled in', () => {
    const values = {
      ...defaultConfigValues('email'),
      address: 'a@b.c',
      'smtp.host': 'smtp',
      'imap.host': 'imap.example.com',
      'imap.user': 'u',
      'imap.pass': 'p',
    };
    expect(buildInboxConfig('email', values).imap).toEqual({
      host: 'imap.example.com',
      port: 993,
      secure: true,
      user: 'u',
      pass: 'p',
    });
  });

  it('defaults Telegram to webhook mode', () => {
    expect(buildInboxConfig('telegram', { ...defaultConfigValues('telegram'), botToken: '1:x', secretToken: 's' })).toEqual({
      botToken: '1:x',
      secretToken: 's',
      mode: 'webhook',
    });
  });
});

describe('missingConfigFields', () => {
  it('lists blank required fields', () => {
    expect(missingConfigFields('sms', { accountSid: 'AC1' })).toEqual(['authToken', 'from']);
    expect(missingConfigFields('webchat', {})).toEqual([]);
  });

  it('requires IMAP credentials only when IMAP is being set up', () => {
    const base = { ...defaultConfigValues('email'), address: 'a@b.c', 'smtp.host': 'smtp' };
    expect(missingConfigFields('email', base)).toEqual([]);
    expect(missingConfigFields('email', { ...base, 'imap.host': 'imap' })).toEqual(['imap.user', 'imap.pass']);
  });
});

describe('embedSnippet', () => {
  it('points at the widget script of this installation', () => {
    expect(embedSnippet('https://support.example.com/', 'wt_abc123')).toBe(
      '<script src="https://support.example.com/widget.js" data-website-token="wt_abc123" async></script>',
    );
  });

  it('cannot be broken out of by a strange token', () => {
    expect(embedSnippet('http://localhost:3000', 'a"><img src=x>')).toBe(
      '<script src="http://localhost:3000/widget.js" data-website-token="aimgsrcx" async></script>',
    );
  });
});
