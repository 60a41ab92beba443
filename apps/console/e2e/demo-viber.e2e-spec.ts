import type { Page } from 'playwright-core';
import type { SurveyDto } from '@parley/contracts';
import { api } from '../../api/test/harness';
import { openConsole, until } from './browser';
import { beChatUser, openConversation, openEmulatorPage, receivedOnPage, replyFromConsole, resolveInConsole, scriptErrors, sentOnPage, storedInParley, useDemoInBrowser } from './demo-harness';

describe('the Viber demo, on the Viber emulator page, in Chromium', () => {
  const env = useDemoInBrowser();
  const { demo } = env;

  /** The page as a Viber user with their own id and name, come through a deep link carrying `context`. */
  async function viberUser(userId: string, name: string, context: string): Promise<Page> {
    const page = await openEmulatorPage(env.browser, `${demo.viber.url.replace(/\/pa$/, '')}/?context=${encodeURIComponent(context)}`);
    return beChatUser(page, userId, name);
  }

  it('opens the chat from a deep link, writes in Russian, sees the reply delivered and seen, and answers the survey on the keyboard', async () => {
    const page = await viberUser('vbE2eKsenia01==', 'Ксения Орлова', 'весенняя-акция');
    expect(await page.getByTestId('emu-send').textContent()).toBe('Отправить');

    await page.getByRole('button', { name: '👋 Открыть чат' }).click();
    await receivedOnPage(page, 'Здравствуйте! Это Demo Shop').waitFor();

    await page.getByTestId('emu-text').fill('Добрый день! Можно вернуть чайник, если коробка вскрыта?');
    await page.getByTestId('emu-send').click();
    await sentOnPage(page, 'Можно вернуть чайник').waitFor();

    await storedInParley(demo, 'Можно вернуть чайник');
    const agent = await openConsole(env.browser, demo.url);
    await openConversation(agent, 'Можно вернуть чайник');
    const conversationId = await agent.getByTestId('conversation-item').filter({ hasText: 'Можно вернуть чайник' }).first().getAttribute('data-conversation-id');
    expect(conversationId).toBeTruthy();
    // Opening the chat left no empty message; where she came from is on her Viber identity.
    expect(await agent.getByTestId('thread').getByTestId('message').count()).toBe(1);
    await agent.getByTestId('customer-panel').getByTestId('identity-came-from').filter({ hasText: 'весенняя-акция' }).waitFor();

    await replyFromConsole(agent, 'Да, в течение 14 дней — приносите с чеком');
    const reply = receivedOnPage(page, 'в течение 14 дней');
    await reply.waitFor();
    // The page is open and visible: the customer reads the reply, Viber reports it seen (two ticks).
    await reply.and(page.locator('[data-status="seen"]')).waitFor();
    expect(await reply.locator('small').textContent()).toContain('✓✓ просмотрено');
    await agent.getByTestId('thread').getByTestId('message').filter({ hasText: 'в течение 14 дней' }).locator('[data-testid="delivery-status"][data-status="read"]').waitFor();

    await resolveInConsole(agent);
    await receivedOnPage(page, 'Как вы оцените помощь службы поддержки «Demo Shop»?').waitFor();
    const keys = page.getByTestId('emu-key');
    expect(await keys.allTextContents()).toEqual(expect.arrayContaining(['5']));
    await keys.filter({ hasText: /^5$/ }).first().click();
    await receivedOnPage(page, 'почему такая оценка').waitFor();
    await page.getByTestId('emu-text').fill('Ответили быстро и по делу');
    await page.getByTestId('emu-send').click();

    await until('the survey answered with the keyboard', async () => {
      const surveys = (await api<SurveyDto[]>(demo.url, 'GET', `/api/surveys?conversationId=${conversationId}`, undefined, demo.token)).body;
      return surveys.some((s) => s.state === 'completed' && s.response?.score === 5 && s.response?.comment === 'Ответили быстро и по делу');
    }, 30_000);
    expect(scriptErrors(page)).toEqual([]);
  });
});
