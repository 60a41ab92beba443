import type { Browser, Page } from 'playwright-core';
import { api, login, RunningApp, startApp } from '../../api/test/harness';
import { launchChromium, openConsole, openWidget, sayInWidget, until } from './browser';

const AGENT = { email: 'vera@parley.test', password: 'пароль-веры-длинный' };

describe('labels on conversations, in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    const admin = (await login(app.url)).accessToken;
    expect((await api(app.url, 'POST', '/api/users', { name: 'Вера', role: 'agent', ...AGENT }, admin)).status).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const chipsIn = (page: Page, scope: string) => page.getByTestId(scope).getByTestId('label-chip').filter({ hasText: 'Возврат' });

  it('an admin creates «Возврат» in red; an agent labels a conversation, filters by it and takes it off', async () => {
    const adminPage = await openConsole(browser, app.url, { locale: 'ru-RU' });
    await adminPage.getByTestId('nav-admin').click();
    await adminPage.getByTestId('label-create-open').click();
    await adminPage.getByTestId('label-name-ru').fill('Возврат');
    await adminPage.getByTestId('label-name-en').fill('Refund');
    await adminPage.getByTestId('label-swatch-e5484d').click();
    expect(await adminPage.getByTestId('label-colour').inputValue()).toBe('#e5484d');
    await adminPage.getByTestId('label-submit').click();
    const row = adminPage.getByTestId('label-row').filter({ hasText: 'Возврат' });
    await row.waitFor();
    expect(await row.getByTestId('label-chip').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(229, 72, 77)');

    const shop = await openWidget(browser, app.url, { query: '?locale=ru', locale: 'ru-RU' });
    await sayInWidget(shop, 'Хочу вернуть чайник');
    const other = await openWidget(browser, app.url, { query: '?locale=ru', locale: 'ru-RU' });
    await sayInWidget(other, 'Когда доставка?');

    const agent = await openConsole(browser, app.url, { locale: 'ru-RU', ...AGENT });
    const item = agent.getByTestId('conversation-item').filter({ hasText: 'Хочу вернуть чайник' });
    await item.click();
    await agent.getByTestId('label-add').selectOption({ label: 'Возврат' });
    await chipsIn(agent, 'label-picker').waitFor();
    await item.getByTestId('label-chip').filter({ hasText: 'Возврат' }).waitFor();
    await agent.getByTestId('timeline-item').filter({ hasText: 'Добавлена метка «Возврат» — Вера' }).waitFor();

    // The admin's open console hears of it too.
    await adminPage.getByTestId('nav-inbox').click();
    await adminPage.getByTestId('conversation-item').filter({ hasText: 'Хочу вернуть чайник' }).getByTestId('label-chip').waitFor();

    await agent.getByTestId('label-filter').selectOption({ label: 'Возврат' });
    await until('only the labelled conversation is listed', async () => {
      const rows = await agent.getByTestId('conversation-item').allTextContents();
      return rows.length === 1 && rows[0].includes('Хочу вернуть чайник');
    });

    await agent.getByTestId('label-picker').getByRole('button', { name: 'Снять метку Возврат' }).press('Enter');
    await until('the chip is gone from the header', async () => (await chipsIn(agent, 'label-picker').count()) === 0);
    await agent.getByTestId('conversation-list-empty').waitFor();
    await agent.getByTestId('label-filter').selectOption({ value: '' });
    await agent.getByTestId('conversation-item').filter({ hasText: 'Когда доставка?' }).waitFor();
    expect(await agent.getByTestId('conversation-item').filter({ hasText: 'Хочу вернуть чайник' }).getByTestId('label-chip').count()).toBe(0);
  });
});
