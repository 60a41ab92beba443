import { chooseVariant, CANNED_TEXT_MAX, cleanShortcode, cleanTitle, cleanVariants, customerLanguage, SHORTCODE_MAX } from './canned-response-rules';

describe('canned response rules', () => {
  it('keeps a shortcode in lower case in any script, without the slash typed before it', () => {
    expect(cleanShortcode(' /Доставка ')).toEqual({ ok: true, value: 'доставка' });
    expect(cleanShortcode(';ВОЗВРАТ_2')).toEqual({ ok: true, value: 'возврат_2' });
    expect(cleanShortcode('Ещё')).toEqual({ ok: true, value: 'еще' });
  });

  it('refuses a shortcode with spaces or punctuation, an empty one and a long one', () => {
    for (const bad of ['два слова', 'вопрос?', '', '/', 'я'.repeat(SHORTCODE_MAX + 1)]) expect(cleanShortcode(bad)).toMatchObject({ ok: false, problem: 'shortcode_invalid' });
  });

  it('needs a title', () => {
    expect(cleanTitle('  Срок   доставки ')).toEqual({ ok: true, value: 'Срок доставки' });
    expect(cleanTitle(' ')).toEqual({ ok: false, problem: 'title_required' });
  });

  it('keeps the non-blank variants and needs at least one', () => {
    expect(cleanVariants({ ru: ' Привет, {{customer.first_name}}! ', en: '  ' })).toEqual({ ok: true, value: { ru: 'Привет, {{customer.first_name}}!' } });
    expect(cleanVariants({ ru: '', en: null })).toEqual({ ok: false, problem: 'text_required' });
    expect(cleanVariants({ ru: 'ж'.repeat(CANNED_TEXT_MAX + 1) })).toMatchObject({ ok: false, problem: 'text_too_long', language: 'ru' });
  });

  it('refuses a variant with an unknown placeholder, naming it and the language', () => {
    expect(cleanVariants({ en: 'Hi {{customer.first_name}}', ru: 'Привет, {{клиент.имя}}' })).toEqual({ ok: false, problem: 'unknown_variable', language: 'ru', names: ['клиент.имя'] });
  });

  it("offers the customer's language first and falls back to the other variant", () => {
    const both = { en: 'Your order ships today', ru: 'Заказ отправим сегодня' };
    expect(chooseVariant(both, 'ru')).toEqual({ language: 'ru', text: 'Заказ отправим сегодня' });
    expect(chooseVariant(both, 'en')).toEqual({ language: 'en', text: 'Your order ships today' });
    expect(chooseVariant({ en: 'Only English' }, 'ru')).toEqual({ language: 'en', text: 'Only English' });
    expect(chooseVariant({ ru: 'Только русский' }, 'en')).toEqual({ language: 'ru', text: 'Только русский' });
  });

  it("takes the customer's language from their profile, else from their last words", () => {
    expect(customerLanguage({ attributes: { language: 'ru-RU' }, lastWords: 'Hello' })).toBe('ru');
    expect(customerLanguage({ attributes: { locale: 'en_GB' }, lastWords: 'Здравствуйте' })).toBe('en');
    expect(customerLanguage({ attributes: {}, lastWords: 'Где мой заказ?' })).toBe('ru');
    expect(customerLanguage({ attributes: null, lastWords: 'Where is my order?' })).toBe('en');
    expect(customerLanguage({ attributes: {}, lastWords: null })).toBeNull();
  });
});
