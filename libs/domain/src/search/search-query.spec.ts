import { MAX_SEARCH_WORDS, parseSearchQuery } from './search-query';

describe('parseSearchQuery', () => {
  it('folds case and ё into words', () => {
    expect(parseSearchQuery('ЁЛКА  Заказы')).toMatchObject({ words: ['елка', 'заказы'], phrases: [], text: 'елка заказы', folded: 'елка заказы' });
  });

  it('keeps double-quoted words together as a phrase', () => {
    const q = parseSearchQuery('доставка "Новый чайник" refund');
    expect(q).toMatchObject({ words: ['доставка', 'refund'], phrases: [['новый', 'чайник']] });
    expect(q!.text).toBe('доставка refund "новый чайник"');
  });

  it('reads an unbalanced quote as plain words', () => {
    expect(parseSearchQuery('заказ "не пришёл')).toMatchObject({ words: ['заказ', 'не', 'пришел'], phrases: [] });
  });

  it.each([`'`, '&', '|', '!', ':*', '\\', '"', '""', '(', ')', '<->', '-', '*'])('finds nothing to search in %j', (raw) => {
    expect(parseSearchQuery(raw)).toBeNull();
  });

  it('drops every operator character around words', () => {
    const q = parseSearchQuery(`заказ:* & !возврат | 'refund' \\ (NEAR) -x`)!;
    expect(q.words).toEqual(['заказ', 'возврат', 'refund', 'near', 'x']);
    expect(q.text).toMatch(/^[\p{L}\p{N} "]+$/u);
  });

  it('reads a phone written any way as E.164 and keeps its digits', () => {
    expect(parseSearchQuery('+7 (999) 123-45-67')).toMatchObject({ phone: '+79991234567', digits: '79991234567' });
    expect(parseSearchQuery('8 999 123 45 67')).toMatchObject({ phone: '+79991234567' });
    expect(parseSearchQuery('заказ 12345678')).toMatchObject({ phone: null, digits: null });
  });

  it('ignores repeated words and words past the limit', () => {
    const many = Array.from({ length: 40 }, (_, i) => `слово${i}`).join(' ');
    expect(parseSearchQuery(many)!.words).toHaveLength(MAX_SEARCH_WORDS);
    expect(parseSearchQuery('заказ Заказ ЗАКАЗ')!.words).toEqual(['заказ']);
  });

  it('keeps what names and emails are matched on in the folded text', () => {
    expect(parseSearchQuery('Alena.K@Example')!.folded).toBe('alena.k@example');
  });
});
