import type { Browser, Locator, Page } from 'playwright-core';
import { ADMIN, RunningApp, startApp } from '../../api/test/harness';
import { launchChromium, openConsole, openWidget, sayInWidget, until } from './browser';

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 768, height: 1024 };
const TABLET_LANDSCAPE = { width: 1024, height: 768 };
const QUESTION = 'Добрый день! Можно оплатить заказ при получении?';

/** How far the page scrolls sideways, and which elements stick out of the viewport, for the failure message. */
async function sideways(page: Page): Promise<{ scrollWidth: number; width: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const culprits = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && el.getClientRects().length > 0)
      .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)} px)`);
    return { scrollWidth: document.scrollingElement!.scrollWidth, width, culprits };
  });
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const seen = await sideways(page);
  expect(seen.scrollWidth <= seen.width ? [] : seen.culprits).toEqual([]);
  expect(seen.scrollWidth).toBeLessThanOrEqual(seen.width);
}

/** Visible and entirely inside the viewport: a user can see and press it without scrolling sideways. */
async function onScreen(locator: Locator): Promise<boolean> {
  if (!(await locator.isVisible())) return false;
  const box = await locator.boundingBox();
  const viewport = locator.page().viewportSize()!;
  return !!box && box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width + 0.5 && box.y + box.height <= viewport.height + 0.5;
}

async function shown(what: string, locator: Locator): Promise<void> {
  try {
    await until(`${what} on screen`, () => onScreen(locator));
  } catch (err) {
    const page = locator.page();
    await page.screenshot({ path: `/tmp/static-h/failed-${page.viewportSize()!.width}.png` }).catch(() => undefined);
    throw new Error(`${(err as Error).message}: ${JSON.stringify({ visible: await locator.isVisible(), box: await locator.boundingBox(), viewport: page.viewportSize() })}`);
  }
}
const hidden = (what: string, locator: Locator) => until(`${what} hidden`, async () => !(await locator.isVisible()));

describe('the console on a phone and a tablet (issue #14, item 5)', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    const shop = await openWidget(browser, app.url, { query: '?locale=ru', locale: 'ru-RU' });
    await sayInWidget(shop, QUESTION);
    await shop.getByTestId('parley-message').filter({ hasText: QUESTION }).waitFor();
    await shop.context().close();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const row = (page: Page) => page.getByTestId('conversation-item').filter({ hasText: QUESTION });

  it('stacks list, thread and customer panel at 390 px, without sideways scrolling', async () => {
    const page = await openConsole(browser, app.url, { viewport: PHONE, locale: 'ru-RU' });
    await shown('the conversation', row(page));
    await expectNoSidewaysScroll(page);
    expect(await page.getByTestId('conversation-view').isVisible()).toBe(false);

    await row(page).click();
    await page.getByTestId('thread').getByTestId('message').filter({ hasText: QUESTION }).waitFor();
    await hidden('the list', page.getByTestId('conversation-list'));
    await shown('the send button', page.getByTestId('reply-send'));
    await shown('the reply box', page.getByTestId('reply-input'));
    await expectNoSidewaysScroll(page);

    // The customer panel is one tap away, and closes back to the thread.
    expect(await page.getByTestId('customer-panel').isVisible()).toBe(false);
    await page.getByTestId('inbox-show-customer').click();
    await shown('the customer panel', page.getByTestId('customer-panel'));
    await page.getByTestId('customer-panel').getByTestId('timeline').getByTestId('timeline-item').filter({ hasText: QUESTION }).waitFor();
    await expectNoSidewaysScroll(page);
    await page.getByTestId('inbox-close-customer').click();
    await hidden('the customer panel', page.getByTestId('customer-panel'));
    await shown('the send button', page.getByTestId('reply-send'));

    // Back, in Russian, to the list.
    expect((await page.getByTestId('inbox-back').textContent())?.trim()).toContain('Диалоги');
    await page.getByTestId('inbox-back').click();
    await shown('the conversation', row(page));
    await hidden('the thread', page.getByTestId('conversation-view'));
    await expectNoSidewaysScroll(page);
    await page.context().close();
  });

  for (const viewport of [TABLET, TABLET_LANDSCAPE]) {
    it(`shows list and thread side by side at ${viewport.width}×${viewport.height}, the customer panel as a drawer`, async () => {
      const page = await openConsole(browser, app.url, { viewport });
      await row(page).click();
      await page.getByTestId('thread').getByTestId('message').filter({ hasText: QUESTION }).waitFor();
      await shown('the conversation list', page.getByTestId('conversation-list'));
      await shown('the send button', page.getByTestId('reply-send'));
      expect(await page.getByTestId('inbox-back').isVisible()).toBe(false);
      await expectNoSidewaysScroll(page);

      await page.getByTestId('inbox-show-customer').click();
      await shown('the customer panel', page.getByTestId('customer-panel'));
      await expectNoSidewaysScroll(page);
      await page.getByTestId('inbox-close-customer').click();
      await hidden('the customer panel', page.getByTestId('customer-panel'));

      // The drawer takes the focus when it opens, and Escape closes it.
      await page.getByTestId('inbox-show-customer').click();
      await shown('the customer panel', page.getByTestId('customer-panel'));
      await until('the close button focused', () => page.getByTestId('inbox-close-customer').evaluate((el) => el === document.activeElement));
      await page.keyboard.press('Escape');
      await hidden('the customer panel', page.getByTestId('customer-panel'));
      await page.context().close();
    });
  }

  it('gets the built console brotli-compressed, its hashed files cached for good', async () => {
    const page = await openConsole(browser, app.url, { viewport: PHONE });
    const scripts = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => e as PerformanceResourceTiming).filter((e) => /\/assets\/index-.*\.js$/.test(e.name)).map((e) => ({ name: e.name, wire: e.encodedBodySize, size: e.decodedBodySize })),
    );
    expect(scripts).toHaveLength(1);
    // The build's .br copy, not the file as it is: a fraction of its size crossed the wire.
    expect(scripts[0].wire).toBeLessThan(scripts[0].size / 3);
    const res = await fetch(scripts[0].name, { headers: { 'accept-encoding': 'br' } });
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    await page.context().close();
  });

  for (const viewport of [PHONE, TABLET]) {
    it(`keeps settings, supervisor, teams, SLA and survey screens within ${viewport.width} px`, async () => {
      const page = await openConsole(browser, app.url, { viewport, locale: 'ru-RU' });
      const screens: [string, string, () => Locator][] = [
        ['nav-admin', 'admin-page', () => page.getByTestId('admin-page').getByText(ADMIN.email).first()],
        ['nav-sla', 'sla-risk-page', () => page.getByTestId('sla-risk-page')],
        ['nav-supervisor', 'supervisor-page', () => page.getByTestId('supervisor-page')],
        ['nav-teams', 'teams-admin-page', () => page.getByTestId('teams-admin-page')],
        ['nav-surveys', 'surveys-page', () => page.getByTestId('surveys-page')],
        ['surveys-tab-settings', 'survey-settings-page', () => page.getByTestId('survey-scope')],
      ];
      for (const [nav, screen, loaded] of screens) {
        await page.getByTestId(nav).click();
        await page.getByTestId(screen).waitFor();
        await loaded().first().waitFor();
        const seen = await sideways(page);
        expect({ screen, overflow: seen.scrollWidth > seen.width ? seen.culprits : [] }).toEqual({ screen, overflow: [] });
      }
      await page.context().close();
    });
  }
});
