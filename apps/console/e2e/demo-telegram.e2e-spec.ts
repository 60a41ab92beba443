import type { Page } from 'playwright-core';
import { openConsole } from './browser';
import {
  attachmentInConsole, beChatUser, openConversation, openEmulatorPage, photoFile, photoShownOnPage, receivedOnPage, replyFromConsole, resolveInConsole, scriptErrors, sentOnPage, storedInParley,
  usableWithoutScrolling, useDemoInBrowser,
} from './demo-harness';

describe('the Telegram demo, on the Telegram emulator page, in Chromium', () => {
  const env = useDemoInBrowser();
  const { demo } = env;

  /** The page as a Telegram user with their own id and name, writing to the demo bot. */
  async function telegramUser(userId: string, name: string, viewport?: { width: number; height: number }): Promise<Page> {
    const page = await openEmulatorPage(env.browser, demo.telegram.url, { viewport });
    return beChatUser(page, userId, name);
  }

  it('writes to the demo bot from a 390 px phone, reads the reply, sends a photo and gets the survey after resolution', async () => {
    const page = await telegramUser('7001001', 'Ольга', { width: 390, height: 844 });
    expect(await page.getByTestId('emu-send').textContent()).toBe('Отправить');
    expect(await usableWithoutScrolling(page, 'emu-text')).toBe(true);
    expect(await usableWithoutScrolling(page, 'emu-send')).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByTestId('emu-text').fill('Привет! Подскажите, есть ли самовывоз в Казани?');
    await page.getByTestId('emu-send').click();
    await sentOnPage(page, 'есть ли самовывоз в Казани').waitFor();

    await storedInParley(demo, 'есть ли самовывоз в Казани');
    const agent = await openConsole(env.browser, demo.url);
    await openConversation(agent, 'есть ли самовывоз в Казани');
    await replyFromConsole(agent, 'Да, пункт выдачи на улице Баумана, 12');
    await receivedOnPage(page, 'Да, пункт выдачи на улице Баумана, 12').waitFor();

    await page.getByTestId('emu-file').setInputFiles(photoFile());
    await photoShownOnPage(page);
    expect(await attachmentInConsole(agent, /png|jpe?g|image|photo/i)).toMatch(/📎/);

    await resolveInConsole(agent);
    await receivedOnPage(page, 'Как вы оцените помощь службы поддержки «Demo Shop»?').waitFor();
    expect(scriptErrors(page)).toEqual([]);
  });
});
