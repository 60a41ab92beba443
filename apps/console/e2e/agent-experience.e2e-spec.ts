import type { Browser, Page } from 'playwright-core';
import { WIDGET_EVENTS, type ConversationDto, type WidgetSession } from '@parley/contracts';
import { api, connect, login, next, RunningApp, startApp } from '../../api/test/harness';
import { eventually } from '../../api/test/twilio-fixture';
import { launchChromium, openConsole, openWidget, sayInWidget, textOf, until } from './browser';

// Issue 17, item 5 and issue 16's search anchor, in Chromium: typing and "seen" between the console and
// the widget, drafts across a reload, a pasted screenshot, a dropped file refused, the emoji picker and
// the keys in the help, and a search hit opening an old message of a long thread.

const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('agent experience, in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let token: string;
  let webchatInboxId: string;
  const sockets: ReturnType<typeof connect>[] = [];

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    token = (await login(app.url)).accessToken;
    const inboxes = await api(app.url, 'GET', '/api/inboxes', undefined, token);
    webchatInboxId = inboxes.body.find((i: { channel: string }) => i.channel === 'webchat').id;
  });

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await browser?.close();
    await app?.close();
  });

  const agentConsole = (locale?: string): Promise<Page> => openConsole(browser, app.url, { viewport: { width: 1360, height: 900 }, ...(locale ? { locale } : {}) });
  const conversationOf = (customerText: string) =>
    eventually(async () => {
      const list = await api(app.url, 'GET', `/api/conversations?inboxId=${webchatInboxId}&limit=100`, undefined, token);
      return list.body.items.find((c: ConversationDto) => c.lastMessagePreview === customerText) as ConversationDto | undefined;
    }, `the conversation "${customerText}"`);
  const open = async (agent: Page, preview: string) => {
    await agent.getByTestId('conversation-item').filter({ hasText: preview }).click();
    await agent.getByTestId('thread').getByTestId('message').filter({ hasText: preview }).waitFor();
  };

  it('shows typing both ways, and "Seen" to the visitor once an agent opened the conversation (also after a reload)', async () => {
    const agent = await agentConsole();
    const shop = await openWidget(browser, app.url);
    await sayInWidget(shop, 'Здравствуйте! Подскажите размер');
    await shop.getByTestId('parley-message').filter({ hasText: 'Подскажите размер' }).and(shop.locator('[data-status="sent"]')).waitFor();
    expect(await shop.getByTestId('parley-seen').count()).toBe(0);

    await open(agent, 'Подскажите размер');
    const mine = shop.getByTestId('parley-message').filter({ hasText: 'Подскажите размер' });
    await mine.getByTestId('parley-seen').waitFor();
    expect(await textOf(mine.getByTestId('parley-seen'))).toBe('✓✓ Seen');

    // Agent → visitor.
    await agent.getByTestId('reply-input').pressSequentially('Размер M подойдёт');
    await shop.getByTestId('parley-typing').filter({ hasText: 'is typing…' }).waitFor();
    await agent.getByTestId('reply-send').click();
    await shop.locator('[data-testid="parley-message"][data-direction="outbound"]').filter({ hasText: 'Размер M подойдёт' }).waitFor();
    await until('the typing line gone with the reply', async () => (await shop.getByTestId('parley-typing').isHidden()));

    // The open widget in a focused page saw the reply: the agent reads "Read".
    const badge = agent.getByTestId('thread').getByTestId('message').filter({ hasText: 'Размер M подойдёт' }).getByTestId('delivery-status');
    await badge.and(agent.locator('[data-status="read"]')).waitFor();

    // Visitor → agent, and the stop on send.
    await shop.getByTestId('parley-input').pressSequentially('А если');
    await agent.getByTestId('customer-typing').waitFor();
    await shop.getByTestId('parley-input').pressSequentially(' на рост 180?');
    await shop.getByTestId('parley-send').click();
    await until('the customer typing indicator gone', async () => (await agent.getByTestId('customer-typing').count()) === 0);

    // "Seen" comes back with the session after a reload.
    await open(agent, 'на рост 180?');
    await shop.getByTestId('parley-message').filter({ hasText: 'на рост 180?' }).getByTestId('parley-seen').waitFor();
    await shop.reload();
    await shop.getByTestId('parley-launcher').click();
    await shop.getByTestId('parley-message').filter({ hasText: 'на рост 180?' }).getByTestId('parley-seen').waitFor();
    expect(await shop.getByTestId('parley-seen').count()).toBe(1);
    await shop.context().close();
    await agent.context().close();
  });

  it('keeps a reply draft and a note draft apart across a reload, and forgets the reply once it is sent', async () => {
    const shop = await openWidget(browser, app.url);
    await sayInWidget(shop, 'Можно поменять адрес доставки?');
    await conversationOf('Можно поменять адрес доставки?');
    const agent = await agentConsole();
    await open(agent, 'поменять адрес доставки');
    const input = agent.getByTestId('reply-input');
    await input.fill('Да, напишите новый адрес');
    await agent.getByTestId('note-toggle').click();
    expect(await input.inputValue()).toBe('');
    await input.fill('Проверить, не отгружен ли заказ');

    await agent.reload();
    await agent.getByTestId('thread').getByTestId('message').filter({ hasText: 'поменять адрес доставки' }).waitFor();
    expect(await input.inputValue()).toBe('Да, напишите новый адрес');
    await agent.getByTestId('note-toggle').click();
    expect(await input.inputValue()).toBe('Проверить, не отгружен ли заказ');
    await agent.getByTestId('note-toggle').click();
    await agent.getByTestId('reply-send').click();
    await agent.getByTestId('thread').locator('[data-direction="outbound"]').filter({ hasText: 'Да, напишите новый адрес' }).waitFor();

    await agent.reload();
    await agent.getByTestId('thread').getByTestId('message').filter({ hasText: 'Да, напишите новый адрес' }).waitFor();
    expect(await input.inputValue()).toBe('');
    await agent.getByTestId('note-toggle').click();
    expect(await input.inputValue()).toBe('Проверить, не отгружен ли заказ');
    await shop.context().close();
    await agent.context().close();
  });

  it('attaches a pasted screenshot with a preview and sends it alone; refuses a dropped program in Russian', async () => {
    const shop = await openWidget(browser, app.url);
    await sayInWidget(shop, 'Пришлите фото товара');
    const conversation = await conversationOf('Пришлите фото товара');
    const agent = await agentConsole();
    await open(agent, 'Пришлите фото товара');
    const input = agent.getByTestId('reply-input');
    await input.evaluate((el, b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, PNG_1x1);
    const file = agent.getByTestId('reply-file');
    await file.and(agent.locator('[data-state="ready"]')).waitFor();
    expect(await textOf(file)).toMatch(/^screenshot-\d{8}-\d{6}\.png/);
    expect(await file.getByTestId('reply-file-thumb').getAttribute('src')).toMatch(/^blob:/);
    expect(await input.inputValue()).toBe('');

    await agent.getByTestId('reply-send').click();
    const sent = agent.getByTestId('thread').locator('[data-testid="message"][data-direction="outbound"]').filter({ hasText: 'screenshot-' });
    await sent.waitFor();
    // The chips go when the send is answered, which the live message may come before.
    await agent.getByTestId('reply-file').first().waitFor({ state: 'detached' });
    expect(await agent.getByTestId('reply-file').count()).toBe(0);
    const picture = shop.getByTestId('parley-attachment').locator('img');
    await picture.waitFor();
    await until('the picture loaded in the widget', async () => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 1));

    // Dropped onto the reply box in the Russian console: refused before any upload, with the reason.
    const russian = await agentConsole('ru-RU');
    await russian.getByTestId('conversation-item').filter({ hasText: '📎 screenshot-' }).click();
    await russian.getByTestId('thread').getByTestId('message').filter({ hasText: 'Пришлите фото товара' }).waitFor();
    expect(new URL(russian.url()).pathname).toBe(`/conversations/${conversation.id}`);
    await russian.getByTestId('reply-box').evaluate((el) => {
      const data = new DataTransfer();
      data.items.add(new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }));
      el.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await russian.getByTestId('reply-file-error').filter({ hasText: 'setup.exe: такой файл отправить нельзя' }).waitFor();
    expect(await russian.getByTestId('reply-file').count()).toBe(0);
    expect(await russian.getByTestId('reply-send').isDisabled()).toBe(true);
    await russian.context().close();
    await shop.context().close();
    await agent.context().close();
  });

  it('inserts an emoji from the picker opened with Ctrl+E, and lists the reply keys in the ? help', async () => {
    const shop = await openWidget(browser, app.url);
    await sayInWidget(shop, 'Спасибо за помощь');
    await conversationOf('Спасибо за помощь');
    const agent = await agentConsole();
    await open(agent, 'Спасибо за помощь');
    const input = agent.getByTestId('reply-input');
    await input.fill('Всегда рады помочь ');
    await input.press('Control+e');
    const picker = agent.getByTestId('emoji-picker');
    await picker.waitFor();
    const search = picker.locator('[data-epr-part="search-input"]');
    await search.waitFor();
    await search.fill('grinning');
    const first = picker.locator('[data-epr-part="emoji"]').first();
    await first.waitFor();
    await first.click();
    await until('the picker closed', async () => (await picker.count()) === 0);
    const value = await input.inputValue();
    expect(value.startsWith('Всегда рады помочь ')).toBe(true);
    expect(value.length).toBeGreaterThan('Всегда рады помочь '.length);
    expect(/\p{Extended_Pictographic}/u.test(value)).toBe(true);

    await agent.getByTestId('conversation-list').click();
    await agent.keyboard.press('?');
    const help = agent.getByTestId('shortcuts-help');
    await help.waitFor();
    const keys = help.getByTestId('reply-shortcuts');
    expect(await textOf(keys.locator('[data-action="emoji"]'))).toContain('Open the emoji picker');
    expect(await textOf(keys.locator('[data-action="emoji"] dt'))).toBe('CtrlE');
    expect(await textOf(keys.locator('[data-action="pasteFile"]'))).toContain('Paste a screenshot or file');
    await agent.keyboard.press('Escape');
    await shop.context().close();
    await agent.context().close();
  });

  it('opens a search hit at its message, reading older pages of a long thread, and highlights it', async () => {
    const socket = connect(app.url, '/widget', { websiteToken: (await api(app.url, 'GET', '/api/inboxes', undefined, token)).body.find((i: { channel: string }) => i.channel === 'webchat').websiteToken });
    sockets.push(socket);
    await next<WidgetSession>(socket, WIDGET_EVENTS.session);
    const say = async (content: string, i: number) => expect((await socket.emitWithAck(WIDGET_EVENTS.messageSend, { content, clientMessageId: `anchor-${i}` })).ok).toBe(true);
    await say('Первое сообщение: накладная 4711 потерялась', 0);
    for (let i = 1; i <= 75; i++) await say(`Уточнение номер ${i}`, i);

    const agent = await agentConsole();
    await agent.getByTestId('global-search-input').fill('накладная');
    const hit = agent.getByTestId('global-search-panel').getByTestId('global-search-hit').filter({ hasText: 'накладная 4711' });
    await hit.first().click();

    const target = agent.locator('[data-testid="message"][data-anchor="true"]');
    await target.waitFor();
    expect(await textOf(target)).toContain('накладная 4711 потерялась');
    expect(new URL(agent.url()).pathname).toMatch(/^\/conversations\/[^/]+\/messages\/[^/]+$/);
    await until('the message scrolled into the thread', async () =>
      target.evaluate((el) => {
        const box = el.getBoundingClientRect();
        const view = (el.closest('[data-testid="thread"]') as HTMLElement).getBoundingClientRect();
        return box.top >= view.top && box.bottom <= view.bottom;
      }));
    expect(await agent.getByTestId('thread').getByTestId('message').count()).toBeGreaterThan(60);
    await agent.context().close();
  });
});
