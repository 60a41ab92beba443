import type { Browser, Page } from 'playwright-core';
import { startTelegram, type RunningTelegramEmulator } from '../../../tools/emulators/src/telegram/telegram.emulator';
import { ADMIN, RunningApp, startApp } from '../../api/test/harness';
import { botToken, telegramUser } from '../../api/test/telegram-fixtures';
import { launchChromium, openConsole } from './browser';

describe('a Telegram conversation in the agent console, in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let emu: RunningTelegramEmulator;

  beforeAll(async () => {
    app = await startApp();
    app.config.publicUrl = app.url;
    emu = await startTelegram({ host: '127.0.0.1', port: 0, parleyUrl: app.url });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await emu?.close();
    await app?.close();
  });

  const agentConsole = (): Promise<Page> => openConsole(browser, app.url);

  it('sends quick-reply buttons, shows the press and the edit, and says when the bot was blocked', async () => {
    const { accessToken } = await (await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })).json();
    const token = botToken();
    const created = await fetch(`${app.url}/api/inboxes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ name: 'Shop bot', channel: 'telegram', config: { botToken: token, apiBaseUrl: emu.url } }),
    });
    expect(created.status).toBe(201);
    const bot = emu.bot(token);
    const user = telegramUser('Marta');
    const first = bot.userSends(user, { text: 'My order is late' });
    await first.delivered;

    const agent = await agentConsole();
    await agent.getByTestId('conversation-item').filter({ hasText: 'My order is late' }).click();
    await agent.getByTestId('add-reply-button').click();
    await agent.getByTestId('add-reply-button').click();
    const labels = agent.getByTestId('buttons-editor').getByLabel('Button text');
    const values = agent.getByTestId('buttons-editor').getByLabel('Reply value or https:// link');
    await labels.nth(0).fill('Refund');
    await values.nth(0).fill('choice:refund');
    await labels.nth(1).fill('Track');
    await values.nth(1).fill('https://example.com/track');
    await agent.getByTestId('reply-input').fill('What would you like?');
    await agent.getByTestId('reply-send').click();
    await agent.getByTestId('message-buttons').filter({ hasText: 'Refund' }).waitFor();

    await expectEventually(() => bot.sentTo(user.id).length === 1);
    const [out] = bot.sentTo(user.id);
    expect(out.reply_markup.inline_keyboard).toEqual([[{ text: 'Refund', callback_data: 'choice:refund' }, { text: 'Track', url: 'https://example.com/track' }]]);

    await bot.userPresses(user, out.message_id, 'choice:refund').delivered;
    await agent.getByTestId('message').filter({ hasText: 'Pressed a button' }).waitFor();

    await bot.userEdits(user, first.update.message.message_id, 'My order is very late').delivered;
    const edited = agent.getByTestId('message').filter({ hasText: 'My order is very late' });
    await edited.getByTestId('message-edited').waitFor();

    bot.setBlocked(user, true);
    await agent.getByTestId('reply-input').fill('Hello?');
    await agent.getByTestId('reply-send').click();
    await agent.getByTestId('identity-unreachable').waitFor();
    expect(await agent.getByTestId('identity-unreachable').textContent()).toBe('Unreachable');
  });
});

async function expectEventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
