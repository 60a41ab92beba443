import type { Browser } from 'playwright-core';
import type { CannedResponseDto, ConversationDto, LabelDto, Page as ListPage } from '@parley/contracts';
import { api, login, RunningApp, startApp } from '../../api/test/harness';
import { launchChromium, openConsole, openWidget, sayInWidget, textOf, until } from './browser';

const AGENT = { email: 'makar@parley.test', password: 'пароль-макара-длинный' };

describe('macros, in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let admin: string;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    admin = (await login(app.url)).accessToken;
    expect((await api(app.url, 'POST', '/api/users', { name: 'Макар Агентов', role: 'agent', ...AGENT }, admin)).status).toBe(201);
    expect((await api<LabelDto>(app.url, 'POST', '/api/labels', { nameEn: 'Refund', nameRu: 'Возврат', colour: '#e5484d' }, admin)).status).toBe(201);
    expect((await api<CannedResponseDto>(app.url, 'POST', '/api/canned-responses', {
      shortcode: 'номер', title: 'Номер заказа', scope: 'shared', variants: { ru: '{{customer.first_name}}, подскажите номер заказа.' },
    }, admin)).status).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('an agent builds a macro, runs it on a conversation with m after the preview, sees it marked, and undoes it', async () => {
    const page = await openConsole(browser, app.url, { locale: 'ru-RU', ...AGENT });
    await page.getByTestId('nav-macros').click();
    await page.getByTestId('macro-new').click();
    await page.getByTestId('macro-name').fill('Возврат: уточнить заказ');
    for (const type of ['label', 'priority', 'reply', 'resolve']) await page.getByTestId('macro-add-action').selectOption(type);
    await page.getByTestId('macro-action-priority').selectOption('urgent');
    expect(await page.getByTestId('macro-action').evaluateAll((items) => items.map((i) => i.getAttribute('data-type')))).toEqual(['label', 'priority', 'reply', 'resolve']);
    await page.getByTestId('macro-save').click();
    const row = page.getByTestId('macro-row').filter({ hasText: 'Возврат: уточнить заказ' });
    await row.waitFor();
    expect(await textOf(row.locator('ol'))).toContain('Добавить метку «Возврат»');

    const widget = await openWidget(browser, app.url, { query: '?locale=ru', locale: 'ru-RU' });
    await sayInWidget(widget, 'Хочу вернуть заказ');
    let conversation: ConversationDto | undefined;
    await until('the conversation is listed', async () => {
      const list = await api<ListPage<ConversationDto>>(app.url, 'GET', '/api/conversations?limit=100', undefined, admin);
      conversation = list.body.items.find((c) => c.lastMessagePreview?.includes('Хочу вернуть заказ'));
      return !!conversation;
    });
    expect((await api(app.url, 'PATCH', `/api/customers/${conversation!.customerId}`, { name: 'Ольга Петрова' }, admin)).status).toBe(200);

    await page.getByTestId('nav-inbox').click();
    await page.getByTestId('conversation-item').filter({ hasText: 'Хочу вернуть заказ' }).click();
    await page.getByTestId('conversation-view').waitFor();
    await page.keyboard.press('Escape');
    await page.keyboard.press('m');
    await page.getByTestId('macro-menu-item').filter({ hasText: 'Возврат: уточнить заказ' }).click();
    const preview = page.getByTestId('macro-preview');
    await until('the preview shows the reply with her name', async () => (await textOf(preview.getByTestId('macro-preview-text'))) === 'Ольга, подскажите номер заказа.');
    expect(await textOf(preview.getByTestId('macro-irreversible'))).toContain('Ответить шаблоном');
    await preview.getByTestId('macro-run-confirm').click();

    await page.getByTestId('macro-undo-bar').getByText('«Возврат: уточнить заказ» выполнен.').waitFor();
    await widget.getByText('Ольга, подскажите номер заказа.').waitFor();
    await until('the conversation is resolved', async () => (await textOf(page.getByTestId('conversation-status'))) === 'Решён');
    await page.getByTestId('message-macro').filter({ hasText: 'макросом «Возврат: уточнить заказ»' }).first().waitFor();
    await until('the timeline marks the changes with the macro', async () => (await page.getByTestId('timeline-macro').count()) >= 3);

    await page.getByTestId('macro-undo').click();
    await page.getByTestId('macro-undo-bar').getByText('«Возврат: уточнить заказ» отменён.').waitFor();
    expect(await textOf(page.getByTestId('macro-undo-irreversible'))).toBe('Уже отправлено и останется: Ответить шаблоном.');
    await until('the conversation is open again', async () => (await textOf(page.getByTestId('conversation-status'))) === 'Открыт');
    const after = (await api<ConversationDto>(app.url, 'GET', `/api/conversations/${conversation!.id}`, undefined, admin)).body;
    expect(after).toMatchObject({ status: 'open', priority: 'normal', labels: [] });
  });
});
