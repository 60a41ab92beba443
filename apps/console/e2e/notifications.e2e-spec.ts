import type { Browser, Page } from 'playwright-core';
import { api, login, RunningApp, startApp } from '../../api/test/harness';
import { launchChromium, openConsole, openWidget, sayInWidget, until } from './browser';

const ANNA = { email: 'anna@parley.test', password: 'пароль-анны-длинный' };
const BORIS = { email: 'boris@parley.test', password: 'пароль-бориса-длинный' };

describe('mentions and the notification centre, in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    const admin = (await login(app.url)).accessToken;
    expect((await api(app.url, 'POST', '/api/users', { name: 'Анна', role: 'agent', ...ANNA }, admin)).status).toBe(201);
    expect((await api(app.url, 'POST', '/api/users', { name: 'Борис', role: 'agent', ...BORIS }, admin)).status).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const bell = (page: Page) => page.getByTestId('notification-bell');
  const badge = (page: Page) => page.getByTestId('notification-badge');
  const favicon = (page: Page) => page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel="icon"]')?.href ?? '');

  it('Anna mentions Boris in a note; both of his tabs show it, and opening it in one reads it in the other', async () => {
    const shop = await openWidget(browser, app.url, { query: '?locale=ru', locale: 'ru-RU' });
    await sayInWidget(shop, 'Чайник пришёл разбитым');
    const borisTab = await openConsole(browser, app.url, { locale: 'ru-RU', ...BORIS });
    const borisOther = await openConsole(browser, app.url, { locale: 'ru-RU', ...BORIS });
    expect(await badge(borisTab).count()).toBe(0);

    const anna = await openConsole(browser, app.url, { locale: 'ru-RU', ...ANNA });
    await anna.getByTestId('conversation-item').filter({ hasText: 'Чайник пришёл разбитым' }).click();
    await anna.getByTestId('note-toggle').click();
    const input = anna.getByTestId('reply-input');
    await input.pressSequentially('@Бор');
    await anna.getByTestId('mention-option').filter({ hasText: 'Борис' }).waitFor();
    await input.press('Enter');
    await input.pressSequentially('посмотри, пожалуйста');
    await anna.getByTestId('reply-send').click();
    await anna.locator('[data-private="true"]').filter({ hasText: '@Борис посмотри, пожалуйста' }).waitFor();

    for (const tab of [borisTab, borisOther]) {
      await until('the badge shows one unread', async () => (await badge(tab).count()) === 1 && (await badge(tab).textContent()) === '1');
      await until('the tab title counts it', async () => (await tab.title()) === '(1) Parley');
      await until('the favicon carries the badge', async () => (await favicon(tab)).startsWith('data:image/png'));
    }
    await bell(borisTab).click();
    const item = borisTab.getByTestId('notification-item').filter({ hasText: 'Анна упомянул(а) вас' });
    await item.waitFor();
    expect(await item.getAttribute('data-read')).toBe('false');
    expect(await item.textContent()).toContain('@Борис посмотри, пожалуйста');

    await bell(borisOther).click();
    const otherItem = borisOther.getByTestId('notification-item').filter({ hasText: 'Анна упомянул(а) вас' });
    await otherItem.waitFor();

    await item.click();
    await borisTab.locator('[data-private="true"]').filter({ hasText: '@Борис посмотри, пожалуйста' }).waitFor();
    await until('the other tab shows it read', async () => (await otherItem.getAttribute('data-read')) === 'true');
    for (const tab of [borisTab, borisOther]) {
      await until('the badge is gone', async () => (await badge(tab).count()) === 0);
      await until('the title has no count', async () => (await tab.title()) === 'Parley');
      await until('the favicon is the plain one again', async () => (await favicon(tab)).startsWith('data:image/svg+xml'));
    }
  });

  it('lists the conversation Boris was mentioned in under "Mentions / Following"', async () => {
    const other = await openWidget(browser, app.url, { query: '?locale=ru', locale: 'ru-RU' });
    await sayInWidget(other, 'Когда будет доставка?');
    const boris = await openConsole(browser, app.url, { locale: 'ru-RU', ...BORIS });
    await boris.getByTestId('conversation-item').filter({ hasText: 'Когда будет доставка?' }).waitFor();
    await boris.getByTestId('assignee-filter-following').click();
    await until('only the conversation he follows is listed', async () => {
      const rows = await boris.getByTestId('conversation-item').allTextContents();
      return rows.length === 1 && rows[0].includes('Чайник пришёл разбитым');
    });
  });
});
