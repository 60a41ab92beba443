import type { Browser, Page } from 'playwright-core';
import { simpleParser } from 'mailparser';
import type { ConversationDto, MessageDto } from '@parley/contracts';
import { startEmailEmulator, type RunningEmailEmulator } from '../../../tools/emulators/src/email/email.emulator';
import { freePort } from '../../api/test/email-harness';
import { api, login, RunningApp, startApp } from '../../api/test/harness';
import { eventually } from '../../api/test/twilio-fixture';
import { launchChromium, openConsole, openWidget, sayInWidget, until } from './browser';

const SUPPORT = 'support@shop.example';

describe('widget and email composer details, in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let token: string;
  let sink: RunningEmailEmulator;
  let webchatInboxId: string;

  beforeAll(async () => {
    const smtpPort = await freePort();
    app = await startApp(undefined, { smtpInboundPort: smtpPort });
    browser = await launchChromium();
    token = (await login(app.url)).accessToken;
    sink = await startEmailEmulator({ host: '127.0.0.1', port: 0, smtpPort: 0, parleyUrl: app.url, parleySmtp: { host: '127.0.0.1', port: smtpPort }, defaultTo: SUPPORT });
    const inbox = await api(app.url, 'POST', '/api/inboxes', { name: 'Shop mail', channel: 'email', config: { address: SUPPORT, smtp: { host: '127.0.0.1', port: sink.smtpPort, secure: false } } }, token);
    expect(inbox.status).toBe(201);
    const inboxes = await api(app.url, 'GET', '/api/inboxes', undefined, token);
    webchatInboxId = inboxes.body.find((i: { channel: string }) => i.channel === 'webchat').id;
  });

  afterAll(async () => {
    await browser?.close();
    await sink?.close();
    await app?.close();
  });

  const agentConsole = (): Promise<Page> => openConsole(browser, app.url, { viewport: { width: 1360, height: 900 } });
  const outbound = (shop: Page, text: string) => shop.locator('[data-testid="parley-message"][data-direction="outbound"]').filter({ hasText: text });
  const conversationOf = (customerText: string) =>
    eventually(async () => {
      const list = await api(app.url, 'GET', `/api/conversations?inboxId=${webchatInboxId}&limit=100`, undefined, token);
      return list.body.items.find((c: ConversationDto) => c.lastMessagePreview === customerText) as ConversationDto | undefined;
    }, `the conversation "${customerText}"`);

  // First: no agent has opened the console yet, so nobody is online.
  it('tells the visitor that every agent is offline instead of promising minutes', async () => {
    const shop = await openWidget(browser, app.url);
    const header = shop.getByTestId('parley-availability');
    await header.filter({ hasText: "All agents are offline — leave a message, we'll reply by email or here" }).waitFor();
    expect(await header.getAttribute('data-state')).toBe('offline');
    const russian = await openWidget(browser, app.url, { query: '?locale=ru', locale: 'ru-RU' });
    await russian.getByTestId('parley-availability').filter({ hasText: 'Все операторы не в сети — оставьте сообщение, мы ответим по email или здесь' }).waitFor();
    await shop.context().close();
    await russian.context().close();
  });

  it('shows the agent "Read" once the visitor opens the widget and sees the reply', async () => {
    const agent = await agentConsole();
    const shop = await openWidget(browser, app.url);
    await shop.getByTestId('parley-availability').filter({ hasText: 'Online — we usually reply within a few minutes' }).waitFor();
    await sayInWidget(shop, 'Подскажите, есть ли доставка в Казань?');
    await shop.getByTestId('parley-close').click();

    await agent.getByTestId('conversation-item').filter({ hasText: 'доставка в Казань' }).click();
    await agent.getByTestId('reply-input').fill('Да, доставляем за 2 дня');
    await agent.getByTestId('reply-send').click();
    const badge = agent.getByTestId('thread').getByTestId('message').filter({ hasText: 'Да, доставляем за 2 дня' }).getByTestId('delivery-status');
    // Delivered to the closed widget: sent, not read.
    await badge.and(agent.locator('[data-status="sent"]')).waitFor();
    await shop.getByTestId('parley-launcher').filter({ has: shop.locator('.pw-badge:not([hidden])') }).waitFor();

    await shop.getByTestId('parley-launcher').click();
    await outbound(shop, 'Да, доставляем за 2 дня').waitFor();
    await badge.and(agent.locator('[data-status="read"]')).waitFor();
    expect((await badge.textContent())?.trim()).toContain('Read');
    await shop.context().close();
    await agent.context().close();
  });

  it('keeps the rating buttons after a reload until the visitor answers', async () => {
    const settings = await api(app.url, 'PUT', '/api/surveys/settings', { scope: 'inbox', scopeId: webchatInboxId, type: 'csat', delayMinutes: 0, throttleDays: 0 }, token);
    expect(settings.status).toBe(200);
    const shop = await openWidget(browser, app.url);
    await sayInWidget(shop, 'Чайник пришёл целым, спасибо');
    const conversation = await conversationOf('Чайник пришёл целым, спасибо');
    expect((await api<MessageDto>(app.url, 'POST', `/api/conversations/${conversation.id}/messages`, { content: 'Рады, что всё хорошо!' }, token)).status).toBe(201);
    await outbound(shop, 'Рады, что всё хорошо!').waitFor();
    expect((await api(app.url, 'POST', `/api/conversations/${conversation.id}/status`, { status: 'resolved' }, token)).status).toBe(200);
    const rating = shop.getByTestId('parley-rate');
    await rating.first().waitFor();
    expect(await rating.allTextContents()).toEqual(['1', '2', '3', '4', '5']);

    await shop.reload();
    await shop.getByTestId('parley-launcher').click();
    await outbound(shop, 'оцените').waitFor();
    await until('the rating buttons after the reload', async () => (await rating.count()) === 5);

    await rating.filter({ hasText: '5' }).click();
    await until('the buttons gone once answered', async () => (await rating.count()) === 0);
    await eventually(async () => {
      const surveys = await api(app.url, 'GET', `/api/surveys?conversationId=${conversation.id}`, undefined, token);
      return surveys.body[0]?.response?.score === 5;
    }, 'the score recorded');
    await shop.reload();
    await shop.getByTestId('parley-launcher').click();
    await outbound(shop, 'оцените').waitFor();
    await shop.getByTestId('parley-message').filter({ hasText: '5' }).last().waitFor();
    expect(await rating.count()).toBe(0);
    await shop.context().close();
  });

  it('makes Enter a new line in an email reply, sends on Ctrl+Enter with the subject and CC', async () => {
    const customer = 'anna.smirnova@example.ru';
    await sink.sendAsCustomer({ from: customer, to: SUPPORT, subject: 'Счёт для бухгалтерии', text: 'Пришлите, пожалуйста, счёт' });
    const agent = await agentConsole();
    await agent.getByTestId('conversation-item').filter({ hasText: 'счёт' }).click();
    expect((await agent.getByTestId('reply-keys').textContent())?.trim()).toBe('Ctrl+Enter (⌘+Enter) to send · Enter for a new line');
    expect(await agent.getByTestId('reply-subject').inputValue()).toBe('Re: Счёт для бухгалтерии');

    const input = agent.getByTestId('reply-input');
    await input.click();
    await input.pressSequentially('Анна, добрый день!');
    await input.press('Enter');
    await input.pressSequentially('Счёт во вложении.');
    expect(await input.inputValue()).toBe('Анна, добрый день!\nСчёт во вложении.');
    const thread = agent.getByTestId('thread');
    expect(await thread.locator('[data-testid="message"][data-direction="outbound"]').count()).toBe(0);

    await agent.getByTestId('reply-cc').fill('buh@example.ru, бухгалтерия');
    await agent.getByTestId('reply-cc-error').filter({ hasText: 'Not an email address: бухгалтерия' }).waitFor();
    expect(await agent.getByTestId('reply-send').isDisabled()).toBe(true);
    await agent.getByTestId('reply-cc').fill('buh@example.ru, director@example.ru');
    await agent.getByTestId('reply-subject').fill('Re: Счёт № 58 для бухгалтерии');
    await input.press('Control+Enter');

    await thread.locator('[data-testid="message"][data-direction="outbound"]').filter({ hasText: 'Счёт во вложении.' }).waitFor();
    expect(await input.inputValue()).toBe('');
    expect(await agent.getByTestId('reply-cc').inputValue()).toBe('');
    const mail = await simpleParser((await sink.waitForMail((m) => m.to.includes(customer))).raw);
    expect(mail.subject).toBe('Re: Счёт № 58 для бухгалтерии');
    expect((mail.cc as { value: { address: string }[] }).value.map((v) => v.address).sort()).toEqual(['buh@example.ru', 'director@example.ru']);
    expect(mail.text).toContain('Анна, добрый день!\nСчёт во вложении.');

    // Other channels keep Enter-to-send.
    await agent.getByTestId('conversation-item').filter({ hasText: 'доставляем за 2 дня' }).click();
    expect((await agent.getByTestId('reply-keys').textContent())?.trim()).toBe('Enter to send · Shift+Enter for a new line');
    expect(await agent.getByTestId('reply-subject').count()).toBe(0);
    await agent.context().close();
  });
});
