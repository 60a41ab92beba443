import { isPhoneRegion, looksLikePhone, phoneRegion, toE164 } from './phone-numbers';

describe('toE164', () => {
  it('reads every way a Russian mobile number is written', () => {
    for (const written of ['8 916 123-45-67', '+7 (916) 123-45-67', '89161234567', '+79161234567', 'whatsapp:+79161234567', '7 916 123 45 67']) {
      expect([written, toE164(written, 'RU')]).toEqual([written, '+79161234567']);
    }
  });

  it('reads national numbers in the given region', () => {
    expect(toE164('(212) 555-0123', 'US')).toBe('+12125550123');
    expect(toE164('030 12345678', 'DE')).toBe('+493012345678');
  });

  it('refuses what is not a phone number', () => {
    expect(toE164('мария@example.com')).toBeNull();
    expect(toE164('12')).toBeNull();
    expect(toE164('')).toBeNull();
    expect(toE164(null)).toBeNull();
  });
});

describe('phoneRegion', () => {
  it('prefers the inbox region, then the environment, then RU', () => {
    expect(phoneRegion('kz', 'DE')).toBe('KZ');
    expect(phoneRegion(undefined, 'de')).toBe('DE');
    expect(phoneRegion(undefined, undefined)).toBe('RU');
    expect(phoneRegion('Russia', 'nonsense')).toBe('RU');
  });
});

describe('isPhoneRegion', () => {
  it('takes upper-case ISO countries libphonenumber knows', () => {
    expect(['RU', 'KZ', 'DE'].map(isPhoneRegion)).toEqual([true, true, true]);
    expect(['ru', 'Russia', 'XX', '', 7].map(isPhoneRegion)).toEqual([false, false, false, false, false]);
  });
});

describe('looksLikePhone', () => {
  it('tells a phone query from a name or an email', () => {
    expect(looksLikePhone('8 916 123-45-67')).toBe(true);
    expect(looksLikePhone('+7 (916) 123-45-67')).toBe(true);
    expect(looksLikePhone('Иванов')).toBe(false);
    expect(looksLikePhone('1042')).toBe(false);
  });
});
