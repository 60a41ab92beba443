import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { listen, readBody, readJson } from '../kit/http-kit';
import type { EmulatorFactory, EmulatorOptions, RunningEmulator } from '../emulator';
import { EmulatedViberBot, newToken, sign, STATUS_MESSAGES, ViberStatusError, viberJson, type ChatEntry, type ViberEmuUser } from './viber-bot';
import { VIBER_EMULATOR_PAGE } from './viber-emulator-page';

/** An auth token as Viber issues them: three groups of 16 letters and digits. */
const TOKEN = /^[0-9A-Za-z]{16}-[0-9A-Za-z]{16}-[0-9A-Za-z]{16}$/;
const MAX_BODY = 30 * 1024 * 1024;
/** Viber tries a callback again when the webhook does not answer 200. */
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000];
const CHAT_HOSTNAME = 'SN-EMULATOR_';

export interface RunningViberEmulator extends RunningEmulator {
  /** The bot of a token (made on first use, like any well-formed token). */
  bot(token: string): EmulatedViberBot;
  /** A token that answers invalidAuthToken from now on. */
  revoke(token: string): void;
  /** A user of the bot does something: what the page and the CLI call. */
  user(bot: EmulatedViberBot, user: ViberEmuUser): UserActions;
}

export interface UserActions {
  /** Opens the chat (conversation_started; `context`: a deep link's): resolves with the welcome message the webhook answered, if any. */
  open(context?: string): Promise<{ status: number | null; welcome: Record<string, unknown> | null }>;
  send(message: Record<string, any>): Promise<{ token: string; status: number | null }>;
  subscribe(): Promise<{ token: string; status: number | null }>;
  unsubscribe(): Promise<{ token: string; status: number | null }>;
  /** Reads the chat: the bot's delivered messages are reported seen. */
  read(): Promise<void>;
}

/**
 * A stand-in for Viber's REST Bot API (https://developers.viber.com/docs/api/rest-bot-api/):
 * `POST /pa/<method>` with X-Viber-Auth-Token (set_webhook with its signed `event: webhook` check,
 * get_account_info, get_user_details, get_online, send_message), callbacks signed with
 * X-Viber-Content-Signature and tried again while the webhook answers anything but 2xx, delivery
 * reports (delivered, then seen when the user reads; `reversed` sends seen first), scripted faults
 * (a status, or a call carried out whose answer is lost); plus `/_emulator/*` and a page at `/` to be
 * a Viber user.
 */
export const startViberEmulator: EmulatorFactory = async (options) => startViber(options);

export async function startViber(options: EmulatorOptions & { retryDelaysMs?: number[] }): Promise<RunningViberEmulator> {
  const bots = new Map<string, EmulatedViberBot>();
  const revoked = new Set<string>();
  const media = new Map<string, { data: Buffer; contentType: string; name: string }>();
  const retryDelays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  let closed = false;
  let base = '';

  function botFor(token: string): EmulatedViberBot | null {
    if (!TOKEN.test(token) || revoked.has(token)) return null;
    let bot = bots.get(token);
    if (!bot) {
      bot = new EmulatedViberBot(token, bots.size + 1);
      bots.set(token, bot);
    }
    return bot;
  }

  const botByIndex = (index: string) => [...bots.values()].find((b) => String(b.index) === index) ?? null;

  /** One signed callback to a URL, tried again on anything but 2xx; the first answer's status and body. */
  async function callback(bot: EmulatedViberBot, url: string, payload: Record<string, unknown>, retry = true): Promise<{ status: number | null; body: string }> {
    const body = viberJson({ timestamp: Date.now(), chat_hostname: CHAT_HOSTNAME, ...payload });
    let first: { status: number | null; body: string } | null = null;
    for (let attempt = 1; ; attempt++) {
      let status: number | null = null;
      let text = '';
      let error: string | undefined;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-viber-content-signature': sign(body, bot.token) },
          body,
          signal: AbortSignal.timeout(30_000),
        });
        status = res.status;
        text = await res.text().catch(() => '');
        if (!res.ok) error = `webhook answered ${res.status}`;
      } catch (err) {
        error = `connection failed: ${(err as Error).message}`;
      }
      bot.callbacks.push({ event: String(payload.event), status, attempt, ...(error ? { error } : {}) });
      if (bot.callbacks.length > 5000) bot.callbacks.splice(0, 1000);
      first ??= { status, body: text };
      if (!error || !retry || closed || attempt > retryDelays.length) return first;
      await new Promise((r) => setTimeout(r, retryDelays[attempt - 1]).unref());
    }
  }

  function event(bot: EmulatedViberBot, payload: Record<string, unknown>): Promise<{ status: number | null; body: string }> {
    const hook = bot.webhook;
    if (!hook) return Promise.resolve({ status: null, body: '' });
    const name = String(payload.event);
    if (!['message', 'webhook'].includes(name) && !hook.eventTypes.includes(name)) return Promise.resolve({ status: null, body: '' });
    return callback(bot, hook.url, payload);
  }

  /** After a send: the user's device reports (or fails to receive) the message. */
  function report(bot: EmulatedViberBot, entry: ChatEntry, userId: string, failure: string | null): void {
    const mediaUrl = typeof entry.message.media === 'string' ? entry.message.media : null;
    setTimeout(async () => {
      // Viber downloads what a bot sends: a link it cannot fetch fails the message.
      const problem = failure ?? (mediaUrl && !/^https?:\/\//.test(mediaUrl) ? 'media URL is not http(s)' : mediaUrl ? await download(entry, mediaUrl) : null);
      if (problem) {
        entry.status = 'failed';
        return void event(bot, { event: 'failed', message_token: entry.token, user_id: userId, desc: problem });
      }
      if (bot.reports === 'none') return;
      entry.status = 'delivered';
      if (bot.reports === 'reversed') {
        // Seen overtakes delivered: Parley must not move the message back.
        await event(bot, { event: 'seen', message_token: entry.token, user_id: userId });
        entry.status = 'seen';
      }
      await event(bot, { event: 'delivered', message_token: entry.token, user_id: userId });
    }, 20).unref();
  }

  async function download(entry: ChatEntry, url: string): Promise<string | null> {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
      if (!res.ok) return `media download failed: HTTP ${res.status}`;
      const id = `bot-${entry.token}`;
      media.set(id, { data: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type') ?? 'application/octet-stream', name: String(entry.message.file_name ?? 'file') });
      entry.message = { ...entry.message, shown: `${base}/_emulator/media/${id}` };
      return null;
    } catch (err) {
      return `media download failed: ${(err as Error).message}`;
    }
  }

  async function restApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const header = req.headers['x-viber-auth-token'];
    const bot = typeof header === 'string' ? botFor(header) : null;
    const raw = await readBody(req, MAX_BODY);
    if (!bot) return answer(res, { status: 2, status_message: 'invalidAuthToken' });
    let body: Record<string, any>;
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch {
      return answer(res, { status: 3, status_message: 'badData: the body is not JSON' });
    }
    const record: EmulatedViberBot['calls'][number] = { method, body, at: Date.now(), status: 0 };
    bot.calls.push(record);
    if (bot.calls.length > 5000) bot.calls.splice(0, 1000);
    const fault = bot.takeFault(method);
    if (fault?.status) {
      record.status = fault.status;
      return answer(res, { status: fault.status, status_message: STATUS_MESSAGES[fault.status] ?? 'generalError' });
    }
    try {
      const result = await perform(bot, method, body);
      if (fault?.lose) {
        // Carried out, but the answer never arrives: the connection drops.
        record.lost = true;
        return void res.destroy();
      }
      answer(res, { status: 0, status_message: 'ok', ...result });
    } catch (err) {
      if (!(err instanceof ViberStatusError)) throw err;
      record.status = err.status;
      answer(res, { status: err.status, status_message: err.statusMessage });
    }
  }

  async function perform(bot: EmulatedViberBot, method: string, body: Record<string, any>): Promise<Record<string, unknown>> {
    switch (method) {
      case 'set_webhook': {
        if (typeof body.url !== 'string') throw new ViberStatusError(4, 'missingData: url');
        if (body.url === '') {
          bot.webhook = null;
          return {};
        }
        const eventTypes = Array.isArray(body.event_types) ? body.event_types.map(String) : ['delivered', 'seen', 'failed', 'subscribed', 'unsubscribed', 'conversation_started'];
        // Viber checks the URL before it takes it: a signed `webhook` event that must be answered 200.
        const check = await callback(bot, body.url, { event: 'webhook', message_token: newToken() }, false);
        if (check.status !== 200) throw new ViberStatusError(1, `invalidUrl: the webhook answered ${check.status ?? 'nothing'}`);
        bot.webhook = { url: body.url, eventTypes };
        return { chat_hostname: CHAT_HOSTNAME, event_types: eventTypes };
      }
      case 'get_account_info':
        return bot.accountInfo();
      case 'get_user_details':
        return bot.userDetails(body.id);
      case 'get_online':
        return { users: (Array.isArray(body.ids) ? body.ids : []).map((id: unknown) => ({ id, online_status: 0, online_status_message: 'online' })) };
      case 'send_message': {
        if (!bot.webhook) throw new ViberStatusError(10, 'webhookNotSet');
        const entry = bot.send(body);
        const failure = bot.takeFault('deliver');
        report(bot, entry, String(body.receiver), failure ? 'the user’s device did not take the message' : null);
        return { message_token: entry.token, chat_hostname: CHAT_HOSTNAME };
      }
      default:
        throw new ViberStatusError(3, `badData: no method ${method}`);
    }
  }

  function user(bot: EmulatedViberBot, who: ViberEmuUser): UserActions {
    const sendEvent = async (payload: Record<string, unknown>) => {
      const token = String(payload.message_token);
      const { status } = await event(bot, payload);
      return { token, status };
    };
    return {
      async open(context = '') {
        bot.chat(who);
        const { status, body } = await event(bot, { event: 'conversation_started', message_token: newToken(), type: 'open', context, user: who, subscribed: bot.chats.get(who.id)!.subscribed });
        let welcome: Record<string, unknown> | null = null;
        try {
          welcome = body ? JSON.parse(body) : null;
        } catch {
          welcome = null;
        }
        if (welcome) bot.welcome(who, welcome);
        return { status, welcome };
      },
      send(message) {
        const sent = bot.userMessage(who, message);
        return sendEvent({ event: 'message', message_token: sent.token, sender: who, message: sent.message, silent: false });
      },
      subscribe() {
        bot.chat(who).subscribed = true;
        return sendEvent({ event: 'subscribed', message_token: newToken(), user: who });
      },
      unsubscribe() {
        bot.chat(who).subscribed = false;
        return sendEvent({ event: 'unsubscribed', message_token: newToken(), user_id: who.id });
      },
      async read() {
        for (const entry of bot.read(who.id)) {
          entry.status = 'seen';
          await event(bot, { event: 'seen', message_token: entry.token, user_id: who.id });
        }
      },
    };
  }

  /** The user side: the page and the CLI. */
  async function control(req: IncomingMessage, res: ServerResponse, path: string[], query: URLSearchParams): Promise<void> {
    const body = req.method === 'POST' ? await readJson(req, MAX_BODY) : {};
    if (path[0] === 'media' && path[1]) {
      const stored = media.get(path[1]);
      if (!stored) return json(res, 404, { error: 'no such media' });
      res.writeHead(200, { 'content-type': stored.contentType, 'content-length': stored.data.length });
      return void res.end(stored.data);
    }
    if (path[0] === 'bots' && path.length === 1) {
      if (req.method === 'POST') {
        const bot = botFor(String(body.token ?? `${randomBytes(8).toString('hex')}-${randomBytes(8).toString('hex')}-${randomBytes(8).toString('hex')}`));
        return bot ? json(res, 201, describe(bot)) : json(res, 400, { error: 'not a Viber auth token' });
      }
      return json(res, 200, [...bots.values()].map(describe));
    }
    const bot = path[0] === 'bots' ? botByIndex(path[1] ?? '') : null;
    if (!bot) return json(res, 404, { error: 'no such bot: it appears once Parley (or anyone) calls the API with its token' });
    const [, , section, userId, action] = path;
    if (section === 'calls') return json(res, 200, bot.calls.slice(-200));
    if (section === 'callbacks') return json(res, 200, bot.callbacks.slice(-200));
    if (section === 'fail' && req.method === 'POST') {
      bot.fail({ method: String(body.method ?? 'send_message'), ...(body.lose ? { lose: true } : { status: Number(body.status ?? 12) }), times: Number(body.times ?? 1) });
      return json(res, 200, { ok: true });
    }
    if (section === 'reports' && req.method === 'POST') {
      if (!['in-order', 'reversed', 'none'].includes(body.mode)) return json(res, 400, { error: 'mode is in-order, reversed or none' });
      bot.reports = body.mode;
      return json(res, 200, { mode: bot.reports });
    }
    if (section !== 'users' || !userId || userId.length > 64) return json(res, 404, { error: 'unknown emulator route' });
    const known = bot.chats.get(userId)?.user;
    const who: ViberEmuUser = { id: userId, name: 'Viber user', language: 'en', country: 'RU', api_version: 10, ...known, ...pickUser(body.user) };
    const acts = user(bot, who);
    if (!action || action === 'chat') {
      if (query.get('read') === '1') await acts.read();
      const chat = bot.chats.get(userId);
      return json(res, 200, { user: chat?.user ?? who, subscribed: !!chat?.subscribed, entries: chat?.entries ?? [], webhook: !!bot.webhook });
    }
    if (req.method !== 'POST') return json(res, 405, { error: 'POST' });
    if (!bot.webhook) return json(res, 409, { error: 'the bot has no webhook yet: create a Viber inbox in Parley' });
    if (action === 'open') return json(res, 200, await acts.open(typeof body.context === 'string' ? body.context.slice(0, 200) : ''));
    if (action === 'subscribe') return json(res, 200, await acts.subscribe());
    if (action === 'unsubscribe') return json(res, 200, await acts.unsubscribe());
    if (action === 'send') {
      const message = toMessage(body, who);
      if (!message) return json(res, 400, { error: 'nothing to send: give text, a file, a location, a contact or a sticker' });
      return json(res, 200, await acts.send(message));
    }
    return json(res, 404, { error: 'unknown emulator route' });
  }

  /** The page and CLI send `{text}`, `{file: {name, contentType, base64}, caption?}`, `{location}`, `{contact}`, `{sticker}`. */
  function toMessage(body: Record<string, any>, who: ViberEmuUser): Record<string, unknown> | null {
    if (body.file && typeof body.file.base64 === 'string') {
      const id = randomBytes(12).toString('hex');
      const data = Buffer.from(body.file.base64, 'base64');
      const contentType = String(body.file.contentType ?? 'application/octet-stream');
      const name = String(body.file.name ?? 'file').slice(0, 200);
      media.set(id, { data, contentType, name });
      const url = `${base}/_emulator/media/${id}`;
      if (/^image\/(jpeg|png)$/.test(contentType)) return { type: 'picture', media: url, thumbnail: url, text: String(body.caption ?? ''), file_name: name };
      if (/^video\/(mp4|x-m4v|3gpp|quicktime)$/.test(contentType)) return { type: 'video', media: url, size: data.length, duration: 1 };
      return { type: 'file', media: url, file_name: name, size: data.length };
    }
    if (body.location) return { type: 'location', location: { lat: Number(body.location.lat), lon: Number(body.location.lon) } };
    if (body.contact) {
      // "Share my phone": a card of the user's own profile; otherwise a card from the address book.
      const own = body.contact.own !== false;
      return { type: 'contact', contact: { name: own ? who.name : String(body.contact.name ?? 'Contact'), phone_number: String(body.contact.phone_number ?? '').replace(/^\+/, ''), ...(own && who.avatar ? { avatar: who.avatar } : {}) } };
    }
    if (body.sticker) {
      const id = Number(body.sticker) || 40133;
      const pngId = `sticker-${id}`;
      if (!media.has(pngId)) media.set(pngId, { data: STICKER_PNG, contentType: 'image/png', name: `${pngId}.png` });
      return { type: 'sticker', sticker_id: id, media: `${base}/_emulator/media/${pngId}` };
    }
    if (typeof body.text === 'string' && body.text.trim()) return { type: 'text', text: body.text };
    return null;
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const handle = async () => {
      const rest = /^\/pa\/([a-z_]+)$/.exec(url.pathname);
      if (rest && req.method === 'POST') return restApi(req, res, rest[1]);
      if (url.pathname.startsWith('/_emulator/')) return control(req, res, url.pathname.slice('/_emulator/'.length).split('/').filter(Boolean).map(decodeURIComponent), url.searchParams);
      if (url.pathname === '/' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        return void res.end(VIBER_EMULATOR_PAGE);
      }
      json(res, 404, { error: 'Not Found' });
    };
    handle().catch((err) => {
      if (!res.headersSent) json(res, err?.status ?? 500, { error: String(err?.message ?? err) });
      else res.destroy();
    });
  });
  base = await listen(server, options);
  return {
    name: 'viber',
    // Where an inbox's apiBaseUrl points (Viber's is https://chatapi.viber.com/pa).
    url: `${base}/pa`,
    bot(token) {
      const bot = botFor(token);
      if (!bot) throw new Error(`not a usable token: ${token}`);
      return bot;
    },
    revoke(token) {
      revoked.add(token);
      bots.delete(token);
    },
    user,
    async close() {
      closed = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function describe(bot: EmulatedViberBot) {
  return {
    index: bot.index, id: bot.id, name: bot.name, uri: bot.uri, webhookUrl: bot.webhook?.url ?? null, reports: bot.reports,
    chats: [...bot.chats.values()].map((c) => ({ userId: c.user.id, name: c.user.name, subscribed: c.subscribed, messages: c.entries.length })),
  };
}

function pickUser(raw: unknown): Partial<ViberEmuUser> {
  if (!raw || typeof raw !== 'object') return {};
  const u = raw as Record<string, unknown>;
  const str = (v: unknown, max: number) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);
  return Object.fromEntries(Object.entries({ name: str(u.name, 64), language: str(u.language, 16), avatar: str(u.avatar, 500) }).filter(([, v]) => v)) as Partial<ViberEmuUser>;
}

/** A 1×1 transparent PNG: what a sticker's `media` serves here. */
const STICKER_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function answer(res: ServerResponse, body: Record<string, unknown>): void {
  const text = viberJson(body);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
