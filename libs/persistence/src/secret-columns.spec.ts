import { inboxConfigTransformer, mapConfigSecrets, SecretCipher, useSecretCipher } from './secret-columns';

/** A stand-in cipher: what matters here is which values pass through it. */
const fakeCipher: SecretCipher = {
  seal: (v) => `sealed(${v})`,
  open: (v) => v.replace(/^sealed\((.*)\)$/, '$1'),
  isStale: (v) => !v.startsWith('sealed('),
};

describe('inbox config secrets at rest', () => {
  afterEach(() => useSecretCipher(null));

  const config = {
    accountSid: 'AC123',
    authToken: 'twilio-token',
    from: '+15005550006',
    smtp: { host: 'smtp.example.ru', port: 465, user: 'почта', pass: 'пароль' },
    imap: { host: 'imap.example.ru', pass: 'imap-пароль' },
    templates: [{ id: 'HX1', name: 'Доставка' }],
  };

  it('seals only the secret values, at any depth, and opens them back', () => {
    useSecretCipher(fakeCipher);
    const stored = inboxConfigTransformer.to(config);
    expect(stored).toEqual({
      ...config,
      authToken: 'sealed(twilio-token)',
      smtp: { ...config.smtp, pass: 'sealed(пароль)' },
      imap: { ...config.imap, pass: 'sealed(imap-пароль)' },
    });
    expect(inboxConfigTransformer.from(stored)).toEqual(config);
    expect(config.authToken).toBe('twilio-token');
  });

  it('leaves empty secrets and configs without secrets alone', () => {
    expect(mapConfigSecrets({ botToken: '', mode: 'webhook' }, () => 'changed')).toEqual({ botToken: '', mode: 'webhook' });
    expect(inboxConfigTransformer.to({})).toEqual({});
  });

  it('refuses to write a secret while no key is loaded, instead of storing it in clear', () => {
    expect(() => inboxConfigTransformer.to({ botToken: '123:ABC' })).toThrow(/No encryption key is loaded/);
  });
});
