import { splitText, toTelegramHtml } from './telegram-html';

describe('Telegram HTML formatting', () => {
  it('escapes whatever the agent typed, so it arrives as typed', () => {
    expect(toTelegramHtml('<b>not bold</b> & 5 > 3 <script>x</script>')).toBe('&lt;b&gt;not bold&lt;/b&gt; &amp; 5 &gt; 3 &lt;script&gt;x&lt;/script&gt;');
  });

  it('turns **bold**, `code` and ``` blocks into balanced tags with escaped insides', () => {
    expect(toTelegramHtml('Order **#12 <ok>** ships, run `a && b`')).toBe('Order <b>#12 &lt;ok&gt;</b> ships, run <code>a &amp;&amp; b</code>');
    expect(toTelegramHtml('```js\nif (a < b) {}\n```')).toBe('<pre>if (a &lt; b) {}\n</pre>');
  });

  it('leaves lone or unbalanced markers alone', () => {
    expect(toTelegramHtml('2 ** 3 and ** x** and `open')).toBe('2 ** 3 and ** x** and `open');
  });

  it('splits long text at a space or line break', () => {
    const text = `${'a'.repeat(30)} ${'b'.repeat(30)}\n${'c'.repeat(10)}`;
    expect(splitText(text, 40)).toEqual(['a'.repeat(30), 'b'.repeat(30), 'c'.repeat(10)]);
    expect(splitText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    expect(splitText('')).toEqual(['']);
  });
});
