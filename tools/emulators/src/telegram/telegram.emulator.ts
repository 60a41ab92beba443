import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { listen, readBody, readJson, settle } from '../kit/http-kit';
import type { EmulatorFactory, EmulatorOptions, RunningEmulator } from '../emulator';
import { BotApiError, EmulatedBot, type EmuUser, type Update, type UploadedFile, type UserInput } from './emulated-bot';
import { EMULATOR_PAGE } from './emulator-page';
import { parseMultipart } from './multipart-form';

/** A bot token: `<bot id>:<35 characters>` as @BotFather issues them (30+ accepted here). */
const TOKEN = /^(\d{1,15}):[A-Za-z0-9_-]{30,}$/;
const MAX_BODY = 60 * 1024 * 1024;
const MAX_POLL_SECONDS = 50;
/** Webhook retries after a failed delivery, as Telegram keeps trying (it does for up to a day). */
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000, 15_000, 30_000];

export interface RunningTelegramEmulator extends RunningEmulator {
  /** The bot behind a token (made on first use, like any valid token) or an existing bot's id. */
  bot(tokenOrId: string | number): EmulatedBot;
  /** A token that answers 401 Unauthorized from now on. */
  revoke(token: string): void;
}

/**
 * A stand-in for the Telegram Bot API (https://core.telegram.org/bots/api): `/bot<token>/<method>`
 * with Telegram's envelopes, `/file/bot<token>/<path>` downloads, webhook delivery with the secret
 * token header (one chat at a time, retried until answered 2xx) or getUpdates long polling; plus
 * `/_emulator/*` and a page at `/` to write to a bot as a Telegram user.
 */
export const startTelegramEmulator: EmulatorFactory = async (options) => startTelegram(options);

export async function startTelegram(options: EmulatorOptions): Promise<RunningTelegramEmulator> {
  const bots = new Map<string, EmulatedBot>();
  const revoked = new Set<string>();
  const waiting = new Map<EmulatedBot, { wake(): void; conflict(): void }>();
  const chatQueues = new Map<string, Promise<void>>();

  function botFor(token: string): EmulatedBot | null {
    if (!TOKEN.test(token) || revoked.has(token)) return null;
    let bot = bots.get(token);
    if (!bot) {
      bot = new EmulatedBot(token);
      bot.onUpdate = (update) => dispatch(bot!, update);
      bots.set(token, bot);
    }
    return bot;
  }

  function botById(id: string | number): EmulatedBot | null {
    return [...bots.values()].find((b) => String(b.id) === String(id)) ?? null;
  }

  /** A new update: to the webhook (one chat at a time), or to getUpdates. */
  function dispatch(bot: EmulatedBot, update: Update): Promise<number | null> {
    if (!bot.webhook) {
      bot.queue.push(update);
      waiting.get(bot)?.wake();
      return Promise.resolve(null);
    }
    const chat = chatKey(bot, update);
    const previous = chatQueues.get(chat) ?? Promise.resolve();
    let status: number | null = null;
    const mine = previous.then(async () => {
      status = await deliver(bot, update);
    });
    const tail = mine.catch(() => undefined);
    chatQueues.set(chat, tail);
    void tail.then(() => {
      if (chatQueues.get(chat) === tail) chatQueues.delete(chat);
    });
    return mine.then(() => status);
  }

  /** Requests open to each bot's webhook, and deliveries waiting for one to close (setWebhook's max_connections). */
  const open = new Map<EmulatedBot, { count: number; waiting: (() => void)[] }>();

  async function deliver(bot: EmulatedBot, update: Update): Promise<number | null> {
    const slots = open.get(bot) ?? { count: 0, waiting: [] };
    open.set(bot, slots);
    while (slots.count >= (bot.webhook?.maxConnections ?? 40)) await new Promise<void>((r) => slots.waiting.push(r));
    slots.count++;
    try {
      return await deliverNow(bot, update);
    } finally {
      slots.count--;
      slots.waiting.shift()?.();
    }
  }

  async function deliverNow(bot: EmulatedBot, update: Update): Promise<number | null> {
    for (let attempt = 1; ; attempt++) {
      const hook = bot.webhook;
      if (!hook) {
        // The webhook went away meanwhile: the update waits for getUpdates instead.
        bot.queue.push(update);
        return null;
      }
      let status: number | null = null;
      let error: string | undefined;
      try {
        const res = await fetch(hook.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(hook.secretToken ? { 'x-telegram-bot-api-secret-token': hook.secretToken } : {}) },
          body: JSON.stringify(update),
          signal: AbortSignal.timeout(60_000),
        });
        status = res.status;
        await res.arrayBuffer().catch(() => undefined);
        if (!res.ok) error = `Wrong response from the webhook: ${res.status} ${res.statusText}`;
      } catch (err) {
        error = `Connection failed: ${(err as Error).message}`;
      }
      bot.deliveries.push({ updateId: update.update_id, status, attempt, ...(error ? { error } : {}) });
      if (!error) return status;
      hook.lastErrorDate = Math.floor(Date.now() / 1000);
      hook.lastErrorMessage = error;
      if (closed || attempt > RETRY_DELAYS_MS.length) return status;
      await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt - 1]).unref());
    }
  }

  async function getUpdates(bot: EmulatedBot, params: Record<string, any>, res: ServerResponse): Promise<Update[]> {
    let updates = bot.takeUpdates(params);
    const timeout = Math.min(MAX_POLL_SECONDS, Math.max(0, Number(params.timeout ?? 0)));
    if (updates.length || timeout === 0) return updates;
    // Only one getUpdates per bot: a newer one ends the older with 409, as Telegram does.
    waiting.get(bot)?.conflict();
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        res.off('close', done);
        if (waiting.get(bot) === entry) waiting.delete(bot);
        resolve();
      };
      const entry = {
        wake: done,
        conflict: () => {
          done();
          reject(new BotApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
        },
      };
      const timer = setTimeout(done, timeout * 1000);
      // The caller went away (its AbortController): stop waiting for it.
      res.on('close', done);
      waiting.set(bot, entry);
    });
    updates = bot.webhook ? [] : bot.takeUpdates({ ...params, offset: undefined, allowed_updates: undefined });
    return updates;
  }

  async function botApi(req: IncomingMessage, res: ServerResponse, token: string, method: string): Promise<void> {
    const bot = botFor(token);
    if (!bot) return answer(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const { params, files } = await readParams(req);
    const record = { method, params: summarize(params, files), at: Date.now(), status: 200 };
    bot.calls.push(record);
    if (bot.calls.length > 5000) bot.calls.splice(0, 1000);
    try {
      const result = method === 'getUpdates' ? await getUpdates(bot, params, res) : bot.call(method, params, files);
      const description = method === 'setWebhook' ? 'Webhook was set' : method === 'deleteWebhook' ? 'Webhook was deleted' : undefined;
      answer(res, 200, { ok: true, result, ...(description ? { description } : {}) });
    } catch (err) {
      if (!(err instanceof BotApiError)) throw err;
      record.status = err.errorCode;
      answer(res, err.errorCode, { ok: false, error_code: err.errorCode, description: err.description, ...(err.parameters ? { parameters: err.parameters } : {}) });
    }
  }

  /** The user side: what the page and the CLI call. */
  async function control(req: IncomingMessage, res: ServerResponse, path: string[]): Promise<void> {
    const body = req.method === 'POST' ? await readJson(req, MAX_BODY) : {};
    if (path[0] === 'bots' && path.length === 1) {
      if (req.method === 'POST') {
        const token = String(body.token ?? `${7_000_000_000 + bots.size + 1}:${'A'.repeat(8)}${Math.random().toString(36).slice(2).padEnd(27, 'x')}`);
        const bot = botFor(token);
        if (!bot) return answer(res, 400, { error: 'not a bot token' });
        return answer(res, 201, describeBot(bot));
      }
      return answer(res, 200, [...bots.values()].map(describeBot));
    }
    const bot = path[0] === 'bots' ? botById(path[1]) : null;
    if (!bot) return answer(res, 404, { error: 'no such bot: it appears once Parley (or anyone) calls the API with its token' });
    const [, , section, userId, action] = path;
    if (section === 'calls') return answer(res, 200, bot.calls.slice(-200));
    if (section === 'files' && req.method === 'GET') {
      // The page shows photos in the chat without knowing the bot's token (which /file/bot… needs).
      const stored = bot.files.get(decodeURIComponent(path[3] ?? ''));
      if (!stored) return answer(res, 404, { error: 'no such file' });
      res.writeHead(200, { 'content-type': stored.contentType, 'content-length': stored.data.length });
      return void res.end(stored.data);
    }
    if (section === 'fail' && req.method === 'POST') {
      bot.failNext(String(body.method ?? 'sendMessage'), Number(body.error_code ?? 429), String(body.description ?? (Number(body.error_code ?? 429) === 429 ? `Too Many Requests: retry after ${body.retry_after ?? 1}` : 'Bad Request')), {
        retryAfter: body.retry_after != null ? Number(body.retry_after) : Number(body.error_code ?? 429) === 429 ? 1 : undefined,
        times: Number(body.times ?? 1),
      });
      return answer(res, 200, { ok: true });
    }
    if (section === 'limits' && req.method === 'POST') {
      bot.limits = { perChatPerSecond: Number(body.perChatPerSecond ?? bot.limits.perChatPerSecond), perBotPerSecond: Number(body.perBotPerSecond ?? bot.limits.perBotPerSecond) };
      return answer(res, 200, bot.limits);
    }
    if (section !== 'users' || !/^\d{1,15}$/.test(userId ?? '')) return answer(res, 404, { error: 'unknown emulator route' });
    const user: EmuUser = { id: Number(userId), first_name: 'Telegram user', ...(bot.chats.get(Number(userId))?.user ?? {}), ...pickUser(body.user) };
    try {
      if (!action || action === 'chat') {
        const chat = bot.chats.get(user.id);
        return answer(res, 200, { user: chat?.user ?? user, blocked: !!chat?.blocked, messages: chat?.messages ?? [] });
      }
      if (req.method !== 'POST') return answer(res, 405, { error: 'POST' });
      if (action === 'send') {
        const sent = bot.userSends(user, toInput(body));
        return answer(res, 200, { update: sent.update, deliveredStatus: await settle(sent.delivered) });
      }
      if (action === 'edit') {
        const sent = bot.userEdits(user, Number(body.message_id), String(body.text ?? ''));
        return answer(res, 200, { update: sent.update, deliveredStatus: await settle(sent.delivered) });
      }
      if (action === 'press') {
        const sent = bot.userPresses(user, Number(body.message_id), String(body.data ?? ''));
        return answer(res, 200, { update: sent.update, deliveredStatus: await settle(sent.delivered) });
      }
      if (action === 'block') {
        bot.setBlocked(user, body.blocked !== false);
        return answer(res, 200, { blocked: body.blocked !== false });
      }
    } catch (err) {
      if (err instanceof BotApiError) return answer(res, err.errorCode, { error: err.description });
      throw err;
    }
    return answer(res, 404, { error: 'unknown emulator route' });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const path = url.pathname;
    const handle = async () => {
      const api = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
      if (api) return botApi(req, res, decodeURIComponent(api[1]), api[2]);
      const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
      if (file && req.method === 'GET') {
        const bot = botFor(decodeURIComponent(file[1]));
        const stored = bot?.fileByPath(decodeURIComponent(file[2]));
        if (!stored) return answer(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
        res.writeHead(200, { 'content-type': stored.contentType, 'content-length': stored.data.length });
        return void res.end(stored.data);
      }
      if (path.startsWith('/_emulator/')) return control(req, res, path.slice('/_emulator/'.length).split('/').filter(Boolean));
      if (path === '/' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        return void res.end(EMULATOR_PAGE);
      }
      answer(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    };
    handle().catch((err) => {
      if (!res.headersSent) answer(res, err?.status ?? 500, { ok: false, error_code: err?.status ?? 500, description: String(err?.message ?? err) });
      else res.destroy();
    });
  });
  let closed = false;
  const baseUrl = await listen(server, options);
  return {
    name: 'telegram',
    url: baseUrl,
    bot(tokenOrId) {
      const bot = typeof tokenOrId === 'string' && tokenOrId.includes(':') ? botFor(tokenOrId) : botById(tokenOrId);
      if (!bot) throw new Error(`no bot ${tokenOrId}`);
      return bot;
    },
    revoke(token) {
      revoked.add(token);
      bots.delete(token);
    },
    async close() {
      closed = true;
      for (const w of waiting.values()) w.wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function chatKey(bot: EmulatedBot, update: Update): string {
  const m = update.message ?? update.edited_message ?? update.callback_query?.message;
  return `${bot.id}:${m?.chat?.id ?? update.callback_query?.from?.id ?? 'x'}`;
}

function describeBot(bot: EmulatedBot) {
  return {
    id: bot.id,
    username: bot.username,
    mode: bot.webhook ? 'webhook' : 'polling',
    webhookUrl: bot.webhook?.url ?? null,
    pendingUpdates: bot.queue.length,
    chats: [...bot.chats.values()].map((c) => ({ userId: c.user.id, name: c.user.first_name, blocked: c.blocked, messages: c.messages.length })),
  };
}

function pickUser(raw: unknown): Partial<EmuUser> {
  if (!raw || typeof raw !== 'object') return {};
  const u = raw as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 64) : undefined);
  return Object.fromEntries(Object.entries({ first_name: str(u.first_name), last_name: str(u.last_name), username: str(u.username), language_code: str(u.language_code) }).filter(([, v]) => v)) as Partial<EmuUser>;
}

/** The page and CLI send files as base64: `{file: {name, contentType, base64}, kind}`. */
function toInput(body: Record<string, any>): UserInput {
  const input: UserInput = {};
  if (typeof body.text === 'string') input.text = body.text;
  if (typeof body.caption === 'string' && body.caption) input.caption = body.caption;
  if (body.replyTo) input.replyTo = Number(body.replyTo);
  if (body.location) input.location = { latitude: Number(body.location.latitude), longitude: Number(body.location.longitude) };
  if (body.contact) {
    input.contact = {
      phone_number: String(body.contact.phone_number ?? ''),
      ...(body.contact.first_name ? { first_name: String(body.contact.first_name) } : {}),
      ...(body.contact.own === false ? { user_id: body.contact.user_id != null ? Number(body.contact.user_id) : null } : {}),
    };
  }
  if (body.file && typeof body.file.base64 === 'string') {
    const file: UploadedFile = { data: Buffer.from(body.file.base64, 'base64'), fileName: body.file.name, contentType: body.file.contentType };
    const kind = String(body.kind ?? (String(body.file.contentType).startsWith('image/') ? 'photo' : 'document'));
    if (kind === 'photo' || kind === 'document' || kind === 'voice' || kind === 'video_note') input[kind] = file;
    else if (kind === 'sticker') input.sticker = { ...file, emoji: body.emoji };
    else input.document = file;
  }
  if (!input.text && !input.caption && !input.location && !input.contact && !input.photo && !input.document && !input.voice && !input.video_note && !input.sticker) {
    throw new BotApiError(400, 'nothing to send: give text, a file, a location or a contact');
  }
  return input;
}

async function readParams(req: IncomingMessage): Promise<{ params: Record<string, any>; files: Map<string, UploadedFile> }> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const params: Record<string, any> = Object.fromEntries(url.searchParams);
  const files = new Map<string, UploadedFile>();
  const body = await readBody(req, MAX_BODY);
  const type = String(req.headers['content-type'] ?? '');
  if (!body.length) return { params, files };
  if (type.startsWith('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw Object.assign(new Error("Bad Request: can't parse JSON"), { status: 400 });
    }
    Object.assign(params, parsed);
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
  } else if (type.startsWith('multipart/form-data')) {
    for (const part of parseMultipart(body, type)) {
      if (part.fileName !== null) files.set(part.name, { data: part.data, fileName: part.fileName, contentType: part.contentType ?? undefined });
      else params[part.name] = part.data.toString('utf8');
    }
  }
  return { params, files };
}

function summarize(params: Record<string, any>, files: Map<string, UploadedFile>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...params };
  for (const [name, f] of files) out[name] = { fileName: f.fileName, contentType: f.contentType, size: f.data.length };
  return out;
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
