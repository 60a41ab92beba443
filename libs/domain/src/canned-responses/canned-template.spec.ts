import { firstName, renderCannedText, unknownVariables, unresolvedPlaceholders, type CannedValues } from './canned-template';

const values = (customer: Partial<CannedValues['customer']> = {}): CannedValues => ({
  customer: { name: 'Анна Петровна Смирнова', email: 'anna@example.ru', phone: '+79161234567', attributes: { план: 'Золото', seats: 3 }, ...customer },
  agent: { name: 'Ёлкина Агата' },
  conversation: { id: '0190aaaa-0000-7000-8000-000000000001' },
});

describe('canned response placeholders', () => {
  it('fills every known placeholder, spaces and case inside the braces allowed', () => {
    const text = 'Здравствуйте, {{customer.first_name}}! Я {{ Agent.Name }}. Обращение {{conversation.id}}, тариф {{customer.attributes.план}}, мест {{customer.attributes.seats}}; {{customer.email}}, {{customer.phone}}, {{customer.name}}.';
    expect(renderCannedText(text, values())).toEqual({
      text: 'Здравствуйте, Анна! Я Ёлкина Агата. Обращение 0190aaaa-0000-7000-8000-000000000001, тариф Золото, мест 3; anna@example.ru, +79161234567, Анна Петровна Смирнова.',
      missing: [],
    });
  });

  it('reports a known placeholder without a value as missing and leaves it as written, once per name', () => {
    const rendered = renderCannedText('{{customer.first_name}}, {{customer.first_name}}! Тариф: {{customer.attributes.тариф}}', values({ name: '  ', attributes: {} }));
    expect(rendered).toEqual({ text: '{{customer.first_name}}, {{customer.first_name}}! Тариф: {{customer.attributes.тариф}}', missing: ['customer.first_name', 'customer.attributes.тариф'] });
  });

  it('names unknown and malformed placeholders, and accepts text without any', () => {
    expect(unknownVariables('Привет, {{customer.surname}} и {{ }} и {{customer.attributes.}} и {{agent.name}}')).toEqual(['customer.surname', '', 'customer.attributes.']);
    expect(unknownVariables('Просто {текст} без переменных')).toEqual([]);
  });

  it('finds placeholders still left in a reply', () => {
    expect(unresolvedPlaceholders('Добрый день, {{customer.first_name}}!')).toEqual(['customer.first_name']);
    expect(unresolvedPlaceholders('Добрый день, Анна!')).toEqual([]);
  });

  it('takes the first word of the name as the first name', () => {
    expect([firstName(' Мария  Иванова '), firstName(''), firstName(null)]).toEqual(['Мария', null, null]);
  });
});
