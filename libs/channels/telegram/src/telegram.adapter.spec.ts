import { inlineKeyboard } from './telegram.adapter';

describe('inline keyboards from reply buttons', () => {
  it('puts short labels (a 1–5 rating) in one row and longer ones one per row', () => {
    expect(inlineKeyboard(['1', '2', '3', '4', '5'].map((n) => ({ text: n, data: `csat:${n}` })))).toEqual([
      ['1', '2', '3', '4', '5'].map((n) => ({ text: n, callback_data: `csat:${n}` })),
    ]);
    expect(inlineKeyboard([{ text: 'Talk to a person' }, { text: 'Track my order', url: 'https://example.com/t' }])).toEqual([
      [{ text: 'Talk to a person', callback_data: 'Talk to a person' }],
      [{ text: 'Track my order', url: 'https://example.com/t' }],
    ]);
  });

  it('keeps callback data within 64 bytes and drops what is not a button', () => {
    const [[button]] = inlineKeyboard([{ text: 'Да', data: 'я'.repeat(40) }, { text: '' }, null, 'x'])!;
    expect(Buffer.byteLength('callback_data' in button ? button.callback_data : '')).toBeGreaterThan(0);
    expect(Buffer.byteLength('callback_data' in button ? button.callback_data : '')).toBeLessThanOrEqual(64);
    expect(inlineKeyboard([])).toBeNull();
    expect(inlineKeyboard(undefined)).toBeNull();
  });
});
