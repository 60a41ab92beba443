import { createHmac, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorOptions, RunningEmulator } from '../emulator';
import { META_EMULATOR_PAGE } from './meta-emulator-page';

/**
 * A stand-in for Meta's Messenger Platform and Messenger API for Instagram, enough for Parley's
 * adapters and the demo:
 * - Graph API (`/{version}/…`, Page access token as bearer or `access_token`): the Page and Instagram
 *   account, user profiles, `POST /{page-id}/messages` (the Send API, with the 24-hour window and the
 *   HUMAN_AGENT tag enforced: error 10/2018278), `POST /{page-id}/subscribed_apps`,
 *   `POST /{app-id}/subscriptions` (app token `app-id|app-secret`: the callback URL, checked with a
 *   hub.challenge GET before it is taken), `GET /{page-id}/conversations` (what the Page sent);
 * - webhooks signed with X-Hub-Signature-256, retried while Parley does not answer 200; after each
 *   send an echo, a delivery and a read event (in that order, or read first with `outOfOrder`);
 * - customers writing from "their phone": `sendInbound()`, `POST /_emulator/inbound`, the page at `/`.
 *
 * Webhooks go to `parleyUrl` with the callback URL's path (as a reverse proxy would), so PUBLIC_URL
 * may name a host that does not resolve here.
 */

export type MetaChannel = 'messenger' | 'instagram';

/** The demo's app and Page (apps/api/src/inboxes/demo-inboxes.ts names the same). */
export const META_DEMO = {
  appId: '900000000000001',
  appSecret: 'parley-demo-meta-app-secret',
  pageId: '100000000000001',
  pageName: 'Demo Shop',
  pageAccessToken: 'EAAParleyDemoPageAccessToken0001',
  instagramAccountId: '178400000000001',
  instagramUsername: 'demo.shop',
} as const;

/** Meta Business Suite's app id: the echoes of what a person wrote in the Page's own inbox carry it. */
export const PAGE_INBOX_APP_ID = 263902037430900;
const WINDOW_MS = 24 * 3600 * 1000;
const HUMAN_AGENT_MS = 7 * 24 * 3600 * 1000;

interface App { id: string; secret: string; subscriptions: Map<'page' | 'instagram', { callbackUrl: string; verifyToken: string }> }
interface Page { id: string; name: string; token: string; appId: string; subscribed: boolean; igId: string; igUsername: string }
interface User { id: string; name: string; businessId: string; channel: MetaChannel; lastInboundAt: number; phone: string; email: string }

export interface EmulatedMetaMessage {
  mid: string;
  channel: MetaChannel;
  businessId: string;
  userId: string;
  direction: 'in' | 'out';
  text: string;
  attachments: { type: string; url: string }[];
  quickReplies: { title: string; payload: string }[];
  metadata: string | null;
  tag: string | null;
  /** out: sent → delivered → read. */
  status: string;
  createdAt: number;
  reactions: string[];
}

export interface MetaInboundInput {
  channel: MetaChannel;
  /** The Page (Messenger) or Instagram account written to; the first connected one when unset. */
  businessId?: string;
  /** The customer's name (a new customer gets an id) or their id. */
  from: string;
  text?: string;
  quickReply?: { title: string; payload: string };
  replyTo?: string;
  media?: { contentType: string; data: Buffer; fileName?: string }[];
  /** Sign with this secret instead of the app's (a forged request), or send no signature at all. */
  signWith?: string | null;
}

export interface MetaDelivery { status: number; body: string; attempts: number }

export interface MetaEmulatorOptions extends EmulatorOptions {
  /** Pause between the echo, delivery and read events of a send. */
  statusStepMs?: number;
  /** Pause before a webhook Parley did not take (non-200, no answer) is sent again; `retries` times. */
  retryDelayMs?: number;
  retries?: number;
}

export class MetaEmulator implements RunningEmulator {
  readonly name = 'meta';
  url = '';
  parleyUrl: string;
  readonly apps = new Map<string, App>();
  readonly pages = new Map<string, Page>();
  readonly users = new Map<string, User>();
  readonly messages = new Map<string, EmulatedMetaMessage>();
  /** Every webhook request made, with Parley's answers (tests count retries and refusals here). */
  readonly webhooks: { object: string; body: string; statuses: number[] }[] = [];
  /** Read events sent before delivery ones (providers report out of order). */
  outOfOrder = false;
  private readonly media = new Map<string, { contentType: string; data: Buffer }>();
  private readonly inboundPayloads = new Map<string, { object: 'page' | 'instagram'; businessId: string; event: unknown; signWith?: string | null }>();
  private readonly faults: { status: number; code: number; subcode?: number; message: string }[] = [];
  private lostAnswers = 0;
  private droppedSends = 0;
  private eventsMuted = false;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly server: Server;
  private readonly statusStepMs: number;
  private readonly retryDelayMs: number;
  private readonly retries: number;
  private seq = 0;

  constructor(options: MetaEmulatorOptions) {
    this.parleyUrl = options.parleyUrl;
    this.statusStepMs = options.statusStepMs ?? 300;
    this.retryDelayMs = options.retryDelayMs ?? 2000;
    this.retries = options.retries ?? 4;
    this.addApp(META_DEMO.appId, META_DEMO.appSecret);
    this.addPage({ appId: META_DEMO.appId, pageId: META_DEMO.pageId, name: META_DEMO.pageName, token: META_DEMO.pageAccessToken, igId: META_DEMO.instagramAccountId, igUsername: META_DEMO.instagramUsername });
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err) => graphError(res, 500, 2, String(err?.message ?? err)));
    });
  }

  async listen(host: string, port: number): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    this.url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
    return this;
  }

  async close(): Promise<void> {
    await this.settled();
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves once every scheduled webhook (events, retries) has been sent. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  addApp(id = this.digits(15), secret = randomBytes(16).toString('hex')): { appId: string; appSecret: string } {
    this.apps.set(id, { id, secret, subscriptions: new Map() });
    return { appId: id, appSecret: secret };
  }

  /** A Page (and its Instagram account) of an app, with a Page access token for that app. */
  addPage(input: { appId: string; pageId?: string; name?: string; token?: string; igId?: string; igUsername?: string }): { pageId: string; pageAccessToken: string; instagramAccountId: string } {
    const page: Page = {
      id: input.pageId ?? this.digits(15), name: input.name ?? 'Test Page', token: input.token ?? `EAA${randomBytes(24).toString('hex')}`,
      appId: input.appId, subscribed: false, igId: input.igId ?? this.digits(15), igUsername: input.igUsername ?? 'test.page',
    };
    this.pages.set(page.id, page);
    return { pageId: page.id, pageAccessToken: page.token, instagramAccountId: page.igId };
  }

  /** What the App Dashboard's Webhooks page does: checks the callback with a hub.challenge, then keeps it. */
  async subscribe(appId: string, object: 'page' | 'instagram', callbackUrl: string, verifyToken: string): Promise<void> {
    const app = this.apps.get(appId);
    if (!app) throw new EmulatorError(404, `Unknown app ${appId}`);
    const challenge = String(Math.floor(Math.random() * 1e9));
    const url = new URL(callbackUrl);
    url.searchParams.set('hub.mode', 'subscribe');
    url.searchParams.set('hub.verify_token', verifyToken);
    url.searchParams.set('hub.challenge', challenge);
    const res = await fetch(this.target(url.toString())).catch(() => null);
    const body = res ? await res.text() : '';
    if (!res || res.status !== 200 || body !== challenge) {
      throw new EmulatorError(400, `The URL couldn't be validated. Response does not match challenge, expected value="${challenge}", received="${body.slice(0, 100)}"`, 2200);
    }
    app.subscriptions.set(object, { callbackUrl, verifyToken });
  }

  loseNextAnswers(count: number): void { this.lostAnswers += count; }
  dropNextSends(count: number): void { this.droppedSends += count; }
  /** The next `count` sends answer Meta's error (defaults: a 500 "unknown error"). */
  failNextSends(count: number, error: { status?: number; code?: number; subcode?: number; message?: string } = {}): void {
    for (let i = 0; i < count; i++) this.faults.push({ status: error.status ?? 500, code: error.code ?? 1, subcode: error.subcode, message: error.message ?? 'An unknown error occurred' });
  }
  /** Echo, delivery and read events stop reaching Parley (lost), while the statuses still move here. */
  muteEvents(muted = true): void { this.eventsMuted = muted; }

  /** The customer last wrote `hours` ago (tests of the messaging window). */
  ageConversation(userId: string, hours: number): void {
    const user = this.users.get(userId);
    if (!user) throw new EmulatorError(404, `Unknown user ${userId}`);
    user.lastInboundAt = Date.now() - hours * 3600 * 1000;
  }

  list(filter: { userId?: string; direction?: 'in' | 'out' } = {}): EmulatedMetaMessage[] {
    return [...this.messages.values()].filter((m) => (!filter.userId || m.userId === filter.userId) && (!filter.direction || m.direction === filter.direction));
  }

  /** A customer's message to the Page or the Instagram account, delivered to the app's webhook, signed. */
  async sendInbound(input: MetaInboundInput): Promise<{ mid: string; userId: string } & MetaDelivery> {
    const page = this.pageFor(input.channel, input.businessId);
    const businessId = input.channel === 'instagram' ? page.igId : page.id;
    const user = this.userFor(input.channel, businessId, input.from);
    user.lastInboundAt = Date.now();
    const mid = this.mid();
    const attachments = (input.media ?? []).map((m) => {
      const id = randomBytes(12).toString('hex');
      this.media.set(id, { contentType: m.contentType, data: m.data });
      return { type: kindOf(m.contentType), url: `${this.url}/_emulator/cdn/${id}` };
    });
    const text = input.quickReply?.title ?? input.text ?? '';
    this.messages.set(mid, {
      mid, channel: input.channel, businessId, userId: user.id, direction: 'in', text, attachments, quickReplies: [], metadata: null, tag: null,
      status: 'received', createdAt: Date.now(), reactions: [],
    });
    const message: Record<string, unknown> = { mid, ...(text ? { text } : {}) };
    if (attachments.length) message.attachments = attachments.map((a) => ({ type: a.type, payload: { url: a.url } }));
    if (input.quickReply) message.quick_reply = { payload: input.quickReply.payload };
    if (input.replyTo) message.reply_to = { mid: input.replyTo };
    const event = { sender: { id: user.id }, recipient: { id: businessId }, timestamp: Date.now(), message };
    const object = input.channel === 'instagram' ? 'instagram' : 'page';
    this.inboundPayloads.set(mid, { object, businessId, event, signWith: input.signWith });
    const answer = await this.deliver(object, page, businessId, event, { signWith: input.signWith, retry: false });
    return { mid, userId: user.id, ...answer };
  }

  /** Sends a customer's message webhook again, as Meta does when it got no 200. */
  async redeliver(mid: string): Promise<MetaDelivery> {
    const sent = this.inboundPayloads.get(mid);
    if (!sent) throw new EmulatorError(404, `No inbound message ${mid}`);
    return this.deliver(sent.object, this.pageOf(sent.businessId), sent.businessId, sent.event, { signWith: sent.signWith, retry: false });
  }

  /** The customer reacts to one of the Page's messages. */
  async react(mid: string, emoji = '❤️'): Promise<MetaDelivery> {
    const target = this.messages.get(mid);
    if (!target) throw new EmulatorError(404, `No message ${mid}`);
    target.reactions.push(emoji);
    const event = { sender: { id: target.userId }, recipient: { id: target.businessId }, timestamp: Date.now(), reaction: { mid, action: 'react', reaction: 'love', emoji } };
    return this.deliver(target.channel === 'instagram' ? 'instagram' : 'page', this.pageOf(target.businessId), target.businessId, event, { retry: false });
  }

  /** A person answers in the Page's own inbox (Meta Business Suite): Parley learns of it by the echo. */
  async replyFromPageInbox(userId: string, text: string): Promise<{ mid: string } & MetaDelivery> {
    const user = this.users.get(userId);
    if (!user) throw new EmulatorError(404, `Unknown user ${userId}`);
    const mid = this.mid();
    this.messages.set(mid, {
      mid, channel: user.channel, businessId: user.businessId, userId, direction: 'out', text, attachments: [], quickReplies: [], metadata: null, tag: null,
      status: 'sent', createdAt: Date.now(), reactions: [],
    });
    const event = { sender: { id: user.businessId }, recipient: { id: userId }, timestamp: Date.now(), message: { mid, is_echo: true, app_id: PAGE_INBOX_APP_ID, text } };
    const answer = await this.deliver(user.channel === 'instagram' ? 'instagram' : 'page', this.pageOf(user.businessId), user.businessId, event, { retry: false });
    return { mid, ...answer };
  }

  /** Posts one webhook (an entry with one messaging event), retried while Parley does not take it. */
  private async deliver(object: 'page' | 'instagram', page: Page, businessId: string, event: unknown, options: { signWith?: string | null; retry: boolean }): Promise<MetaDelivery> {
    const app = this.apps.get(page.appId);
    const subscription = app?.subscriptions.get(object);
    if (!app || !subscription || !page.subscribed) throw new EmulatorError(404, `No webhook is subscribed for ${object} ${businessId}: create a Parley inbox for it first`);
    const body = JSON.stringify({ object, entry: [{ id: businessId, time: Date.now(), messaging: [event] }] });
    const secret = options.signWith === undefined ? app.secret : options.signWith;
    const record = { object, body, statuses: [] as number[] };
    this.webhooks.push(record);
    let last = { status: 0, body: '' };
    for (let attempt = 1; attempt <= (options.retry ? this.retries + 1 : 1); attempt++) {
      if (attempt > 1) await sleep(this.retryDelayMs);
      last = await fetch(this.target(subscription.callbackUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'facebookexternalua',
          ...(secret !== null ? { 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` } : {}),
        },
        body,
      }).then(async (res) => ({ status: res.status, body: await res.text() }), () => ({ status: 0, body: '' }));
      record.statuses.push(last.status);
      if (last.status === 200) break;
    }
    return { ...last, attempts: record.statuses.length };
  }

  /** The callback URL's path and query on Parley's real address. */
  private target(callbackUrl: string): string {
    const signed = new URL(callbackUrl);
    return this.parleyUrl ? new URL(signed.pathname + signed.search, this.parleyUrl).toString() : callbackUrl;
  }

  private track(work: Promise<unknown>): void {
    const p = work.catch(() => undefined).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** After a send: the echo, then delivered and read (Instagram: seen by mid), each a webhook retried until taken. */
  private afterSend(page: Page, message: EmulatedMetaMessage): void {
    const object = message.channel === 'instagram' ? 'instagram' : 'page';
    const app = this.apps.get(page.appId);
    const at = message.createdAt;
    const echo = { sender: { id: message.businessId }, recipient: { id: message.userId }, timestamp: at, message: {
      mid: message.mid, is_echo: true, app_id: Number(app?.id ?? 0), ...(message.metadata ? { metadata: message.metadata } : {}), ...(message.text ? { text: message.text } : {}),
      ...(message.attachments.length ? { attachments: message.attachments.map((a) => ({ type: a.type, payload: { url: a.url } })) } : {}),
    } };
    const from = { sender: { id: message.userId }, recipient: { id: message.businessId } };
    const delivery = { ...from, timestamp: at + 1, delivery: { mids: [message.mid], watermark: at } };
    const read = message.channel === 'instagram' ? { ...from, timestamp: at + 2, read: { mid: message.mid } } : { ...from, timestamp: at + 2, read: { watermark: at } };
    const steps: [unknown, string | null][] = message.channel === 'instagram'
      ? [[echo, null], [read, 'read']]
      : this.outOfOrder ? [[echo, null], [read, 'read'], [delivery, 'delivered']] : [[echo, null], [delivery, 'delivered'], [read, 'read']];
    this.track((async () => {
      for (const [event, status] of steps) {
        await sleep(this.statusStepMs);
        if (status && RANK[status] > RANK[message.status]) message.status = status;
        if (!this.eventsMuted) await this.deliver(object, page, message.businessId, event, { retry: true }).catch(() => undefined);
      }
    })());
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const path = url.pathname;
    if (req.method === 'GET' && (path === '/' || path === '/index.html')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(META_EMULATOR_PAGE);
    }
    if (path.startsWith('/_emulator/')) return this.control(req, res, path, url);
    const m = /^\/v\d+\.\d+\/([^/]+)(?:\/([a-z_]+))?\/?$/.exec(path);
    if (!m) return graphError(res, 404, 803, `Unknown path components: ${path}`);
    const token = (req.headers.authorization ?? '').replace(/^Bearer\s+/i, '') || url.searchParams.get('access_token') || '';
    const [, node, edge] = m;
    const body = req.method === 'POST' ? await readJson(req) : {};
    if (edge === 'subscriptions' && req.method === 'POST') {
      const app = this.apps.get(node);
      if (!app || token !== `${app.id}|${app.secret}`) return graphError(res, 400, 190, 'Invalid OAuth access token - Cannot parse access token');
      const object = body.object === 'instagram' ? 'instagram' : body.object === 'page' ? 'page' : null;
      if (!object || typeof body.callback_url !== 'string' || typeof body.verify_token !== 'string') return graphError(res, 400, 100, '(#100) object, callback_url and verify_token are required');
      try {
        await this.subscribe(app.id, object, body.callback_url, body.verify_token);
      } catch (err) {
        return graphError(res, 400, err.code ?? 2200, err.message);
      }
      return json(res, 200, { success: true });
    }
    const page = [...this.pages.values()].find((p) => p.token === token);
    if (!page) return graphError(res, 400, 190, 'Invalid OAuth access token - Cannot parse access token');
    const pageNode = node === 'me' ? page.id : node;
    if (edge === 'messages' && req.method === 'POST') {
      if (pageNode !== page.id) return graphError(res, 400, 200, '(#200) The Page access token does not belong to this Page');
      return this.send(req, res, page, body);
    }
    if (edge === 'subscribed_apps' && req.method === 'POST') {
      if (pageNode !== page.id) return graphError(res, 400, 200, '(#200) Permissions error');
      page.subscribed = true;
      return json(res, 200, { success: true });
    }
    if (edge === 'conversations' && req.method === 'GET') return this.conversations(res, page, url);
    if (!edge && req.method === 'GET') {
      if (pageNode === page.id) return json(res, 200, { id: page.id, name: page.name });
      if (pageNode === page.igId) return json(res, 200, { id: page.igId, username: page.igUsername });
      const user = this.users.get(pageNode);
      if (user && (user.businessId === page.id || user.businessId === page.igId)) {
        const [first, ...last] = user.name.split(' ');
        return json(res, 200, user.channel === 'instagram' ? { id: user.id, name: user.name, username: user.name.toLowerCase().replace(/\s+/g, '.') } : { id: user.id, first_name: first, last_name: last.join(' ') });
      }
      return graphError(res, 400, 100, `(#100) Unsupported get request. Object with ID '${pageNode}' does not exist`);
    }
    return graphError(res, 400, 100, `(#100) Unknown edge ${edge ?? ''}`);
  }

  private async send(req: IncomingMessage, res: ServerResponse, page: Page, body: Record<string, any>): Promise<void> {
    if (this.droppedSends > 0) {
      this.droppedSends--;
      return void req.socket.destroy();
    }
    const fault = this.faults.shift();
    if (fault) return graphError(res, fault.status, fault.code, fault.message, fault.subcode);
    const userId = typeof body.recipient?.id === 'string' ? body.recipient.id : '';
    const user = this.users.get(userId);
    if (!user || (user.businessId !== page.id && user.businessId !== page.igId)) return graphError(res, 400, 100, '(#100) No matching user found', 2018001);
    const message = body.message ?? {};
    const text = typeof message.text === 'string' ? message.text : '';
    const attachment = message.attachment?.payload?.url ? { type: String(message.attachment.type ?? 'file'), url: String(message.attachment.payload.url) } : null;
    if (!text && !attachment) return graphError(res, 400, 100, '(#100) The parameter message[text] or message[attachment] is required');
    const limit = user.channel === 'instagram' ? Buffer.byteLength(text) > 1000 : text.length > 2000;
    if (limit) return graphError(res, 400, 100, '(#100) Length of param message[text] must be less than or equal to 2000', 2018047);
    const age = Date.now() - user.lastInboundAt;
    const tagged = body.messaging_type === 'MESSAGE_TAG' && body.tag === 'HUMAN_AGENT';
    if (age > WINDOW_MS && !(tagged && age <= HUMAN_AGENT_MS)) return graphError(res, 400, 10, '(#10) This message is sent outside of allowed window.', 2018278);
    const mid = this.mid();
    const sent: EmulatedMetaMessage = {
      mid, channel: user.channel, businessId: user.businessId, userId, direction: 'out', text, attachments: attachment ? [attachment] : [],
      quickReplies: Array.isArray(message.quick_replies) ? message.quick_replies.map((q: any) => this.quickReply(q, user)) : [],
      metadata: typeof message.metadata === 'string' ? message.metadata : null, tag: tagged ? 'HUMAN_AGENT' : null, status: 'sent', createdAt: Date.now(), reactions: [],
    };
    this.messages.set(mid, sent);
    this.afterSend(page, sent);
    if (this.lostAnswers > 0) {
      this.lostAnswers--;
      return void req.socket.destroy();
    }
    return json(res, 200, { recipient_id: userId, message_id: mid });
  }

  /** A profile quick reply offers what Meta knows of the person (their phone number, their email). */
  private quickReply(q: any, user: User): { title: string; payload: string } {
    if (q?.content_type === 'user_phone_number') return { title: user.phone, payload: user.phone };
    if (q?.content_type === 'user_email') return { title: user.email, payload: user.email };
    return { title: String(q?.title ?? ''), payload: String(q?.payload ?? '') };
  }

  private conversations(res: ServerResponse, page: Page, url: URL): void {
    const userId = url.searchParams.get('user_id');
    const platform = url.searchParams.get('platform') === 'instagram' ? 'instagram' : 'messenger';
    const users = [...this.users.values()].filter((u) => u.channel === platform && (u.businessId === page.id || u.businessId === page.igId) && (!userId || u.id === userId));
    return json(res, 200, {
      data: users.map((u) => ({
        id: `t_${u.id}`,
        messages: { data: this.list({ userId: u.id }).reverse().slice(0, 20).map((m) => ({
          id: m.mid, message: m.text, created_time: new Date(m.createdAt).toISOString().replace('Z', '+0000'),
          from: m.direction === 'out' ? { id: m.businessId, name: page.name } : { id: u.id, name: u.name },
        })) },
      })),
    });
  }

  private async control(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
    try {
      if (req.method === 'GET' && path === '/_emulator/accounts') {
        const accounts = [...this.pages.values()].flatMap((p) => {
          const app = this.apps.get(p.appId);
          return [
            { channel: 'messenger', businessId: p.id, name: p.name, connected: p.subscribed && !!app?.subscriptions.has('page') },
            { channel: 'instagram', businessId: p.igId, name: `@${p.igUsername}`, connected: p.subscribed && !!app?.subscriptions.has('instagram') },
          ];
        });
        return json(res, 200, accounts);
      }
      if (req.method === 'GET' && path === '/_emulator/thread') {
        const user = [...this.users.values()].find((u) => u.channel === url.searchParams.get('channel') && u.businessId === url.searchParams.get('businessId') && u.name === url.searchParams.get('name'));
        return json(res, 200, user ? { userId: user.id, messages: this.list({ userId: user.id }) } : { userId: null, messages: [] });
      }
      const cdn = /^\/_emulator\/cdn\/(\w+)$/.exec(path);
      if (cdn && req.method === 'GET') {
        const media = this.media.get(cdn[1]);
        if (!media) return json(res, 404, { message: 'not found' });
        res.writeHead(200, { 'content-type': media.contentType, 'content-length': media.data.length });
        return void res.end(media.data);
      }
      if (req.method === 'POST' && path === '/_emulator/inbound') {
        const input = await readJson(req, 25 * 1024 * 1024);
        if (input.channel !== 'messenger' && input.channel !== 'instagram') throw new EmulatorError(400, 'channel must be messenger or instagram');
        if (typeof input.from !== 'string' || !input.from.trim()) throw new EmulatorError(400, 'from is required');
        const media = Array.isArray(input.media) ? input.media.map((m: any) => ({ contentType: m.contentType || 'application/octet-stream', data: Buffer.from(m.data ?? '', 'base64') })) : [];
        const result = await this.sendInbound({ channel: input.channel, businessId: input.businessId, from: input.from.trim(), text: input.text, quickReply: input.quickReply, media });
        return json(res, 200, result);
      }
      if (req.method === 'POST' && path === '/_emulator/react') {
        const input = await readJson(req);
        return json(res, 200, await this.react(String(input.mid ?? ''), typeof input.emoji === 'string' ? input.emoji : '❤️'));
      }
      if (req.method === 'POST' && path === '/_emulator/faults') {
        const input = await readJson(req);
        if (input.kind === 'lost-answer') this.loseNextAnswers(Number(input.count ?? 1));
        else if (input.kind === 'dropped') this.dropNextSends(Number(input.count ?? 1));
        else this.failNextSends(Number(input.count ?? 1), { status: Number(input.status ?? 500), code: input.code, subcode: input.subcode });
        return json(res, 200, { queued: this.faults.length, lostAnswers: this.lostAnswers });
      }
      return json(res, 404, { message: `No ${path}` });
    } catch (err) {
      return json(res, err instanceof EmulatorError ? err.status : 502, { message: err.message });
    }
  }

  private pageFor(channel: MetaChannel, businessId?: string): Page {
    if (businessId) return this.pageOf(businessId);
    const object = channel === 'instagram' ? 'instagram' : 'page';
    const page = [...this.pages.values()].find((p) => p.subscribed && this.apps.get(p.appId)?.subscriptions.has(object));
    if (!page) throw new EmulatorError(404, `No ${channel} inbox is connected yet`);
    return page;
  }

  private pageOf(businessId: string): Page {
    const page = [...this.pages.values()].find((p) => p.id === businessId || p.igId === businessId);
    if (!page) throw new EmulatorError(404, `Unknown Page or Instagram account ${businessId}`);
    return page;
  }

  private userFor(channel: MetaChannel, businessId: string, from: string): User {
    const byId = this.users.get(from);
    if (byId && byId.businessId === businessId) return byId;
    const byName = [...this.users.values()].find((u) => u.businessId === businessId && u.name === from);
    if (byName) return byName;
    // Page-scoped (PSID) and Instagram-scoped (IGSID) ids: another id for the same person on each.
    const id = this.digits(16);
    const user: User = { id, name: from, businessId, channel, lastInboundAt: 0, phone: `+7900${id.slice(-7)}`, email: `user${id.slice(-6)}@example.com` };
    this.users.set(user.id, user);
    return user;
  }

  private mid(): string {
    return `m_${randomBytes(24).toString('base64url')}`;
  }

  private digits(n: number): string {
    const base = `${Date.now()}${String(++this.seq).padStart(4, '0')}${Math.floor(Math.random() * 1e6)}`;
    return `1${base}`.slice(0, n).padEnd(n, '7');
  }
}

const RANK: Record<string, number> = { received: 0, sent: 1, delivered: 2, read: 3 };

export class EmulatorError extends Error {
  constructor(readonly status: number, message: string, readonly code?: number) {
    super(message);
  }
}

export async function startMetaEmulator(options: MetaEmulatorOptions): Promise<MetaEmulator> {
  return new MetaEmulator(options).listen(options.host, options.port);
}

function kindOf(contentType: string): string {
  if (contentType.startsWith('image/')) return 'image';
  if (contentType.startsWith('video/')) return 'video';
  if (contentType.startsWith('audio/')) return 'audio';
  return 'file';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readJson(req: IncomingMessage, limit = 1024 * 1024): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new EmulatorError(413, 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? parsed : {};
  } catch {
    throw new EmulatorError(400, 'Malformed JSON');
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'access-control-allow-origin': '*' });
  res.end(text);
}

/** Meta's error object: https://developers.facebook.com/docs/graph-api/guides/error-handling */
function graphError(res: ServerResponse, status: number, code: number, message: string, subcode?: number): void {
  json(res, status, { error: { message, type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: randomBytes(8).toString('base64url') } });
}
