import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Telegram, TelegramError } from 'telegraf';
import { startTelegram, type RunningTelegramEmulator } from './telegram.emulator';

const TOKEN = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789';

describe('Telegram Bot API emulator, through telegraf', () => {
  let emu: RunningTelegramEmulator;
  let tg: Telegram;
  beforeAll(async () => {
    emu = await startTelegram({ host: '127.0.0.1', port: 0, parleyUrl: 'http://127.0.0.1:1' });
    tg = new Telegram(TOKEN, { apiRoot: emu.url });
  });
  afterAll(() => emu.close());

  const failure = async (work: Promise<unknown>): Promise<TelegramError> => {
    const err = await work.then(() => null, (e) => e);
    expect(err).toBeInstanceOf(TelegramError);
    return err;
  };

  it('answers getMe for any well-formed token and 401 for anything else', async () => {
    expect(await tg.getMe()).toMatchObject({ id: 123456, is_bot: true, username: 'parley_demo_123456_bot' });
    const bad = await failure(new Telegram('123:short', { apiRoot: emu.url }).getMe());
    expect([bad.code, bad.description]).toEqual([401, 'Unauthorized']);
  });

  it('hands user messages to getUpdates and confirms them by offset', async () => {
    const user = { id: 777, first_name: 'Ann' };
    const polled = tg.getUpdates(5, 100, 0, undefined);
    emu.bot(TOKEN).userSends(user, { text: 'hello' });
    const [update] = await polled;
    expect(update).toMatchObject({ message: { text: 'hello', chat: { id: 777, type: 'private' }, from: { id: 777 } } });
    expect(await tg.getUpdates(0, 100, update.update_id + 1, undefined)).toEqual([]);
  });

  it('delivers to a webhook with the secret token, and refuses getUpdates meanwhile', async () => {
    const seen: { secret: unknown; body: string }[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ secret: req.headers['x-telegram-bot-api-secret-token'], body });
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    await tg.setWebhook(`http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`, { secret_token: 's3cret_TOKEN' });
    const conflict = await failure(tg.getUpdates(0, 100, 0, undefined));
    expect(conflict.code).toBe(409);
    const sent = emu.bot(TOKEN).userSends({ id: 778, first_name: 'Bo' }, { text: 'via webhook' });
    expect(await sent.delivered).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0].secret).toBe('s3cret_TOKEN');
    expect(JSON.parse(seen[0].body)).toMatchObject({ update_id: sent.update.update_id, message: { text: 'via webhook' } });
    await tg.deleteWebhook();
    hook.close();
  });

  it('keeps no more webhook requests open at once than setWebhook allowed (max_connections)', async () => {
    let open = 0;
    let most = 0;
    const hook = createServer((req, res) => {
      open++;
      most = Math.max(most, open);
      req.resume();
      setTimeout(() => {
        open--;
        res.end();
      }, 20);
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    await tg.setWebhook(`http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`, { max_connections: 3 });
    expect((await tg.getWebhookInfo()).max_connections).toBe(3);
    const sent = Array.from({ length: 10 }, (_, i) => emu.bot(TOKEN).userSends({ id: 900 + i, first_name: `U${i}` }, { text: `hi ${i}` }));
    expect(await Promise.all(sent.map((s) => s.delivered))).toEqual(Array(10).fill(200));
    expect(most).toBe(3);
    await tg.deleteWebhook();
    hook.close();
  });

  it('parses HTML like Telegram and refuses what Telegram refuses', async () => {
    const sent = await tg.sendMessage(777, 'a &lt;b&gt; <b>bold</b> &amp; more', { parse_mode: 'HTML' });
    expect(sent).toMatchObject({ text: 'a <b> bold & more', entities: [{ type: 'bold', offset: 6, length: 4 }] });
    const bad = await failure(tg.sendMessage(777, '<script>x</script>', { parse_mode: 'HTML' }));
    expect(bad.code).toBe(400);
    expect(bad.description).toMatch(/can't parse entities/);
    expect((await failure(tg.sendMessage(999_999, 'hi'))).description).toBe('Bad Request: chat not found');
  });

  it('takes multipart uploads and serves files back through getFile', async () => {
    const bytes = Buffer.from('%PDF-1.4 fake');
    const sent = await tg.sendDocument(777, { source: bytes, filename: 'invoice.pdf' }, { caption: 'Your <b>invoice</b>', parse_mode: 'HTML' });
    expect(sent).toMatchObject({ caption: 'Your invoice', document: { file_name: 'invoice.pdf' } });
    const link = await tg.getFileLink(sent.document.file_id);
    expect(Buffer.from(await (await fetch(link)).arrayBuffer())).toEqual(bytes);
  });

  it('simulates flood control and a user who blocked the bot', async () => {
    const bot = emu.bot(TOKEN);
    const user = { id: 780, first_name: 'Di' };
    bot.userSends(user, { text: 'hi' });
    bot.failNext('sendMessage', 429, 'Too Many Requests: retry after 3', { retryAfter: 3 });
    const limited = await failure(tg.sendMessage(780, 'x'));
    expect([limited.code, limited.parameters]).toEqual([429, { retry_after: 3 }]);
    bot.limits.perChatPerSecond = 1;
    await tg.sendMessage(780, 'one');
    expect((await failure(tg.sendMessage(780, 'two'))).code).toBe(429);
    bot.limits.perChatPerSecond = 3;
    bot.setBlocked(user, true);
    const blocked = await failure(tg.sendMessage(780, 'x'));
    expect([blocked.code, blocked.description]).toEqual([403, 'Forbidden: bot was blocked by the user']);
  });

  it('records pressed buttons as callback queries that can be answered once', async () => {
    const bot = emu.bot(TOKEN);
    const user = { id: 779, first_name: 'Cy' };
    bot.userSends(user, { text: 'hi' });
    const msg = await tg.sendMessage(779, 'Rate us', { reply_markup: { inline_keyboard: [[{ text: '5', callback_data: 'csat:5' }]] } });
    const { update } = bot.userPresses(user, msg.message_id, 'csat:5');
    expect(update.callback_query).toMatchObject({ data: 'csat:5', message: { message_id: msg.message_id } });
    await tg.answerCbQuery(update.callback_query.id);
    expect(bot.callbackAnswered(update.callback_query.id)).toBe(true);
    expect((await failure(tg.answerCbQuery(update.callback_query.id))).code).toBe(400);
  });
});
