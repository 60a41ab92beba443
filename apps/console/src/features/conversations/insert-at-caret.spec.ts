import { insertAtCaret } from './insert-at-caret';

describe('insertAtCaret', () => {
  it('puts the emoji where the caret is, or in place of the selection', () => {
    expect(insertAtCaret('Привет!', 6, 6, ' 👋')).toEqual({ text: 'Привет 👋!', caret: 9 });
    expect(insertAtCaret('Привет, мир', 8, 11, '🌍')).toEqual({ text: 'Привет, 🌍', caret: 10 });
  });

  it('clamps a caret outside the text to its ends', () => {
    expect(insertAtCaret('abc', 10, 12, '🙂')).toEqual({ text: 'abc🙂', caret: 5 });
    expect(insertAtCaret('abc', -3, -1, '🙂')).toEqual({ text: '🙂abc', caret: 2 });
  });
});
