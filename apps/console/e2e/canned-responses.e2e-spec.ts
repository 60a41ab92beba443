import type { Browser, Page } from 'playwright-core';
import type { CannedImportResultDto, ConversationDto, Page as ListPage } from '@parley/contracts';
import { api, login, RunningApp, startApp } from '../../api/test/harness';
import { launchChromium, openConsole, openWidget, sayInWidget, until } from './browser';

const AGENT = { email: 'agata@parley.test', password: 'пароль-агаты-длинный' };

describe('canned responses, in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let admin: string;
  let agent: string;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    admin = (await login(app.url)).accessToken;
    expect((await api(app.url, 'POST', '/api/users', { name: 'Агата', role: 'agent', ...AGENT }, admin)).status).toBe(201);
    agent = (await login(app.url, AGENT)).accessToken;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A visitor writes in Russian; the agent's console opens that conversation. */
  async function customerWrites(text: string, name: string | null): Promise<{ widget: Page; conversation: ConversationDto }> {
    const widget = await openWidget(browser, app.url, { query: '?locale=ru', locale: 'ru-RU' });
    await sayInWidget(widget, text);
    let conversation: ConversationDto | undefined;
    await until('the conversation is listed', async () => {
      const list = await api<ListPage<ConversationDto>>(app.url, 'GET', '/api/conversations?limit=100', undefined, admin);
      conversation = list.body.items.find((c) => c.lastMessagePreview?.includes(text));
      return !!conversation;
    });
    if (name) expect((await api(app.url, 'PATCH', `/api/customers/${conversation!.customerId}`, { name }, admin)).status).toBe(200);
    return { widget, conversation: conversation! };
  }

  const replyInput = (page: Page) => page.getByTestId('reply-input');

  it('an agent saves «доставка» in Russian and English, types /дост for a Russian customer and sends it with her name', async () => {
    const page = await openConsole(browser, app.url, { locale: 'ru-RU', ...AGENT });
    await page.getByTestId('nav-canned').click();
    await page.getByTestId('canned-new').click();
    await page.getByTestId('canned-shortcode').fill('доставка');
    await page.getByTestId('canned-title').fill('Срок доставки');
    await page.getByTestId('canned-text-ru').fill('Здравствуйте, ');
    await page.getByTestId('canned-var-customer.first_name').click();
    await page.getByTestId('canned-text-ru').press('End');
    await page.getByTestId('canned-text-ru').pressSequentially('! Доставим завтра.');
    await until('the preview fills the name', async () => (await page.getByTestId('canned-preview').textContent()) === 'Здравствуйте, Анна! Доставим завтра.');
    await page.getByTestId('canned-text-en').fill('Hello {{customer.first_name}}, it ships tomorrow.');
    await page.getByTestId('canned-file').setInputFiles({ name: 'тарифы.txt', mimeType: 'text/plain', buffer: Buffer.from('Тарифы на доставку по России') });
    await page.getByTestId('canned-form').getByText('тарифы.txt').waitFor();
    await page.getByTestId('canned-save').click();
    await page.getByTestId('canned-row').filter({ hasText: '/доставка' }).waitFor();

    const { widget } = await customerWrites('Добрый день, где мой заказ?', 'Мария Иванова');
    await page.getByTestId('nav-inbox').click();
    await page.getByTestId('conversation-item').filter({ hasText: 'где мой заказ' }).click();
    await replyInput(page).pressSequentially('/дост');
    const option = page.getByTestId('canned-option');
    await until('one response is offered, in Russian', async () => (await option.count()) === 1 && (await option.first().getAttribute('data-shortcode')) === 'доставка');
    await replyInput(page).press('Enter');
    await until('the Russian text with her name is in the box', async () => (await replyInput(page).inputValue()) === 'Здравствуйте, Мария! Доставим завтра.');
    expect(await page.getByTestId('canned-picker').count()).toBe(0);
    await page.getByTestId('canned-attachment').filter({ hasText: 'тарифы.txt' }).waitFor();
    await replyInput(page).press('Enter');
    await widget.getByText('Здравствуйте, Мария! Доставим завтра.').waitFor();
    await page.getByTestId('thread').getByText('тарифы.txt').waitFor();
  });

  it('shows a missing name as a warning and does not send the reply until it is filled in', async () => {
    const page = await openConsole(browser, app.url, { locale: 'ru-RU', ...AGENT });
    const { widget } = await customerWrites('Подскажите срок доставки', null);
    await page.getByTestId('conversation-item').filter({ hasText: 'Подскажите срок доставки' }).click();
    await replyInput(page).pressSequentially(';доставка');
    await page.getByTestId('canned-option').first().waitFor();
    await replyInput(page).press('Enter');
    await page.getByTestId('canned-missing').filter({ hasText: 'customer.first_name' }).waitFor();
    await replyInput(page).press('Enter');
    await until('sending is refused with a message', async () => ((await page.getByTestId('reply-error').textContent()) ?? '').includes('{{customer.first_name}}'));
    expect(await replyInput(page).inputValue()).toBe('Здравствуйте, {{customer.first_name}}! Доставим завтра.');
    await replyInput(page).fill('Здравствуйте, Ольга! Доставим завтра.');
    await replyInput(page).press('Enter');
    await widget.getByText('Здравствуйте, Ольга! Доставим завтра.').waitFor();
    expect(await widget.getByText('{{customer.first_name}}').count()).toBe(0);
  });

  it('opens the list and filters it to one of 2,000 responses (time measured in the page, logged)', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => {
      const n = String(i + 1).padStart(4, '0');
      return `ответ-${n},Шаблон ${n},personal,Reply ${n},"Текст шаблона номер ${n}, {{customer.first_name}}"`;
    });
    const imported = await api<CannedImportResultDto>(app.url, 'POST', '/api/canned-responses/import', { csv: ['shortcode,title,scope,en,ru', ...rows].join('\n') }, agent);
    expect([imported.status, imported.body.created, imported.body.errors]).toEqual([200, 2000, []]);

    const page = await openConsole(browser, app.url, { locale: 'ru-RU', ...AGENT });
    await customerWrites('Сколько стоит доставка в Казань?', 'Ирина');
    await page.getByTestId('conversation-item').filter({ hasText: 'Казань' }).click();
    await until('the 2,001 responses are loaded', async () => {
      await replyInput(page).fill('/ответ-2000');
      const loaded = (await page.getByTestId('canned-option').count()) === 1;
      await replyInput(page).fill('');
      return loaded;
    });

    const timings = await page.evaluate(async () => {
      const input = document.querySelector<HTMLTextAreaElement>('[data-testid="reply-input"]')!;
      const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      const type = (value: string) => {
        setValue.call(input, value);
        input.setSelectionRange(value.length, value.length);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      };
      const when = (done: () => boolean) =>
        new Promise<void>((resolve) => {
          if (done()) return resolve();
          const observer = new MutationObserver(() => {
            if (!done()) return;
            observer.disconnect();
            resolve();
          });
          observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
        });
      const options = () => document.querySelectorAll('[data-testid="canned-option"]');
      input.focus();
      const start = performance.now();
      type('/');
      await when(() => options().length > 0);
      const opened = performance.now();
      type('/ответ-1234');
      await when(() => options().length === 1);
      const filtered = performance.now();
      return { openMs: opened - start, filterMs: filtered - opened, totalMs: filtered - start, shortcode: options()[0].getAttribute('data-shortcode') };
    });
    console.log(`canned responses: opening the list of 2,000 took ${timings.openMs.toFixed(1)} ms, filtering it to one ${timings.filterMs.toFixed(1)} ms (total ${timings.totalMs.toFixed(1)} ms)`);
    expect(timings.shortcode).toBe('ответ-1234');
    expect(await page.getByTestId('canned-option').count()).toBe(1);
  });
});
