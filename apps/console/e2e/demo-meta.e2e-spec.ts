import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import type { ConversationDto, Page as ListPage, SurveyDto } from '@parley/contracts';
import { ConversationEntity } from '@parley/persistence';
import { api } from '../../api/test/harness';
import { openConsole, until } from './browser';
import { openConversation, openEmulatorPage, replyFromConsole, resolveInConsole, scriptErrors, storedInParley, useDemoInBrowser } from './demo-harness';

describe('the Messenger and Instagram demo, on the Meta emulator page, in Chromium', () => {
  const env = useDemoInBrowser();
  const { demo } = env;

  /** The emulator page on one tab (Messenger or Instagram), connected to the demo inbox, as a person with this name. */
  async function customerOn(page: Page, tab: 'messenger' | 'instagram', name: string): Promise<void> {
    await page.getByTestId(`emu-tab-${tab}`).click();
    // The demo inboxes subscribe the app just after Parley starts: the page finds the account within seconds.
    await page.locator('#to').filter({ hasText: /^Пишете: / }).waitFor({ timeout: 20_000 });
    await page.getByTestId('emu-name').fill(name);
    await page.getByTestId('emu-name').dispatchEvent('change');
  }

  async function write(page: Page, text: string): Promise<void> {
    await page.getByTestId('emu-text').fill(text);
    await page.getByTestId('emu-send').click();
    await page.getByTestId('emu-mine').filter({ hasText: text }).waitFor();
  }

  const replyOnPage = (page: Page, text: string | RegExp) => page.getByTestId('emu-reply').filter({ hasText: text });
  const consoleMessage = (agent: Page, text: string) => agent.getByTestId('thread').getByTestId('message').filter({ hasText: text }).first();

  async function conversationWith(text: string): Promise<ConversationDto> {
    const list = await api<ListPage<ConversationDto>>(demo.url, 'GET', '/api/conversations?limit=100', undefined, demo.token);
    return list.body.items.find((c) => c.lastMessagePreview?.includes(text))!;
  }

  it('writes in Russian on Messenger and Instagram, gets a reply delivered and seen, reacts to it, and answers the survey with a quick reply', async () => {
    const page = await openEmulatorPage(env.browser, demo.meta.url);
    expect(await page.getByTestId('emu-send').textContent()).toBe('Отправить');
    await customerOn(page, 'messenger', 'Ольга Петрова');
    await write(page, 'Здравствуйте! Где мой заказ 4821?');
    await customerOn(page, 'instagram', 'Мария Иванова');
    await write(page, 'Привет! Есть ли платье в размере M?');

    await storedInParley(demo, 'Где мой заказ 4821?');
    await storedInParley(demo, 'платье в размере M');
    const messenger = await conversationWith('Где мой заказ 4821?');
    const instagram = await conversationWith('платье в размере M');
    expect([messenger.channel, instagram.channel]).toEqual(['messenger', 'instagram']);

    const agent = await openConsole(env.browser, demo.url);
    await openConversation(agent, 'платье в размере M');
    await agent.getByTestId('meta-window-notice').and(agent.locator('[data-state="open"]')).waitFor();
    await openConversation(agent, 'Где мой заказ 4821?');
    expect(await agent.getByTestId('meta-window-notice').getAttribute('data-state')).toBe('open');

    await customerOn(page, 'messenger', 'Ольга Петрова');
    await replyFromConsole(agent, 'Заказ 4821 передан в доставку, будет завтра');
    const reply = replyOnPage(page, 'передан в доставку');
    await reply.waitFor();
    // Meta reports it delivered, then seen: the page shows it, the console moves the message to "read".
    await reply.filter({ hasText: 'просмотрено' }).waitFor({ timeout: 20_000 });
    await consoleMessage(agent, 'передан в доставку').locator('[data-testid="delivery-status"][data-status="read"]').waitFor({ timeout: 20_000 });

    // A reaction shows as a badge on the message it reacts to (no message of its own), and goes when taken back.
    await reply.getByTestId('emu-react').click();
    await consoleMessage(agent, 'передан в доставку').getByTestId('message-reactions').filter({ hasText: '❤️' }).waitFor();
    const inThread = await agent.getByTestId('thread').getByTestId('message').count();
    await reply.getByTestId('emu-unreact').click();
    await until('the reaction taken back in the console', async () => (await consoleMessage(agent, 'передан в доставку').getByTestId('message-reactions').count()) === 0);
    expect(await agent.getByTestId('thread').getByTestId('message').count()).toBe(inThread);

    await resolveInConsole(agent);
    await replyOnPage(page, 'Как вы оцените помощь службы поддержки «Demo Shop»?').waitFor({ timeout: 20_000 });
    const quick = page.getByTestId('emu-quick-reply');
    expect(await quick.allTextContents()).toEqual(expect.arrayContaining(['1', '5']));
    await quick.filter({ hasText: /^5$/ }).click();
    await replyOnPage(page, 'почему такая оценка').waitFor({ timeout: 20_000 });
    await write(page, 'Быстро ответили, спасибо');

    await until('the survey answered with a quick reply', async () => {
      const surveys = (await api<SurveyDto[]>(demo.url, 'GET', `/api/surveys?conversationId=${messenger.id}`, undefined, demo.token)).body;
      return surveys.some((s) => s.state === 'completed' && s.response?.score === 5 && s.response?.comment === 'Быстро ответили, спасибо');
    }, 30_000);
    expect(scriptErrors(page)).toEqual([]);
  });

  it('past 24 hours offers a human agent reply that goes out with the HUMAN_AGENT tag, and past 7 days says nothing can be sent', async () => {
    const page = await openEmulatorPage(env.browser, demo.meta.url);
    await customerOn(page, 'messenger', 'Пётр Сидоров');
    await write(page, 'Можно поменять адрес доставки?');
    await storedInParley(demo, 'Можно поменять адрес доставки?');
    const conversation = await conversationWith('Можно поменять адрес доставки?');
    const user = [...demo.meta.users.values()].find((u) => u.name === 'Пётр Сидоров' && u.channel === 'messenger')!;
    /** The customer last wrote `hours` ago, for Parley and for Meta alike. */
    const age = async (hours: number) => {
      await demo.app.app.get(DataSource).getRepository(ConversationEntity).update(conversation.id, { lastInboundAt: new Date(Date.now() - hours * 3_600_000) });
      demo.meta.ageConversation(user.id, hours);
    };

    await age(30);
    const agent = await openConsole(env.browser, demo.url, { locale: 'ru-RU' });
    await openConversation(agent, 'Можно поменять адрес доставки?');
    const notice = agent.getByTestId('meta-window-notice');
    await notice.and(agent.locator('[data-state="humanAgent"]')).waitFor();
    expect(await notice.textContent()).toContain('Отправить как ответ живого агента (HUMAN_AGENT)');
    await agent.getByTestId('reply-input').fill('Да, напишите новый адрес');
    expect(await agent.getByTestId('reply-send').isDisabled()).toBe(true);
    await agent.getByTestId('human-agent-tag').check();
    await agent.getByTestId('reply-send').click();
    await replyOnPage(page, 'напишите новый адрес').waitFor();
    const sent = [...demo.meta.messages.values()].find((m) => m.direction === 'out' && m.text === 'Да, напишите новый адрес');
    expect(sent?.tag).toBe('HUMAN_AGENT');
    await consoleMessage(agent, 'напишите новый адрес').locator('[data-testid="delivery-status"][data-status="read"]').waitFor({ timeout: 20_000 });

    await age(8 * 24);
    await agent.reload();
    // The list item now shows the reply, the latest message.
    await agent.getByTestId('conversation-item').filter({ hasText: 'напишите новый адрес' }).first().click();
    await consoleMessage(agent, 'Можно поменять адрес доставки?').waitFor();
    await notice.and(agent.locator('[data-state="closed"]')).waitFor();
    expect(await notice.textContent()).toMatch(/ничего отправить нельзя/);
    expect(await agent.getByTestId('human-agent-tag').count()).toBe(0);
    await agent.getByTestId('reply-input').fill('Ещё вопрос?');
    expect(await agent.getByTestId('reply-send').isDisabled()).toBe(true);
  });
});
