import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import type { BulkOperationDto, ConversationDto, WidgetSendAck, WidgetSession } from '@parley/contracts';
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
});
