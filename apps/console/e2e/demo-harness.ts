import type { Browser, Page } from 'playwright-core';
import type { ConversationDto, Page as ListPage } from '@parley/contracts';
import { api } from '../../api/test/harness';
import { useDemoStack, type DemoStack } from '../../api/test/demo-stack';
import { launchChromium, until } from './browser';

export { startDemoStack, useDemoStack, type DemoStack } from '../../api/test/demo-stack';

/** A spec file's demo stack and Chromium: both started before its tests and closed after them. */
export function useDemoInBrowser(): { demo: DemoStack; readonly browser: Browser } {
  const demo = useDemoStack();
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    demo,
    get browser(): Browser {
      if (!browser) throw new Error('Chromium is not started yet: use the browser inside a test or hook');
      return browser;
    },
  };
}

/**
 * Waits until Parley has stored the customer's message (webhooks are queued, then stored by the
 * worker): the agent who opens the console afterwards finds it in the list.
 */
export async function storedInParley(demo: DemoStack, text: string): Promise<void> {
  await until(`"${text}" stored in Parley`, async () => {
    const list = await api<ListPage<ConversationDto>>(demo.url, 'GET', '/api/conversations?limit=100', undefined, demo.token);
    return list.body.items.some((c) => c.lastMessagePreview?.includes(text));
  }, 30_000);
}

/** An emulator's page in a fresh browser context, as a customer opens it on their laptop or phone. */
export async function openEmulatorPage(browser: Browser, url: string, opts: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<Page> {
  const context = await browser.newContext({ locale: opts.locale ?? 'ru-RU', viewport: opts.viewport ?? { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  (page as Page & { scriptErrors: string[] }).scriptErrors = errors;
  await page.goto(url);
  return page;
}

/** Uncaught script errors the page raised so far (a clash with a window property shows up here). */
export const scriptErrors = (page: Page): string[] => (page as Page & { scriptErrors?: string[] }).scriptErrors ?? [];

/**
 * Whether a person sees and can press the element without scrolling: inside the viewport and not
 * covered by anything else (what the phone frame did to the Twilio page's Send button).
 */
export async function usableWithoutScrolling(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    if (r.left < 0 || r.top < 0 || r.right > window.innerWidth || r.bottom > window.innerHeight) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (hit === el || el.contains(hit));
  });
}

/** A tiny real PNG (1×1, red): what a customer's photo is to the pipeline. */
export const PHOTO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

export const photoFile = (name = 'photo.png') => ({ name, mimeType: 'image/png', buffer: PHOTO_PNG });

/** The customer's own photo is shown in their chat on the emulator page, loaded from the emulator. */
export async function photoShownOnPage(page: Page): Promise<void> {
  const img = page.locator('[data-testid="emu-message"][data-direction="sent"] img[data-testid="emu-media"]').last();
  await img.waitFor();
  await until('the photo loaded on the page', () => img.evaluate((el) => (el as unknown as { complete: boolean; naturalWidth: number }).complete && (el as unknown as { naturalWidth: number }).naturalWidth > 0));
}

/** The agent opens the conversation whose list item shows `text`, and waits for its thread. */
export async function openConversation(agent: Page, text: string): Promise<void> {
  await agent.getByTestId('conversation-item').filter({ hasText: text }).first().click();
  await agent.getByTestId('thread').getByTestId('message').filter({ hasText: text }).first().waitFor();
}

/** The agent replies in the open conversation. */
export async function replyFromConsole(agent: Page, text: string): Promise<void> {
  await agent.getByTestId('reply-input').fill(text);
  await agent.getByTestId('reply-send').click();
  await agent.getByTestId('thread').getByTestId('message').filter({ hasText: text }).first().waitFor();
}

/** Waits until the open conversation shows an inbound message with an attachment named like `name`. */
export async function attachmentInConsole(agent: Page, name: RegExp): Promise<string> {
  const links = agent.getByTestId('thread').locator('[data-testid="message"][data-direction="inbound"] .message__attachments li');
  let found = '';
  await until(`an attachment matching ${name} in the console`, async () => {
    for (const text of await links.allTextContents()) if (name.test(text)) found = text.trim();
    return !!found;
  }, 30_000);
  return found;
}

/** The agent resolves the open conversation. */
export async function resolveInConsole(agent: Page): Promise<void> {
  await agent.getByTestId('resolve-button').click();
  await agent.getByTestId('conversation-status').filter({ hasText: 'Resolved' }).waitFor();
}

/** The customer's view: the message on the emulator page that came from Parley and reads `text`. */
export const receivedOnPage = (page: Page, text: string | RegExp) =>
  page.locator('[data-testid="emu-message"][data-direction="received"]').filter({ hasText: text });

export const sentOnPage = (page: Page, text: string | RegExp) =>
  page.locator('[data-testid="emu-message"][data-direction="sent"]').filter({ hasText: text });

/** On a chat emulator's page (Telegram, Viber): once its bot is listed, be the user with this id and name. */
export async function beChatUser(page: Page, userId: string, name: string): Promise<Page> {
  await page.locator('[data-testid="emu-bot"] option').first().waitFor({ state: 'attached' });
  await page.getByTestId('emu-name').fill(name);
  await page.getByTestId('emu-name').dispatchEvent('change');
  await page.getByTestId('emu-uid').fill(userId);
  await page.getByTestId('emu-uid').dispatchEvent('change');
  return page;
}
