import { foldForSearch, nameKey } from './search-folding';

describe('foldForSearch', () => {
  it('folds Russian case and ё so Пётр, ПЁТР and петр are one word', () => {
    expect(foldForSearch('Пётр')).toBe('петр');
    expect(foldForSearch('ПЁТР')).toBe('петр');
    expect(foldForSearch('петр')).toBe('петр');
    expect(foldForSearch('Алёна')).toBe(foldForSearch('алена'));
  });

  it('normalizes compatibility forms (NFKC) and Latin case', () => {
    expect(foldForSearch('ＩＶＡＮ@Example.RU')).toBe('ivan@example.ru');
    expect(foldForSearch('ﬁnance')).toBe('finance');
  });
});

describe('nameKey', () => {
  it('matches full names written differently', () => {
    expect(nameKey('  Мария   Иванова ')).toBe('мария иванова');
    expect(nameKey('МАРИЯ ИВАНОВА')).toBe(nameKey('Мария Иванова'));
    expect(nameKey('Семён Ёлкин')).toBe('семен елкин');
  });

  it('gives no key for a single word or nothing: too weak to suggest a merge', () => {
    expect(nameKey('Мария')).toBeNull();
    expect(nameKey('')).toBeNull();
    expect(nameKey(null)).toBeNull();
  });
});
