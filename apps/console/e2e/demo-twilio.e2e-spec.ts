import type { Page } from 'playwright-core';
import { openConsole } from './browser';
import {
  attachmentInConsole, openConversation, openEmulatorPage, photoFile, photoShownOnPage, receivedOnPage, replyFromConsole, resolveInConsole, scriptErrors, sentOnPage, storedInParley,
  usableWithoutScrolling, useDemoInBrowser,
} from './demo-harness';

/**
 * The README's headline demo: the Twilio emulator's page is a customer's phone. Everything here is
 * done the way a person does it: typing on the page, pressing Send, reading the console.
 */
describe('the SMS and WhatsApp demo, on the Twilio emulator page, in Chromium', () => {
  const env = useDemoInBrowser();
  const { demo } = env;

  async function phone(inbox: string, customerNumber: string, viewport?: { width: number; height: number }): Promise<Page> {
    const page = await openEmulatorPage(env.browser, demo.twilio.url, { viewport });
    await page.locator(`[data-testid="emu-to"] option[value="${inbox}"]`).waitFor({ state: 'attached' });
    await page.getByTestId('emu-to').selectOption(inbox);
    await page.getByTestId('emu-from').fill(customerNumber);
    return page;
  }

  async function converse(page: Page, words: { question: string; reply: string }): Promise<Page> {
    expect(await usableWithoutScrolling(page, 'emu-text')).toBe(true);
    expect(await usableWithoutScrolling(page, 'emu-send')).toBe(true);
    await page.getByTestId('emu-text').fill(words.question);
    await page.getByTestId('emu-send').click();
    await page.getByTestId('emu-status').filter({ hasText: 'Доставлено в Parley' }).waitFor();
    await sentOnPage(page, words.question).waitFor();

    await storedInParley(demo, words.question);
    const agent = await openConsole(env.browser, demo.url);
    await openConversation(agent, words.question);
    await replyFromConsole(agent, words.reply);
    await receivedOnPage(page, words.reply).waitFor();

    await page.getByTestId('emu-file').setInputFiles(photoFile());
    await page.getByTestId('emu-send').click();
    await photoShownOnPage(page);
    expect(await attachmentInConsole(agent, /png|image/i)).toMatch(/📎/);
    return agent;
  }

  it('texts the shop by SMS from the page, reads the reply, sends a photo and gets the survey after resolution', async () => {
    const page = await phone('+15005550006', '+79162220001');
    expect(await page.getByTestId('emu-send').textContent()).toBe('Отправить');
    const agent = await converse(page, { question: 'Здравствуйте! Где мой заказ №2001?', reply: 'Заказ у курьера, он приедет завтра' });

    await resolveInConsole(agent);
    await receivedOnPage(page, 'Как вы оцените помощь службы поддержки «Demo Shop»?').waitFor();
    expect(scriptErrors(page)).toEqual([]);
  });

  it('does the same over WhatsApp on a 390 px phone screen', async () => {
    const page = await phone('whatsapp:+14155238886', '+79162220002', { width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const agent = await converse(page, { question: 'Добрый вечер! Можно оплатить заказ картой?', reply: 'Да, картой при получении' });
    expect(await receivedOnPage(page, 'Да, картой при получении').textContent()).toMatch(/read|delivered|sent/);

    await resolveInConsole(agent);
    await receivedOnPage(page, 'Как вы оцените помощь службы поддержки «Demo Shop»?').waitFor();
    expect(scriptErrors(page)).toEqual([]);
  });
});
