import { decodeEntities, parseSnippet } from './snippet-parser';

describe('search snippet parser', () => {
  it('splits the marked words from the rest', () => {
    expect(parseSnippet('Хочу вернуть <mark>чайник</mark>, он течёт')).toEqual([
      { text: 'Хочу вернуть ', mark: false },
      { text: 'чайник', mark: true },
      { text: ', он течёт', mark: false },
    ]);
  });

  it('keeps an escaped script tag as text', () => {
    const parts = parseSnippet('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>заказ</mark>');
    expect(parts).toEqual([
      { text: '<script>alert("x")</script> ', mark: false },
      { text: 'заказ', mark: true },
    ]);
  });

  it('treats a <mark> the customer typed (escaped) as text, not a highlight', () => {
    expect(parseSnippet('&lt;mark&gt;не подсветка&lt;/mark&gt;')).toEqual([{ text: '<mark>не подсветка</mark>', mark: false }]);
  });

  it('keeps any other raw tag as literal text', () => {
    expect(parseSnippet('<b>жирный</b>')).toEqual([{ text: '<b>жирный</b>', mark: false }]);
  });

  it('decodes numeric entities and leaves unknown ones alone', () => {
    expect(decodeEntities('&#39;Где&#x27; &amp;amp; &copy2; &#0; &unknown;')).toBe("'Где' &amp; &copy2; &#0; &unknown;");
  });

  it('joins neighbouring marks and survives an unclosed or stray marker', () => {
    expect(parseSnippet('<mark>Где</mark><mark> мой</mark> заказ')).toEqual([
      { text: 'Где мой', mark: true },
      { text: ' заказ', mark: false },
    ]);
    expect(parseSnippet('</mark>тест <mark>заказы')).toEqual([
      { text: 'тест ', mark: false },
      { text: 'заказы', mark: true },
    ]);
  });

  it('gives nothing for an empty snippet', () => {
    expect(parseSnippet('')).toEqual([]);
  });
});
