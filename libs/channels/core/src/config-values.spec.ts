import { isHttpUrl } from './config-values';

describe('isHttpUrl', () => {
  it('takes absolute http and https URLs only', () => {
    expect(isHttpUrl('https://api.telegram.org')).toBe(true);
    expect(isHttpUrl('http://127.0.0.1:3211/method')).toBe(true);
    expect(isHttpUrl('ftp://example.com')).toBe(false);
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpUrl('api.telegram.org')).toBe(false);
    expect(isHttpUrl(42)).toBe(false);
  });
});
