import { openConsole } from './browser';
import {
  attachmentInConsole, openConversation, openEmulatorPage, photoFile, receivedOnPage, replyFromConsole, resolveInConsole, scriptErrors, storedInParley,
  usableWithoutScrolling, useDemoInBrowser,
} from './demo-harness';

describe('the email demo, on the email emulator page, in Chromium', () => {
  const env = useDemoInBrowser();
  const { demo } = env;

  it('mails the shop with a photo from the page, reads the reply and gets the survey after resolution', async () => {
    const page = await openEmulatorPage(env.browser, demo.email.httpUrl);
    expect(await page.getByTestId('emu-send').textContent()).toBe('Отправить');
    expect(await page.getByTestId('emu-to').inputValue()).toBe('support@demo-shop.example');
    expect(await usableWithoutScrolling(page, 'emu-send')).toBe(true);

    await page.getByTestId('emu-from').fill('olga.ivanova@example.ru');
    await page.getByTestId('emu-name').fill('Ольга Иванова');
    await page.getByTestId('emu-subject').fill('Вопрос по заказу №3001');
    await page.getByTestId('emu-text').fill('Добрый день! Чайник пришёл со сколом, фото во вложении.');
    await page.getByTestId('emu-file').setInputFiles(photoFile('скол.png'));
    await page.getByTestId('emu-send').click();
    await page.getByTestId('emu-status').filter({ hasText: 'Отправлено' }).waitFor();

    await storedInParley(demo, 'Чайник пришёл со сколом');
    const agent = await openConsole(env.browser, demo.url);
    await openConversation(agent, 'Чайник пришёл со сколом');
    expect(await attachmentInConsole(agent, /скол\.png/)).toBe('📎 скол.png');

    await replyFromConsole(agent, 'Ольга, простите! Отправим новый чайник завтра.');
    await receivedOnPage(page, 'Отправим новый чайник завтра').waitFor();
    expect(await receivedOnPage(page, 'Отправим новый чайник завтра').textContent()).toContain('Вопрос по заказу №3001');

    await resolveInConsole(agent);
    await receivedOnPage(page, 'Как вы оцените помощь службы поддержки «Demo Shop»?').waitFor();
    expect(scriptErrors(page)).toEqual([]);
  });

  it('keeps the composer and Send usable on a 390 px phone', async () => {
    const page = await openEmulatorPage(env.browser, demo.email.httpUrl, { viewport: { width: 390, height: 844 } });
    await page.getByTestId('emu-send').scrollIntoViewIfNeeded();
    expect(await usableWithoutScrolling(page, 'emu-send')).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
