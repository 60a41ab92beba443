import { EMULATOR_PAGE } from '../telegram/emulator-page';
import { VIBER_EMULATOR_PAGE } from '../viber/viber-emulator-page';
import { PAGE_BASICS_JS } from './page-kit';

const scriptOf = (page: string) => /<script>([\s\S]*)<\/script>/.exec(page)![1];

describe('emulator page kit', () => {
  it.each([
    ['Telegram', EMULATOR_PAGE],
    ['Viber', VIBER_EMULATOR_PAGE],
  ])('the %s page carries the shared pieces in a script that parses', (_, page) => {
    const script = scriptOf(page);
    expect(() => new Function(script)).not.toThrow();
    expect(script).toContain("const api = async (path, body) =>");
    expect(script).toContain("$('picker').onchange = async () =>");
    expect(script).not.toContain('${');
  });

  it('fills {name} placeholders in both languages', () => {
    const TEXTS = { en: { noBot: 'No bot yet: use {url}', message: 'Message' }, ru: { noBot: 'Бота нет: используйте {url}', message: 'Сообщение' } };
    const el = () => ({ textContent: '', placeholder: '', className: '', setAttribute: () => undefined });
    const documentStub = { documentElement: {}, querySelectorAll: () => [], getElementById: el };
    for (const [language, expected] of [['ru-RU', 'Бота нет: используйте http://x'], ['en-US', 'No bot yet: use http://x']]) {
      const run = new Function('TEXTS', 'navigator', 'document', `${PAGE_BASICS_JS}; return t('noBot', { url: 'http://x' });`);
      expect(run(TEXTS, { language }, documentStub)).toBe(expected);
    }
  });
});
