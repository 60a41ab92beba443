import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listen, readBody, readJson, settle } from '../kit/http-kit';
import type { EmulatorFactory, EmulatorOptions, RunningEmulator } from '../emulator';
import { parseMultipart } from '../telegram/multipart-form';
import { EmulatedCommunity, VkApiError, type CallbackServer, type VkEvent } from './vk-community';
import { VK_PAGE } from './vk-page';

/** A community token as VK issues them (`vk1.a.…`), or any 20+ URL-safe characters. */
const TOKEN = /^[A-Za-z0-9._-]{20,}$/;
const MAX_BODY = 60 * 1024 * 1024;
/** VK re-sends an event that was not answered "ok" (a few times, spaced out). */
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000];
const MAX_WAIT_SECONDS = 90;

export interface RunningVkEmulator extends RunningEmulator {
  /** The community behind a token (made on first use, like any valid token) or an existing one's id. */
  community(tokenOrId: string | number): EmulatedCommunity;
}

/**
 * A stand-in for VK's community messaging: API methods at `/method/<name>` (access_token + v, VK's
 * `{response}` / `{error}` envelopes), the Callback API (the confirmation request before the first
 * event, the secret in every event, re-sent until answered "ok"), a Bots Long Poll server
 * (`/lp/<group>?act=a_check`), upload servers and files; plus `/_emulator/*` and a page at `/` to
 * write to the community as a VK user.
 */
export const startVkEmulator: EmulatorFactory = async (options) => startVk(options);

export async function startVk(options: EmulatorOptions): Promise<RunningVkEmulator> {
  const communities = new Map<string, EmulatedCommunity>();
  const waiting = new Map<EmulatedCommunity, Set<() => void>>();
  const peerQueues = new Map<string, Promise<unknown>>();
  let base = '';
  let closed = false;

  function byToken(token: string): EmulatedCommunity | null {
    if (!TOKEN.test(token)) return null;
    let c = communities.get(token);
    if (!c) {
      c = new EmulatedCommunity(token);
      const community = c;
      c.onEvent = (event) => dispatch(community, event);
      communities.set(token, c);
    }
    return c;
  }
  const byId = (id: string | number) => [...communities.values()].find((c) => String(c.id) === String(id)) ?? null;

  /** A new event: into the Long Poll history, and to each Callback API server (one dialog at a time). */
  function dispatch(c: EmulatedCommunity, event: VkEvent): Promise<number | null> {
    if (c.longPoll.enabled) {
      c.longPoll.events.push(event);
      for (const wake of waiting.get(c) ?? []) wake();
    }
    const servers = c.servers.filter((s) => s.events.has(event.type));
    if (servers.length === 0) return Promise.resolve(null);
    const peer = `${c.id}:${event.object.message?.peer_id ?? event.object.peer_id ?? event.object.user_id ?? 'x'}`;
    const mine = (peerQueues.get(peer) ?? Promise.resolve()).then(() => Promise.all(servers.map((s) => deliver(c, s, event)))).then((statuses) => statuses[0]);
    const tail = mine.catch(() => undefined);
    peerQueues.set(peer, tail);
    void tail.then(() => peerQueues.get(peer) === tail && peerQueues.delete(peer));
    return mine;
  }

  async function post(url: string, body: unknown): Promise<{ status: number | null; text: string }> {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(25_000) });
      return { status: res.status, text: (await res.text()).slice(0, 200) };
    } catch (err) {
      return { status: null, text: `connection failed: ${(err as Error).message}` };
    }
  }

  async function deliver(c: EmulatedCommunity, server: CallbackServer, event: VkEvent): Promise<number | null> {
    for (let attempt = 1; ; attempt++) {
      if (!server.confirmed) {
        const answer = await post(server.url, { type: 'confirmation', group_id: c.id, secret: server.secretKey });
        server.confirmed = answer.status === 200 && answer.text.trim() === c.confirmationCode;
        c.deliveries.push({ eventId: 'confirmation', type: 'confirmation', url: server.url, status: answer.status, body: answer.text, attempt });
      }
      let status: number | null = null;
      if (server.confirmed) {
        const answer = await post(server.url, { ...event, secret: server.secretKey });
        status = answer.status;
        c.deliveries.push({ eventId: event.event_id, type: event.type, url: server.url, status, body: answer.text, attempt });
        if (status === 200 && answer.text === 'ok') return status;
      }
      if (closed || attempt > RETRY_DELAYS_MS.length) return status;
      await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt - 1]).unref());
    }
  }

  /** `a_check`: the events from `ts` on, waiting up to `wait` seconds for one. */
  async function longPoll(c: EmulatedCommunity, q: URLSearchParams, res: ServerResponse): Promise<unknown> {
    if (q.get('key') !== c.longPoll.key) return { failed: 2 };
    const ts = Number(q.get('ts'));
    const lp = c.longPoll;
    const head = lp.firstTs + lp.events.length;
    if (!Number.isSafeInteger(ts) || ts > head) return { failed: 1, ts: String(head) };
    if (ts < lp.firstTs) return { failed: 3 };
    const wait = Math.min(MAX_WAIT_SECONDS, Math.max(0, Number(q.get('wait') ?? 25)));
    if (ts === head && wait > 0 && !closed) {
      await new Promise<void>((resolve) => {
        const set = waiting.get(c) ?? new Set();
        waiting.set(c, set);
        const done = () => {
          clearTimeout(timer);
          set.delete(done);
          res.off('close', done);
          resolve();
        };
        const timer = setTimeout(done, wait * 1000);
        res.on('close', done);
        set.add(done);
      });
    }
    const updates = lp.events.slice(ts - lp.firstTs);
    return { ts: String(ts + updates.length), updates };
  }

  async function method(req: IncomingMessage, res: ServerResponse, name: string, url: URL): Promise<void> {
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    const body = await readBody(req, MAX_BODY);
    const type = String(req.headers['content-type'] ?? '');
    if (body.length && type.startsWith('application/x-www-form-urlencoded')) Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))));
    else if (body.length && type.startsWith('application/json')) Object.assign(params, JSON.parse(body.toString('utf8')));
    const c = byToken(String(params.access_token ?? ''));
    const requestParams = Object.entries(params).filter(([k]) => k !== 'access_token').map(([key, value]) => ({ key, value: String(value) }));
    if (!c) return answer(res, 200, { error: { error_code: 5, error_msg: 'User authorization failed: invalid access_token (4).', request_params: requestParams } });
    if (!params.v) return answer(res, 200, { error: { error_code: 8, error_msg: 'Invalid request: v (version) is required', request_params: requestParams } });
    const { access_token: _, ...shown } = params;
    const record: { method: string; params: Record<string, string>; at: number; error?: number } = { method: name, params: shown, at: Date.now() };
    c.calls.push(record);
    if (c.calls.length > 5000) c.calls.splice(0, 1000);
    const failure = c.takeFailure(name);
    try {
      if (failure && !failure.dropAnswer) throw new VkApiError(failure.code, failure.message);
      const response = c.call(name, params, base);
      // The work is done, the answer lost on the way (a timeout, a reset): what a retry must survive.
      if (failure?.dropAnswer) return void res.destroy();
      answer(res, 200, { response });
    } catch (err) {
      if (!(err instanceof VkApiError)) throw err;
      record.error = err.code;
      answer(res, 200, { error: { error_code: err.code, error_msg: err.message, request_params: requestParams } });
    }
  }

  /** The user side: what the page and the CLI call. */
  async function control(req: IncomingMessage, res: ServerResponse, path: string[]): Promise<void> {
    const body = req.method === 'POST' ? await readJson(req, MAX_BODY) : {};
    if (path[0] === 'communities' && path.length === 1) {
      if (req.method === 'POST') {
        const c = byToken(String(body.token ?? ''));
        return c ? answer(res, 201, describe(c)) : answer(res, 400, { error: 'not a community token' });
      }
      return answer(res, 200, [...communities.values()].map(describe));
    }
    const c = path[0] === 'communities' ? byId(path[1]) : null;
    if (!c) return answer(res, 404, { error: 'no such community: it appears once Parley (or anyone) calls the API with its token' });
    const [, , section, userId, action] = path;
    if (section === 'calls') return answer(res, 200, c.calls.slice(-200));
    if (section === 'deliveries') return answer(res, 200, c.deliveries.slice(-200));
    if (section === 'fail' && req.method === 'POST') {
      c.failNext(String(body.method ?? 'messages.send'), Number(body.error_code ?? 6), String(body.error_msg ?? 'Too many requests per second'), { times: Number(body.times ?? 1), dropAnswer: !!body.dropAnswer });
      return answer(res, 200, { ok: true });
    }
    if (section !== 'users' || !/^\d{1,12}$/.test(userId ?? '')) return answer(res, 404, { error: 'unknown emulator route' });
    const user = c.user(Number(userId), typeof body.user === 'object' && body.user ? body.user : undefined);
    try {
      if (!action || action === 'chat') return answer(res, 200, { user, community: { id: c.id, name: c.name }, messages: c.dialog(user.id) });
      if (req.method !== 'POST') return answer(res, 405, { error: 'POST' });
      const files = body.file && typeof body.file.base64 === 'string'
        ? [{ data: Buffer.from(body.file.base64, 'base64'), contentType: String(body.file.contentType || 'application/octet-stream'), fileName: String(body.file.name || 'file') }]
        : [];
      if (action === 'send') {
        if (!body.text && files.length === 0) return answer(res, 400, { error: 'nothing to send: give text or a file' });
        const sent = c.userSends(user, { text: typeof body.text === 'string' ? body.text : '', files, replyTo: body.replyTo ? Number(body.replyTo) : undefined }, base);
        return answer(res, 200, { event: sent.event, deliveredStatus: await settle(sent.delivered) });
      }
      if (action === 'edit') {
        const sent = c.userEdits(user, Number(body.message_id), String(body.text ?? ''));
        return answer(res, 200, { event: sent.event, deliveredStatus: await settle(sent.delivered) });
      }
      if (action === 'press') {
        const sent = c.userPresses(user, Number(body.message_id), String(body.payload ?? ''));
        return answer(res, 200, { event: sent.event, deliveredStatus: await settle(sent.delivered) });
      }
      if (action === 'allow') {
        const sent = c.setAllowed(user, body.allowed !== false);
        return answer(res, 200, { allowed: user.allowed, deliveredStatus: await settle(sent.delivered) });
      }
      if (action === 'admin-reply') {
        const sent = c.adminReplies(user.id, String(body.text ?? ''));
        return answer(res, 200, { message: sent.message, deliveredStatus: await settle(sent.delivered) });
      }
    } catch (err) {
      if (err instanceof VkApiError) return answer(res, 400, { error: err.message });
      throw err;
    }
    return answer(res, 404, { error: 'unknown emulator route' });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const path = url.pathname;
    const handle = async () => {
      const api = /^\/method\/([A-Za-z]+\.[A-Za-z]+)$/.exec(path);
      if (api) return method(req, res, api[1], url);
      const lp = /^\/lp\/(\d+)$/.exec(path);
      if (lp) {
        const c = byId(lp[1]);
        if (!c || url.searchParams.get('act') !== 'a_check') return answer(res, 404, { failed: 2 });
        return answer(res, 200, await longPoll(c, url.searchParams, res));
      }
      const upload = /^\/upload\/(\d+)\/(photo|doc)$/.exec(path);
      if (upload && req.method === 'POST') {
        const c = byId(upload[1]);
        const part = c ? parseMultipart(await readBody(req, MAX_BODY), String(req.headers['content-type'] ?? '')).find((p) => p.fileName !== null) : undefined;
        if (!c || !part) return answer(res, 200, { error: 'ERR_UPLOAD_FILE_NOT_FOUND' });
        const file = c.saveFile(part.data, part.contentType ?? 'application/octet-stream', part.fileName ?? 'file');
        return answer(res, 200, c.uploadAnswer(upload[2] as 'photo' | 'doc', file));
      }
      const file = /^\/files\/([\w-]+)$/.exec(path);
      if (file && req.method === 'GET') {
        const stored = [...communities.values()].map((c) => c.files.get(file[1])).find(Boolean);
        if (!stored) return answer(res, 404, { error: 'Not Found' });
        res.writeHead(200, { 'content-type': stored.contentType, 'content-length': stored.data.length });
        return void res.end(stored.data);
      }
      if (path.startsWith('/_emulator/')) return control(req, res, path.slice('/_emulator/'.length).split('/').filter(Boolean).map(decodeURIComponent));
      if (path === '/' && req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        return void res.end(VK_PAGE);
      }
      answer(res, 404, { error: 'Not Found' });
    };
    handle().catch((err) => {
      if (!res.headersSent) answer(res, err?.status ?? 500, { error: String(err?.message ?? err) });
      else res.destroy();
    });
  });
  base = await listen(server, options);
  return {
    name: 'vk',
    // The page (what the demo links and the banner show); the API is at `${url}/method`.
    url: base,
    community(tokenOrId) {
      const c = typeof tokenOrId === 'string' && !/^\d+$/.test(tokenOrId) ? byToken(tokenOrId) : byId(tokenOrId);
      if (!c) throw new Error(`no community ${tokenOrId}`);
      return c;
    },
    async close() {
      closed = true;
      for (const set of waiting.values()) for (const wake of set) wake();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function describe(c: EmulatedCommunity) {
  return {
    id: c.id,
    name: c.name,
    callbackServers: c.servers.map((s) => ({ id: s.id, url: s.url, confirmed: s.confirmed, events: [...s.events] })),
    longPoll: c.longPoll.enabled,
    users: [...c.users.values()].map((u) => ({ id: u.id, name: `${u.first_name} ${u.last_name}`.trim(), allowed: u.allowed, messages: c.dialog(u.id).length })),
  };
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
