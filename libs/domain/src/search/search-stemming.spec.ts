import { searchWords, stemText, stemWord } from './search-stemming';

describe('search stemming', () => {
  it('gives Russian word forms one stem', () => {
    expect(stemWord('заказы')).toBe(stemWord('заказ'));
    expect(stemWord('доставки')).toBe(stemWord('доставка'));
  });

  it('gives English word forms one stem', () => {
    expect(stemWord('refunds')).toBe('refund');
    expect(stemWord('refunded')).toBe('refund');
  });

  it('stores a text folded and stemmed, numbers as written', () => {
    expect(stemText('ЁЛКА и Заказы №10482, refunds!')).toBe(`${stemWord('елка')} и заказ no 10482 refund`);
    expect(stemText(null)).toBe('');
  });

  it('splits words on anything but letters and digits, and between letters and digits', () => {
    expect(searchWords("счёт_заказ.pdf don't")).toEqual(['счет', 'заказ', 'pdf', 'don', 't']);
    expect(searchWords('RU123456789')).toEqual(['ru', '123456789']);
  });
});
