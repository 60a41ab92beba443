import { parseEmailConfig } from './email-config';

describe('email inbox settings', () => {
  it('normalizes a valid configuration', () => {
    expect(parseEmailConfig({ address: ' Support@Shop.Example ', smtp: { host: 'smtp.shop.example', port: '587', secure: false, user: 'u', pass: 'p' }, signature: 'Shop team' })).toEqual({
      address: 'support@shop.example',
      smtp: { host: 'smtp.shop.example', port: 587, secure: false, user: 'u', pass: 'p' },
      signature: 'Shop team',
    });
  });

  it.each([
    [{ smtp: { host: 'h', port: 25 } }, 'address must be an email address'],
    [{ address: 'support+x@shop.example', smtp: { host: 'h', port: 25 } }, 'address must not contain "+"'],
    [{ address: 'support@shop.example' }, 'smtp must be an object'],
    [{ address: 'support@shop.example', smtp: { host: 'h', port: 70000 } }, 'smtp.port must be a port number'],
    [{ address: 'support@shop.example', smtp: { host: 'h', port: 25 }, imap: { host: 'i', port: 993 } }, 'imap.user is required'],
  ])('refuses %j', (config, reason) => {
    expect(() => parseEmailConfig(config as Record<string, unknown>)).toThrow(reason);
  });
});
