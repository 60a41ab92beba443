import type { Browser, Page } from 'playwright-core';
import { RunningApp, startApp } from '../../api/test/harness';
import { launchChromium, openConsole, openWidget, sayInWidget, waitForCount } from './browser';

describe('web chat between the demo shop and the agent console, in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const agentConsole = (locale = 'en-US'): Promise<Page> => openConsole(browser, app.url, { locale });

  const visitor = (query = '', locale = 'en-US'): Promise<Page> => openWidget(browser, app.url, { query, locale });
  const say = sayInWidget;

  it('shows a visitor message live to the agent, carries the reply back, and puts both on the timeline', async () => {
    const agent = await agentConsole();
    const shop = await visitor();
    await say(shop, 'Do you ship to Kazan?');

    const row = agent.getByTestId('conversation-item').filter({ hasText: 'Do you ship to Kazan?' });
    await row.waitFor();
    await row.click();
    await agent.getByTestId('thread').getByTestId('message').filter({ hasText: 'Do you ship to Kazan?' }).waitFor();

    await agent.getByTestId('reply-input').fill('Yes, in 2 days');
    await agent.getByTestId('reply-send').click();

    const reply = shop.locator('[data-testid="parley-message"][data-direction="outbound"]').filter({ hasText: 'Yes, in 2 days' });
    await reply.waitFor();
    expect(await reply.count()).toBe(1);

    const timeline = agent.getByTestId('customer-panel').getByTestId('timeline');
    await timeline.getByTestId('timeline-item').filter({ hasText: 'Yes, in 2 days' }).waitFor();
    await timeline.getByTestId('timeline-item').filter({ hasText: 'Do you ship to Kazan?' }).waitFor();
    expect(await waitForCount(timeline.locator('[data-testid="timeline-item"][data-type="message"]'), 2)).toBe(2);

    // History survives a reload of the shop page, without duplicates.
    await shop.reload();
    await shop.getByTestId('parley-launcher').click();
    const history = shop.getByTestId('parley-message');
    await history.filter({ hasText: 'Yes, in 2 days' }).waitFor();
    expect(await history.allTextContents()).toEqual([expect.stringContaining('Do you ship to Kazan?'), expect.stringContaining('Yes, in 2 days')]);
  });

  it('speaks Russian on both sides', async () => {
    const agent = await agentConsole('ru-RU');
    await agent.getByTestId('status-tab-open').filter({ hasText: 'Открытые' }).waitFor();
    const shop = await visitor('?locale=ru', 'ru-RU');
    expect(await shop.getByTestId('parley-input').getAttribute('placeholder')).toBe('Введите сообщение…');
    await say(shop, 'Здравствуйте, где мой заказ?');
    const row = agent.getByTestId('conversation-item').filter({ hasText: 'Здравствуйте, где мой заказ?' });
    await row.waitFor();
    const lang = await agent.evaluate(() => document.documentElement.lang);
    expect(lang).toBe('ru');
  });
});
