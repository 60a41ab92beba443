import { highlightField, highlightStems, MARK_END, MARK_START, markedToHtml, plainSnippet } from './search-snippet';
import { stemWord } from './search-stemming';

const stems = (...words: string[]) => new Set(words.map(stemWord));

describe('search snippets', () => {
  it('marks every word form of the query in customer text', () => {
    expect(highlightStems('Где мой заказ? Заказы всегда опаздывают', stems('заказы'))).toBe('Где мой <mark>заказ</mark>? <mark>Заказы</mark> всегда опаздывают');
  });

  it('escapes the text around and inside the marks', () => {
    expect(highlightStems('<script>alert(1)</script> заказ & "возврат"', stems('заказ'))).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt; <mark>заказ</mark> &amp; &quot;возврат&quot;',
    );
  });

  it('cuts a long text around the first match', () => {
    const text = `${'раз '.repeat(50)}ёлка ${'два '.repeat(50)}`;
    const html = highlightStems(text, stems('елка'), { before: 2, words: 5 })!;
    expect(html).toBe('… раз раз <mark>ёлка</mark> два два …');
  });

  it('is null when no word matches', () => {
    expect(highlightStems('ничего общего', stems('заказ'))).toBeNull();
  });

  it('turns engine sentinels into <mark> and nothing else into markup', () => {
    expect(markedToHtml(`a <b> ${MARK_START}заказ${MARK_END} ${MARK_END}c ${MARK_START}d`)).toBe('a &lt;b&gt; <mark>заказ</mark> c <mark>d</mark>');
  });

  it('drops sentinels customers typed before highlighting', () => {
    expect(highlightStems(`${MARK_START}x${MARK_END} заказ`, stems('заказ'))).toBe('x <mark>заказ</mark>');
    expect(plainSnippet(`${MARK_START}<i>`)).toBe('&lt;i&gt;');
  });

  it('marks the matching part of a name or email, or all of it', () => {
    expect(highlightField('Пётр <Иванов>', 'иванов')).toBe('Пётр &lt;<mark>Иванов</mark>&gt;');
    expect(highlightField('Иванов', 'ивнов')).toBe('<mark>Иванов</mark>');
  });
});
