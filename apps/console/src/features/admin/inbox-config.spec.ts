import { buildInboxConfig, buildInboxConfigPatch, configValuesOf, defaultConfigValues, embedSnippet, missingConfigFields, storedSecrets } from './inbox-config';

describe('buildInboxConfig', () => {
  it('sends an empty config for web chat', () => {
    expect(buildInboxConfig('webchat', {})).toEqual({});
  });

  it('names the brand surveys speak for, on every channel, and the phone region of SMS and WhatsApp', () => {
    expect(buildInboxConfig('webchat', { brandName: ' Ромашка ' })).toEqual({ brandName: 'Ромашка' });
    expect(buildInboxConfig('telegram', { botToken: 't', secretToken: 's', mode: 'webhook', brandName: 'Ромашка' })).toMatchObject({ brandName: 'Ромашка' });
    expect(buildInboxConfig('whatsapp', { accountSid: 'AC1', authToken: 'x', from: 'whatsapp:+1', brandName: 'Ромашка', phoneRegion: 'KZ' }))
      .toMatchObject({ brandName: 'Ромашка', phoneRegion: 'KZ' });
    expect(buildInboxConfig('sms', { accountSid: 'AC1', authToken: 'x', from: '+1', phoneRegion: '' })).not.toHaveProperty('phoneRegion');
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

describe('editing an inbox', () => {
  const stored = {
    accountSid: 'AC00000000000000000000000000000de0',
    authToken: '••••oken',
    from: 'whatsapp:+14155238886',
    apiBaseUrl: 'http://127.0.0.1:3210',
    templates: [],
  };

  it('fills the form from the stored settings but never a secret', () => {
    expect(configValuesOf('whatsapp', stored)).toEqual({
      accountSid: 'AC00000000000000000000000000000de0',
      authToken: '',
      from: 'whatsapp:+14155238886',
      apiBaseUrl: 'http://127.0.0.1:3210',
      brandName: '',
      phoneRegion: '',
    });
    expect(storedSecrets('whatsapp', stored)).toEqual(['authToken']);
  });

  it('lets a secret the inbox already has stay blank', () => {
    const values = configValuesOf('whatsapp', stored);
    expect(missingConfigFields('whatsapp', values)).toEqual(['authToken']);
    expect(missingConfigFields('whatsapp', values, storedSecrets('whatsapp', stored))).toEqual([]);
  });

  it('leaves a blank secret out of the patch and clears an emptied optional field', () => {
    const values = { ...configValuesOf('whatsapp', stored), from: '+14155238887', apiBaseUrl: '' };
    expect(buildInboxConfigPatch('whatsapp', values)).toEqual({
      accountSid: 'AC00000000000000000000000000000de0',
      from: '+14155238887',
      apiBaseUrl: null,
      brandName: null,
      phoneRegion: null,
    });
    expect(buildInboxConfigPatch('whatsapp', { ...values, authToken: ' new-token ' })).toMatchObject({ authToken: 'new-token' });
  });

  it('reads nested email settings back and drops IMAP once its host is cleared', () => {
    const email = { address: 'a@b.c', smtp: { host: 'smtp', port: 465, secure: true, pass: '••••' }, imap: { host: 'imap', port: 993, secure: true, user: 'u', pass: '••••' } };
    const values = configValuesOf('email', email);
    expect(values).toMatchObject({ 'smtp.port': '465', 'smtp.secure': 'true', 'smtp.pass': '', 'imap.user': 'u', 'imap.pass': '' });
    expect(missingConfigFields('email', values, storedSecrets('email', email))).toEqual([]);
    expect(buildInboxConfigPatch('email', { ...values, 'imap.host': '' })).toEqual({
      address: 'a@b.c',
      smtp: { host: 'smtp', port: 465, secure: true, user: null },
      fromName: null,
      signature: null,
      brandName: null,
      imap: null,
    });
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
