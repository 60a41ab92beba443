import { keyboardOf, pressedButton } from './viber-keyboard';

describe('Viber keyboards from reply buttons', () => {
  it('puts a rating scale on rows of six reply buttons, and keeps each value in tracking_data', () => {
    const buttons = Array.from({ length: 11 }, (_, n) => ({ text: String(n), data: `survey:s1:${n}` }));
    const { keyboard, trackingData } = keyboardOf(buttons)!;
    expect(keyboard.Type).toBe('keyboard');
    expect(keyboard.Buttons).toHaveLength(11);
    expect(keyboard.Buttons[0]).toEqual({ Columns: 1, Rows: 1, ActionType: 'reply', ActionBody: '0', Text: '0', TextSize: 'regular' });
    expect(pressedButton(trackingData, '7')).toBe('survey:s1:7');
    expect(pressedButton(trackingData, 'семь')).toBeNull();
  });

  it('gives long labels a row each, links open-url, and escapes markup', () => {
    const { keyboard, trackingData } = keyboardOf([{ text: 'Позвать оператора' }, { text: 'Track <order>', url: 'https://example.com/t' }])!;
    expect(keyboard.Buttons.map((b) => [b.Columns, b.ActionType, b.ActionBody, b.Text])).toEqual([
      [6, 'reply', 'Позвать оператора', 'Позвать оператора'],
      [6, 'open-url', 'https://example.com/t', 'Track &lt;order&gt;'],
    ]);
    expect(trackingData).toBeNull();
    expect(keyboardOf([])).toBeNull();
    expect(keyboardOf('x')).toBeNull();
    expect(pressedButton('not json parley', '1')).toBeNull();
  });
});
