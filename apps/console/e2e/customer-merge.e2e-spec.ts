import type { Browser, Page } from 'playwright-core';
import { WIDGET_EVENTS, type ConversationDto, type CustomerDto, type MergeSuggestionDto, type Page as ListPage, type WidgetSession } from '@parley/contracts';
import { api, connect, demoWebsiteToken, login, next, RunningApp, startApp } from '../../api/test/harness';
import { launchChromium, openConsole, openWidget, sayInWidget, textOf, until, waitForCount } from './browser';

describe('merging duplicate customers in the console, in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let token: string;
  const pages: Page[] = [];
  const sockets: ReturnType<typeof connect>[] = [];

  beforeAll(async () => {
    app = await startApp();
    token = (await login(app.url)).accessToken;
    browser = await launchChromium();
  });

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await browser?.close();
    await app?.close();
  });

  const get = async <T>(path: string): Promise<T> => (await api<T>(app.url, 'GET', path, undefined, token)).body;
  /** The customer of the conversation whose last message is `preview`, once the api lists it. */
  const customerOf = async (preview: string): Promise<string> => {
    let found: ConversationDto | undefined;
    await until(`a conversation "${preview}"`, async () => {
      const list = await get<ListPage<ConversationDto>>('/api/conversations?status=open&limit=100');
      found = list.items.find((c) => c.lastMessagePreview === preview);
      return Boolean(found);
    });
    return found!.customerId;
  };

  /** A visitor on another device: fills the web chat pre-chat form, then writes. */
  async function visitorIntroducesHimself(name: string, email: string, text: string): Promise<Page> {
    const shop = await openWidget(browser, app.url, { query: '?locale=ru', locale: 'ru-RU' });
    pages.push(shop);
    await shop.getByTestId('parley-prechat-name').fill(name);
    await shop.getByTestId('parley-prechat-email').fill(email);
    await shop.getByTestId('parley-prechat-submit').click();
    await shop.getByTestId('parley-prechat').waitFor({ state: 'hidden' });
    await sayInWidget(shop, text);
    await shop.locator('[data-testid="parley-message"]').filter({ hasText: text }).waitFor();
    return shop;
  }

  /** A web chat visitor who writes `text` over the widget socket: their customer id. */
  async function visitorWrites(text: string, clientMessageId: string): Promise<string> {
    const socket = connect(app.url, '/widget', { websiteToken: await demoWebsiteToken(app.url, token) });
    sockets.push(socket);
    const session = await next<WidgetSession>(socket, WIDGET_EVENTS.session);
    const ack = await socket.emitWithAck(WIDGET_EVENTS.messageSend, { content: text, clientMessageId });
    expect(ack.ok).toBe(true);
    return session.customerId;
  }

  it('suggests the duplicate in the panel, previews, merges into one timeline, and Undo makes two customers again', async () => {
    await visitorIntroducesHimself('Мария Иванова', 'maria@example.com', 'Здравствуйте, где мой заказ №1042?');
    const older = await customerOf('Здравствуйте, где мой заказ №1042?');
    await visitorIntroducesHimself('Мария Иванова', 'Maria@Example.com', 'Это снова я, пишу с телефона');
    const newer = await customerOf('Это снова я, пишу с телефона');
    expect(newer).not.toBe(older);

    const agent = await openConsole(browser, app.url, { viewport: { width: 1440, height: 900 } });
    await agent.getByTestId('conversation-item').filter({ hasText: 'Это снова я, пишу с телефона' }).click();
    const panel = agent.getByTestId('customer-panel');
    await agent.locator(`[data-testid="customer-panel"][data-customer-id="${newer}"]`).waitFor();

    const suggestion = panel.getByTestId('merge-suggestions').getByTestId('merge-suggestion');
    await suggestion.waitFor();
    expect(await textOf(suggestion.getByTestId('merge-suggestion-name'))).toBe('Мария Иванова');
    expect(await suggestion.getByTestId('merge-evidence').allTextContents()).toEqual(['Email typed in the web chat pre-chat form, not verified: maria@example.com']);

    await suggestion.getByTestId('merge-review').click();
    const dialog = agent.getByTestId('merge-dialog');
    await dialog.getByTestId('merge-column-target').getByTestId('merge-record-conversations').waitFor();
    expect(await textOf(dialog.getByTestId('merge-column-target').getByTestId('merge-record-name'))).toBe('Мария Иванова');
    expect(await textOf(dialog.getByTestId('merge-column-result').getByTestId('merge-record-email'))).toBe('maria@example.com');
    expect(await textOf(dialog.getByTestId('merge-column-result').getByTestId('merge-record-conversations'))).toBe('2 conversations');
    expect(await dialog.getByTestId('merge-column-result').getByTestId('merge-record-identity').count()).toBe(2);

    // The keyboard stays in the dialog: Tab wraps around, and the inbox's `e` (resolve) never reaches the conversation behind.
    for (let i = 0; i < 12; i++) await agent.keyboard.press('Tab');
    expect(await agent.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="merge-dialog"]')))).toBe(true);
    await agent.keyboard.press('e');

    // Swapping keeps the newer record instead; swapping back returns to the suggestion's choice.
    await dialog.getByTestId('merge-swap').click();
    await until('the swapped preview', async () => (await agent.getByTestId('merge-confirm').isEnabled()) && (await dialog.getAttribute('data-target')) === newer);
    await dialog.getByTestId('merge-swap').click();
    await until('the preview keeps the older record', async () => (await agent.getByTestId('merge-confirm').isEnabled()) && (await dialog.getAttribute('data-target')) === older);
    await dialog.getByTestId('merge-confirm').click();
    await dialog.waitFor({ state: 'detached' });

    // The panel is the surviving customer at once, with both conversations on one timeline.
    await agent.locator(`[data-testid="customer-panel"][data-customer-id="${older}"]`).waitFor();
    const timeline = panel.getByTestId('timeline');
    await timeline.getByTestId('timeline-item').filter({ hasText: 'Здравствуйте, где мой заказ №1042?' }).waitFor();
    await timeline.getByTestId('timeline-item').filter({ hasText: 'Это снова я, пишу с телефона' }).waitFor();
    expect(await waitForCount(timeline.locator('[data-testid="timeline-item"][data-type="customer_merged"]'), 1)).toBe(1);
    expect(await waitForCount(panel.getByTestId('merge-suggestion'), 0)).toBe(0);
    await panel.getByTestId('merge-history').getByTestId('merge-history-item').waitFor();

    const banner = panel.getByTestId('merge-undo-banner');
    expect(await textOf(banner)).toContain('“Мария Иванова” merged into “Мария Иванова”');
    await banner.getByTestId('merge-undo').click();

    // Two customers again: the open conversation's own customer comes back with only its own messages.
    await agent.locator(`[data-testid="customer-panel"][data-customer-id="${newer}"]`).waitFor();
    await timeline.getByTestId('timeline-item').filter({ hasText: 'Это снова я, пишу с телефона' }).waitFor();
    expect(await waitForCount(timeline.getByTestId('timeline-item').filter({ hasText: 'Здравствуйте, где мой заказ №1042?' }), 0)).toBe(0);
    expect((await get<CustomerDto>(`/api/customers/${newer}`)).mergedIntoId).toBeNull();
    expect((await get<CustomerDto>(`/api/customers/${older}`)).mergedIntoId).toBeNull();
    const open = await get<ListPage<ConversationDto>>('/api/conversations?status=open&limit=100');
    expect(open.items.filter((c) => c.customerId === newer).map((c) => c.lastMessagePreview)).toEqual(['Это снова я, пишу с телефона']);

    // The surviving record's timeline tells the merge and its undo, in words.
    await agent.getByTestId('conversation-item').filter({ hasText: 'Здравствуйте, где мой заказ №1042?' }).click();
    await agent.locator(`[data-testid="customer-panel"][data-customer-id="${older}"]`).waitFor();
    const undone = timeline.locator('[data-testid="timeline-item"][data-type="customer_unmerged"]');
    await undone.waitFor();
    expect(await textOf(undone.locator('.timeline-item__summary'))).toBe('Merge with Мария Иванова undone');
  });

  it('merges by hand with “Merge with…” and undoes it from the merge history', async () => {
    const first = await visitorWrites('Подскажите размеры пальто', 'merge-e2e-anna-01');
    await api(app.url, 'PATCH', `/api/customers/${first}`, { name: 'Анна Козлова' }, token);
    const second = await visitorWrites('Это Анна, пальто подошло', 'merge-e2e-anna-02');
    await customerOf('Это Анна, пальто подошло');

    const agent = await openConsole(browser, app.url, { viewport: { width: 1440, height: 900 } });
    await agent.getByTestId('conversation-item').filter({ hasText: 'Это Анна, пальто подошло' }).click();
    const panel = agent.locator('[data-testid="customer-panel"]');
    await agent.locator(`[data-testid="customer-panel"][data-customer-id="${second}"]`).waitFor();
    expect(await panel.getByTestId('merge-suggestion').count()).toBe(0);

    await panel.getByTestId('merge-with').click();
    await panel.getByTestId('merge-search-input').fill('Козлова');
    const result = panel.getByTestId('merge-search-result').filter({ hasText: 'Анна Козлова' });
    await result.click();

    const dialog = agent.getByTestId('merge-dialog');
    await until('the preview keeps the older record', async () => (await dialog.getAttribute('data-target')) === first);
    expect(await textOf(dialog.getByTestId('merge-column-result').getByTestId('merge-record-name'))).toBe('Анна Козлова');
    await dialog.getByTestId('merge-confirm').click();
    await agent.locator(`[data-testid="customer-panel"][data-customer-id="${first}"]`).waitFor();
    await panel.getByTestId('timeline').getByTestId('timeline-item').filter({ hasText: 'Это Анна, пальто подошло' }).waitFor();

    const entry = panel.getByTestId('merge-history').getByTestId('merge-history-item');
    await entry.getByTestId('merge-history-undo').click();
    await agent.locator(`[data-testid="customer-panel"][data-customer-id="${second}"]`).waitFor();
    expect(await waitForCount(panel.getByTestId('merge-undo-banner'), 0)).toBe(0);
    expect((await get<CustomerDto>(`/api/customers/${second}`)).mergedIntoId).toBeNull();
    expect((await get<CustomerDto>(`/api/customers/${first}`)).name).toBe('Анна Козлова');
  });

  it('lists suggestions live on the Duplicates screen in Russian at 390 px, stacks the preview, closes on Esc, dismisses', async () => {
    const agent = await openConsole(browser, app.url, { locale: 'ru-RU', viewport: { width: 390, height: 844 } });
    await agent.getByTestId('nav-duplicates').click();
    const screen = agent.getByTestId('duplicates-page');
    await screen.getByRole('heading', { name: 'Возможные дубликаты' }).waitFor();

    const first = await visitorWrites('Добрый день, это Пётр', 'merge-e2e-petr-01');
    await api(app.url, 'PATCH', `/api/customers/${first}`, { name: 'Пётр Сидоров', phone: '+79161234567' }, token);
    const second = await visitorWrites('Пётр снова, по поводу доставки', 'merge-e2e-petr-02');
    await api(app.url, 'PATCH', `/api/customers/${second}`, { phone: '8 916 123-45-67' }, token);

    // Arrives over the socket: the screen was open before the suggestion existed.
    const row = screen.getByTestId('merge-suggestion').filter({ hasText: 'Пётр Сидоров' });
    await row.waitFor();
    expect(await row.getByTestId('merge-evidence').allTextContents()).toEqual(['Одинаковый телефон: 8 916 123-45-67 = +79161234567']);
    // The screen itself fits the phone (the shell's top bar is wider and scrolls the document sideways).
    expect((await screen.boundingBox())!.width).toBeLessThanOrEqual(390);
    expect((await row.boundingBox())!.width).toBeLessThanOrEqual(390);

    await row.getByTestId('merge-review').click();
    const dialog = agent.getByTestId('merge-dialog');
    const target = dialog.getByTestId('merge-column-target');
    const source = dialog.getByTestId('merge-column-source');
    await target.getByTestId('merge-record-conversations').waitFor();
    expect(await textOf(target.getByTestId('merge-record-conversations'))).toBe('1 диалог');
    const [a, b, box] = [await target.boundingBox(), await source.boundingBox(), await dialog.boundingBox()];
    expect(a && b && box).toBeTruthy();
    expect(b!.x).toBeCloseTo(a!.x, 0);
    expect(b!.y).toBeGreaterThanOrEqual(a!.y + a!.height);
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);

    await agent.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    await row.getByTestId('merge-dismiss').click();
    await row.waitFor({ state: 'detached' });
    expect(await get<MergeSuggestionDto[]>(`/api/customers/merge-suggestions?customerId=${second}`)).toEqual([]);
    expect((await get<CustomerDto>(`/api/customers/${second}`)).mergedIntoId).toBeNull();
  });
});
