import { Browser, chromium, Locator } from 'playwright-core';

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
