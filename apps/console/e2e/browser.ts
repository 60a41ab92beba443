import { Browser, chromium, Locator, Page } from 'playwright-core';
import { ADMIN } from '../../api/test/harness';

/** Debian's Chromium, headless, with the flags this sandboxed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
    ],
  });
}

/** Waits (bounded) until the locator matches `count` elements; returns the last count seen. */
export async function waitForCount(locator: Locator, count: number, timeoutMs = 10_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  let seen = await locator.count();
  while (seen !== count && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    seen = await locator.count();
  }
  return seen;
}

/** A fresh browser context with the console open at `baseUrl`, logged in (default: the test admin). */
export async function openConsole(
  browser: Browser,
  baseUrl: string,
  opts: { locale?: string; email?: string; password?: string; viewport?: { width: number; height: number }; acceptDialogs?: boolean } = {},
): Promise<Page> {
  const page = await (await browser.newContext({ locale: opts.locale ?? 'en-US', ...(opts.viewport ? { viewport: opts.viewport } : {}) })).newPage();
  if (opts.acceptDialogs) page.on('dialog', (d) => void d.accept());
  await page.goto(baseUrl + '/');
  await page.getByTestId('login-email').fill(opts.email ?? ADMIN.email);
  await page.getByTestId('login-password').fill(opts.password ?? ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('conversation-list').waitFor();
  return page;
}

/** The /demo shop page with the chat widget opened, as a visitor sees it. */
export async function openWidget(browser: Browser, baseUrl: string, opts: { query?: string; locale?: string } = {}): Promise<Page> {
  const page = await (await browser.newContext({ locale: opts.locale ?? 'en-US' })).newPage();
  await page.goto(`${baseUrl}/demo${opts.query ?? ''}`);
  await page.getByTestId('parley-launcher').click();
  await page.getByTestId('parley-panel').waitFor();
  return page;
}

/** The visitor types into the widget and sends. */
export async function sayInWidget(page: Page, text: string): Promise<void> {
  await page.getByTestId('parley-input').fill(text);
  await page.getByTestId('parley-send').click();
}

/** Polls until `check` holds (bounded); fails with `what` otherwise. Waits for live updates, asserts no timing. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not in time: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The first match's trimmed text, or '' when nothing matches. */
export const textOf = async (locator: Locator): Promise<string> => ((await locator.count()) ? ((await locator.first().textContent()) ?? '').trim() : '');
