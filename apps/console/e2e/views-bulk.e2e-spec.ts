import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import type { BulkOperationDto, ConversationDto, LabelDto, WidgetSendAck, WidgetSession } from '@parley/contracts';
import { api, connect, demoWebsiteToken, login, next, RunningApp, startApp } from '../../api/test/harness';
import { launchChromium, openConsole, textOf, until } from './browser';

describe('saved views and bulk actions, in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let token: string;
  let adminId: string;
  const call = <T = any>(method: string, path: string, body?: unknown) => api<T>(app.url, method, path, body, token);

  /** A web chat visitor writes; resolves with their conversation once it is stored. */
  async function visitorWrites(text: string): Promise<ConversationDto> {
    const socket = connect(app.url, '/widget', { websiteToken: await demoWebsiteToken(app.url, token) });
    try {
      const session = await next<WidgetSession>(socket, 'session');
      const ack = (await socket.emitWithAck('message:send', { content: text, clientMessageId: `c-${randomBytes(6).toString('hex')}` })) as WidgetSendAck;
      if (!ack.ok) throw new Error(ack.error);
      return (await call('GET', `/api/customers/${session.customerId}/conversations`)).body.items[0];
    } finally {
      socket.disconnect();
    }
  }

  /** Arranges through the same bulk API the console uses, and waits until it is applied. */
  async function bulk(conversationIds: string[], action: Record<string, unknown>): Promise<void> {
    const op = await call<BulkOperationDto>('POST', '/api/conversations/bulk', { conversationIds, action });
    expect(op.status).toBe(202);
    await until('arranged', async () => (await call<BulkOperationDto>('GET', `/api/bulk-operations/${op.body.id}`)).body.state === 'done', 30_000);
  }

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    const session = await login(app.url);
    token = session.accessToken;
    adminId = session.user.id;
    const urgent = [await visitorWrites('Срочно: заказ не пришёл'), await visitorWrites('Срочно: двойное списание'), await visitorWrites('Срочно: нет доступа')];
    const calm = await visitorWrites('Подскажите часы работы');
    await bulk([...urgent, calm].map((c) => c.id), { type: 'assign', assigneeId: adminId });
    await bulk(urgent.map((c) => c.id), { type: 'priority', priority: 'urgent' });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const viewRow = (page: Page, name: string) => page.getByTestId('view-item').filter({ hasText: name });

  it('saves «Мои срочные», counts it, resolves all of it in bulk and shows the progress to done', async () => {
    const page = await openConsole(browser, app.url, { locale: 'ru-RU', viewport: { width: 1440, height: 900 } });
    await page.getByTestId('assignee-filter-mine').click();
    await page.getByTestId('priority-select').selectOption('urgent');
    await until('three urgent rows', async () => (await page.getByTestId('conversation-item').count()) === 3);

    await page.getByTestId('view-save-current').click();
    await page.getByTestId('view-name').fill('Мои срочные');
    await page.getByTestId('view-submit').click();
    await until('the view counts its three', async () => (await textOf(viewRow(page, 'Мои срочные').getByTestId('view-count'))) === '3');
    expect(await viewRow(page, 'Мои срочные').getAttribute('class')).toContain('is-active');

    await page.getByTestId('conversation-select').first().click();
    expect(await textOf(page.getByTestId('bulk-count'))).toContain('1');
    await page.getByTestId('bulk-select-all').click();
    expect(await textOf(page.getByTestId('bulk-count'))).toContain('3');

    await page.getByTestId('bulk-status').selectOption('resolved');
    await until('progress reaches done', async () => (await page.getByTestId('bulk-progress').getAttribute('data-state')) === 'done', 30_000);
    expect(await textOf(page.getByTestId('bulk-progress-text'))).toBe('Готово: изменено 3 из 3');
    await until('the count drops to 0', async () => (await textOf(viewRow(page, 'Мои срочные').getByTestId('view-count'))) === '0');
    await until('the view lists nothing', async () => (await page.getByTestId('conversation-item').count()) === 0);

    const resolved = (await call('GET', `/api/conversations?status=resolved&assigneeId=me&priority=urgent`)).body.items;
    expect(resolved).toHaveLength(3);
  });

  it('puts «Возврат» on two chosen conversations from the bulk bar, and their rows show it', async () => {
    const suffix = randomBytes(2).toString('hex');
    const label = (await call<LabelDto>('POST', '/api/labels', { nameEn: `Refund ${suffix}`, nameRu: `Возврат ${suffix}`, colour: '#30a46c' })).body;
    const chosen = [await visitorWrites('Верните деньги за первый заказ'), await visitorWrites('Верните деньги за второй заказ')];
    const page = await openConsole(browser, app.url, { locale: 'ru-RU', viewport: { width: 1440, height: 900 } });
    const row = (c: ConversationDto) => page.locator(`[data-testid="conversation-item"][data-conversation-id="${c.id}"]`);
    await until('both rows listed', async () => (await row(chosen[0]).count()) + (await row(chosen[1]).count()) === 2);
    for (const c of chosen) await row(c).getByTestId('conversation-select').click();
    const menu = page.getByTestId('bulk-label');
    await until('the menu offers the label', async () => (await menu.locator(`option[value="${label.id}"]`).count()) === 1);
    expect(await textOf(menu.locator(`option[value="${label.id}"]`))).toBe(`Возврат ${suffix}`);

    await menu.selectOption(label.id);
    await until('progress reaches done', async () => (await page.getByTestId('bulk-progress').getAttribute('data-state')) === 'done', 30_000);
    expect(await textOf(page.getByTestId('bulk-progress-text'))).toBe('Готово: изменено 2 из 2');
    for (const c of chosen) {
      await until('the row shows the label', async () => (await textOf(row(c).getByTestId('label-chips'))).includes(`Возврат ${suffix}`));
      expect((await call<ConversationDto>('GET', `/api/conversations/${c.id}`)).body.labels?.map((l) => l.id)).toEqual([label.id]);
    }
  });
});
