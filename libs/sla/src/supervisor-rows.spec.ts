import { customerLabel } from './supervisor-rows';

const none = { name: null, email: null, phone: null };

describe('customerLabel', () => {
  it('prefers the customer name, then their email, then phone', () => {
    expect(customerLabel({ name: 'Мария Иванова', email: 'maria@example.ru', phone: null }, [], 'email')).toBe('Мария Иванова');
    expect(customerLabel({ ...none, email: 'maria@example.ru' }, [], 'email')).toBe('maria@example.ru');
    expect(customerLabel({ ...none, phone: '+79161234567' }, [], 'sms')).toBe('+79161234567');
  });

  it('falls back to what the channel knows: an email sender address, a Telegram name', () => {
    expect(customerLabel(none, [{ channel: 'email', displayName: null, externalId: 'oleg@example.ru' }], 'email')).toBe('oleg@example.ru');
    expect(customerLabel(none, [{ channel: 'telegram', displayName: 'Олег', externalId: '123456' }], 'telegram')).toBe('Олег');
    expect(customerLabel(none, [{ channel: 'whatsapp', displayName: null, externalId: 'whatsapp:+79161234567' }], 'whatsapp')).toBe('+79161234567');
  });

  it('leaves a web chat visitor who gave nothing unnamed (never their token)', () => {
    expect(customerLabel(none, [{ channel: 'webchat', displayName: null, externalId: 'visitor-token-abc' }], 'webchat')).toBeNull();
    expect(customerLabel(none, [{ channel: 'telegram', displayName: null, externalId: '123456' }], 'telegram')).toBeNull();
  });
});
