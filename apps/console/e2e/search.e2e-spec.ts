import type { Browser, Page } from 'playwright-core';
import { WIDGET_EVENTS, type WidgetSession } from '@parley/contracts';
import { api, connect, demoWebsiteToken, login, next, RunningApp, startApp } from '../../api/test/harness';
import { launchChromium, openConsole, textOf, until, waitForCount } from './browser';

describe('global search and the customer directory, in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let token: string;
  let agent: Page;
  const sockets: ReturnType<typeof connect>[] = [];
  const customers: Record<string, string> = {};

  /** A web chat visitor who writes `text` over the widget socket: their customer id. */
  async function visitorWrites(text: string, clientMessageId: string): Promise<string> {
    const socket = connect(app.url, '/widget', { websiteToken: await demoWebsiteToken(app.url, token) });
    sockets.push(socket);
    const session = await next<WidgetSession>(socket, WIDGET_EVENTS.session);
    const ack = await socket.emitWithAck(WIDGET_EVENTS.messageSend, { content: text, clientMessageId });
    expect(ack.ok).toBe(true);
    return session.customerId;
  }

  beforeAll(async () => {
    app = await startApp();
    token = (await login(app.url)).accessToken;
    browser = await launchChromium();
    customers.order = await visitorWrites('Где мой заказ?', 'search-e2e-order');
    customers.markup = await visitorWrites('<b>Жирный</b> заказ не пришёл', 'search-e2e-markup');
    customers.phone = await visitorWrites('Хочу вернуть чайник', 'search-e2e-kettle');
    const patched = await api(app.url, 'PATCH', `/api/customers/${customers.phone}`, { name: 'Ёжиков Пётр', phone: '+7 916 555-12-34' }, token);
    expect(patched.status).toBe(200);
    agent = await openConsole(browser, app.url, { viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await browser?.close();
    await app?.close();
  });

  const hits = () => agent.getByTestId('global-search-panel').getByTestId('global-search-hit');

  it('focuses the search with /, highlights the word form that matched, and Enter opens the conversation', async () => {
    await agent.getByTestId('conversation-list').click();
    await agent.keyboard.press('/');
    await until('the search box has the focus', async () => agent.getByTestId('global-search-input').evaluate((el) => el === document.activeElement));
    await agent.keyboard.type('заказы');

    const orderHit = hits().filter({ hasText: 'Где мой заказ' });
    await orderHit.first().waitFor();
    expect(await textOf(orderHit.first().locator('mark'))).toBe('заказ');
    expect(await textOf(agent.getByTestId('global-search-group-messages'))).toMatch(/Messages\s*\d/);

    const texts = await hits().allTextContents();
    const index = texts.findIndex((text) => text.includes('Где мой заказ'));
    for (let i = 0; i <= index; i++) await agent.keyboard.press('ArrowDown');
    await agent.keyboard.press('Enter');

    await agent.getByTestId('thread').getByTestId('message').filter({ hasText: 'Где мой заказ?' }).waitFor();
    await agent.locator(`[data-testid="customer-panel"][data-customer-id="${customers.order}"]`).waitFor();
    expect(await agent.getByTestId('global-search-panel').count()).toBe(0);
  });

  it('never renders markup a customer wrote as HTML', async () => {
    await agent.getByTestId('global-search-input').fill('жирный');
    const hit = hits().filter({ hasText: 'Жирный' });
    await hit.first().waitFor();
    const snippet = hit.first().getByTestId('search-snippet');
    expect(await snippet.locator('b').count()).toBe(0);
    expect(await snippet.evaluate((el) => [...el.querySelectorAll('*')].every((child) => ['MARK', 'SPAN'].includes(child.tagName)))).toBe(true);
    await agent.keyboard.press('Escape');
    expect(await agent.getByTestId('global-search-input').inputValue()).toBe('');
    expect(await agent.getByTestId('global-search-panel').count()).toBe(0);
  });

  it('says a query over 500 characters is too long instead of asking', async () => {
    await agent.getByTestId('global-search-input').fill('чайник '.repeat(80));
    await agent.getByTestId('global-search-note').filter({ hasText: 'too long' }).waitFor();
    await agent.keyboard.press('Escape');
  });

  it('lists every result of the query on the search page', async () => {
    await agent.getByTestId('global-search-input').fill('чайника');
    await hits().first().waitFor();
    await agent.getByTestId('global-search-all').click();
    await agent.getByTestId('search-page').waitFor();
    expect(await agent.getByTestId('search-page-input').inputValue()).toBe('чайника');
    const messages = agent.getByTestId('search-group-messages').getByTestId('search-page-hit');
    await messages.filter({ hasText: 'Хочу вернуть чайник' }).first().waitFor();
    expect(await textOf(messages.first().locator('mark'))).toBe('чайник');
  });

  it('finds a customer in the directory by a phone written differently and opens them', async () => {
    await agent.getByTestId('nav-customers').click();
    await agent.getByTestId('customer-directory').waitFor();
    await agent.getByTestId('directory-search').fill('8 (916) 555 12 34');
    const rows = agent.getByTestId('directory-row');
    await waitForCount(rows, 1);
    expect(await textOf(rows.first())).toContain('Ёжиков Пётр');

    await rows.first().click();
    await agent.locator(`[data-testid="customer-panel"][data-customer-id="${customers.phone}"]`).waitFor();
    expect(new URL(agent.url()).pathname).toBe(`/customers/${customers.phone}`);
  });
});
