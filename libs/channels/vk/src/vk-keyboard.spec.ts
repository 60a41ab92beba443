import { vkKeyboard } from './vk-keyboard';
import { readVkConfig } from './vk-config';
import { splitText } from './vk.adapter';

describe('vkKeyboard', () => {
  it('puts a 1–5 scale inline under the message as callback buttons carrying data and label', () => {
    const kb = JSON.parse(vkKeyboard([1, 2, 3, 4, 5].map((n) => ({ text: String(n), data: `survey:s:${n}` })))!);
    expect(kb.inline).toBe(true);
    expect(kb.buttons).toHaveLength(1);
    expect(kb.buttons[0][4].action).toEqual({ type: 'callback', label: '5', payload: JSON.stringify({ d: 'survey:s:5', t: '5' }) });
  });

  it('moves eleven buttons (NPS) to a one-time keyboard, and makes URL buttons links', () => {
    const kb = JSON.parse(vkKeyboard(Array.from({ length: 11 }, (_, n) => ({ text: String(n), data: `survey:s:${n}` })))!);
    expect(kb.one_time).toBe(true);
    expect(kb.buttons.flat()).toHaveLength(11);
    expect(JSON.parse(vkKeyboard([{ text: 'Сайт', url: 'https://shop.example' }])!).buttons[0][0].action).toEqual({ type: 'open_link', link: 'https://shop.example', label: 'Сайт' });
    expect(vkKeyboard(undefined)).toBeNull();
  });
});

describe('VK settings and texts', () => {
  it('checks the settings with messages an admin can act on', () => {
    expect(() => readVkConfig({})).toThrow('accessToken is required');
    expect(() => readVkConfig({ accessToken: 't', mode: 'webhook' })).toThrow('mode must be');
    expect(() => readVkConfig({ accessToken: 't', secretKey: 'не латиница' })).toThrow('secretKey');
    expect(readVkConfig({ accessToken: ' t ', groupId: '42', apiBaseUrl: 'http://127.0.0.1:3214/method/' })).toMatchObject({ accessToken: 't', groupId: 42, mode: 'callback', apiBaseUrl: 'http://127.0.0.1:3214/method' });
  });

  it('splits a long reply at VK’s 4096 characters', () => {
    const parts = splitText(`${'слово '.repeat(1000)}`);
    expect(parts.length).toBe(2);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(splitText('  ')).toEqual([]);
  });
});
