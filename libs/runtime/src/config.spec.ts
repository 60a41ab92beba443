import { loadConfig } from './config';

describe('config: sign-in settings', () => {
  it('refuses to start an api in production without JWT_SECRET, and says which variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set when NODE_ENV=production/);
    expect(() => loadConfig({ NODE_ENV: 'production', PARLEY_ROLE: 'api' })).toThrow(/JWT_SECRET.*unset/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'короткий' })).toThrow(/JWT_SECRET.*too short/);
  });

  it('lets the embedded default and a production worker start without it', () => {
    expect(loadConfig({}).jwtSecret).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'production', PARLEY_ROLE: 'worker' }).role).toBe('worker');
    const secret = 'секрет-из-окружения-достаточной-длины';
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret }).jwtSecret).toBe(secret);
  });

  it('trusts no proxy unless TRUSTED_PROXIES names them', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXIES: 'loopback, 10.0.0.0/8 ,' }).trustedProxies).toEqual(['loopback', '10.0.0.0/8']);
  });

  it('issues access tokens for 15 minutes by default', () => {
    expect(loadConfig({}).jwtTtlSeconds).toBe(900);
  });
});
