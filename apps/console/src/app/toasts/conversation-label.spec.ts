import { customerLabel, visitorTag } from './conversation-label';

const t = (key: string, o?: Record<string, unknown>) => (key === 'details.visitor' ? `Посетитель #${String(o?.tag)}` : key);

describe('customerLabel', () => {
  it('names a customer by name, then email, then phone', () => {
    expect(customerLabel({ name: 'Мария', email: 'maria@example.ru', phone: null }, 'id', t)).toBe('Мария');
    expect(customerLabel({ name: null, email: 'maria@example.ru', phone: null }, 'id', t)).toBe('maria@example.ru');
    expect(customerLabel({ name: ' ', email: null, phone: '+79161234567' }, 'id', t)).toBe('+79161234567');
  });

  it('calls an unnamed visitor "Посетитель #abcd" by the end of their id, never "Клиент"', () => {
    expect(visitorTag('0190aaaa-bbbb-7ccc-8ddd-eeeeffff1a2b')).toBe('1a2b');
    expect(customerLabel({ name: null, email: null, phone: null }, '0190aaaa-bbbb-7ccc-8ddd-eeeeffff1a2b', t)).toBe('Посетитель #1a2b');
  });
});
