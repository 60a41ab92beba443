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
  opts: { locale?: string; email?: string; password?: string } = {},
): Promise<Page> {
  const page = await (await browser.newContext({ locale: opts.locale ?? 'en-US' })).newPage();
  await page.goto(baseUrl + '/');
  await page.getByTestId('login-email').fill(opts.email ?? ADMIN.email);
  await page.getByTestId('login-password').fill(opts.password ?? ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('conversation-list').waitFor();
  return page;
}
