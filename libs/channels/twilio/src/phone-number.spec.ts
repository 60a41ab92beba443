import { senderKey, toE164, whatsappAddress } from './phone-number';

describe('phone numbers', () => {
  it('gives one E.164 key for international, national (RU) and WhatsApp forms of a number', () => {
    expect(toE164('+7 916 123-45-67', 'RU')).toBe('+79161234567');
    expect(toE164('89161234567', 'RU')).toBe('+79161234567');
    expect(toE164('8 (916) 123 45 67', 'ru')).toBe('+79161234567');
    expect(toE164('whatsapp:+79161234567', 'RU')).toBe('+79161234567');
  });

  it('reads national numbers in the configured default region', () => {
    expect(toE164('(415) 523-8886', 'US')).toBe('+14155238886');
    expect(toE164('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(toE164('020 7946 0958', null)).toBeNull();
  });

  it('keeps short codes and alphanumeric senders as they are', () => {
    expect(toE164('12345', 'RU')).toBeNull();
    expect(senderKey('12345', 'RU')).toBe('12345');
    expect(senderKey('whatsapp:+7 916 123 45 67', 'RU')).toBe('+79161234567');
    expect(senderKey('ACME', 'RU')).toBe('ACME');
  });

  it('addresses a WhatsApp user by the whatsapp: prefix once', () => {
    expect(whatsappAddress('+79161234567')).toBe('whatsapp:+79161234567');
    expect(whatsappAddress('whatsapp:+79161234567')).toBe('whatsapp:+79161234567');
  });
});
