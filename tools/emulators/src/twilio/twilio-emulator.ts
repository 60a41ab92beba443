import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorOptions, RunningEmulator } from '../emulator';
import { twilioSignature } from './twilio-signature';
import { TWILIO_EMULATOR_PAGE } from './twilio-emulator-page';
import { readBody } from '../kit/http-kit';

/**
 * A stand-in for Twilio Programmable Messaging, enough for Parley's adapters and the demo:
 * - REST (Basic auth AccountSid:AuthToken): Accounts fetch, Messages create/fetch/list, media,
 *   IncomingPhoneNumbers list/update (where a number's incoming webhook is set);
 * - a status-callback driver: queued → sent → delivered (→ read on WhatsApp), or a failure for
 *   the test numbers below;
 * - signed inbound SMS/WhatsApp "from a customer's phone": `sendInbound()`, `POST /_emulator/inbound`
 *   and the page at `/`.
 *
 * Accounts are created on first use (any well-formed AccountSid; its first AuthToken sticks), and
 * a number an account looks up becomes its own: the emulator is everybody's sandbox.
 *
 * Webhooks are signed as Twilio signs them, over the URL the number (or StatusCallback) names, and
 * sent to `parleyUrl` with that URL's path: the emulator reaches Parley as a reverse proxy would,
 * so PUBLIC_URL may name a host that does not resolve here.
 */

/** Recipients that fail, as Twilio's magic test numbers do (https://www.twilio.com/docs/iam/test-credentials). */
export const TEST_NUMBERS = {
  /** REST 400 21211: invalid phone number. */
  invalid: '+15005550001',
  /** REST 400 21612: cannot route to this number. */
  unroutable: '+15005550002',
  /** REST 400 21408: no permission for the region. */
  noPermission: '+15005550003',
  /** REST 400 21610: the recipient unsubscribed. */
  optedOut: '+15005550004',
  /** REST 400 21614: not a mobile number. */
  notMobile: '+15005550009',
  /** Accepted, then undelivered 30007 (carrier filtering). */
  carrierFiltered: '+15005550010',
  /** Accepted, then undelivered 30003 (unreachable handset). */
  unreachable: '+15005550011',
  /** Accepted, then failed 30005 (unknown number). */
  unknown: '+15005550012',
  /** Accepted and delivered, but its status callbacks reach the webhook before the API's answer does (a slow network). */
  reportsFirst: '+15005550013',
} as const;

const REST_ERRORS: Record<string, [number, string]> = {
  [TEST_NUMBERS.invalid]: [21211, "The 'To' number is not a valid phone number."],
  [TEST_NUMBERS.unroutable]: [21612, "The 'To' phone number is not currently reachable via SMS."],
  [TEST_NUMBERS.noPermission]: [21408, 'Permission to send an SMS has not been enabled for the region indicated by the \'To\' number'],
  [TEST_NUMBERS.optedOut]: [21610, 'Attempt to send to unsubscribed recipient'],
  [TEST_NUMBERS.notMobile]: [21614, "'To' number is not a valid mobile number"],
};

/** What Twilio's Message resource says in `error_message` for the asynchronous failures below. */
const ERROR_MESSAGES: Record<string, string> = {
  '30003': 'Unreachable destination handset',
  '30005': 'Unknown destination handset',
  '30007': 'Message filtered',
  '63016': 'Failed to send freeform message because you are outside the allowed window.',
};

const ASYNC_FAILURES: Record<string, { status: 'undelivered' | 'failed'; code: string }> = {
  [TEST_NUMBERS.carrierFiltered]: { status: 'undelivered', code: '30007' },
  [TEST_NUMBERS.unreachable]: { status: 'undelivered', code: '30003' },
  [TEST_NUMBERS.unknown]: { status: 'failed', code: '30005' },
};

/** Twilio's default Advanced Opt-Out keywords (English only: Twilio knows no others). */
const OPT_OUT = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE']);
const OPT_IN = new Set(['START', 'YES', 'UNSTOP']);
const HELP = new Set(['HELP', 'INFO']);

const WHATSAPP_WINDOW_MS = 24 * 3600 * 1000;
const API = '/2010-04-01/Accounts';

export interface EmulatedMessage {
  sid: string;
  accountSid: string;
  direction: 'inbound' | 'outbound-api';
  from: string;
  to: string;
  body: string;
  contentSid: string | null;
  contentVariables: string | null;
  mediaUrls: string[];
  status: string;
  errorCode: string | null;
  statusCallback: string | null;
  numSegments: number;
  dateCreated: Date;
  /** Every status callback sent for it, in order, with Parley's HTTP answer. */
  callbacks: { status: string; httpStatus: number }[];
}

interface Media {
  sid: string;
  messageSid: string;
  accountSid: string;
  contentType: string;
  data: Buffer;
}

interface PhoneNumber {
  sid: string;
  accountSid: string;
  /** `+15005550006` or `whatsapp:+14155238886`. */
  phoneNumber: string;
  smsUrl: string;
  smsMethod: string;
  dateCreated: Date;
}

export interface InboundInput {
  /** The inbox's number (`+15005550006`, or `whatsapp:+14155238886` for WhatsApp). */
  to: string;
  /** The customer's number; for WhatsApp with or without the `whatsapp:` prefix. */
  from: string;
  body?: string;
  /** WhatsApp: the customer's profile name. */
  profileName?: string;
  media?: { contentType: string; data: Buffer }[];
  /** Sign with this token instead of the account's (a forged request). */
  signWith?: string;
}

export interface InboundResult {
  sid: string;
  /** Parley's answer to the webhook. */
  status: number;
  body: string;
}

export interface TwilioEmulatorOptions extends EmulatorOptions {
  /** Pause between status callbacks (queued → sent → delivered). */
  statusStepMs?: number;
}

export class TwilioEmulator implements RunningEmulator {
  readonly name = 'twilio';
  url = '';
  /** Where webhooks are delivered (PUBLIC_URL's stand-in; may be set after start). */
  parleyUrl: string;
  readonly accounts = new Map<string, string>();
  readonly numbers = new Map<string, PhoneNumber>();
  readonly messages = new Map<string, EmulatedMessage>();
  /** Form parameters of every inbound webhook, by MessageSid: what `redeliver` sends again. */
  private readonly inboundParams = new Map<string, { url: string; params: Record<string, string>; token: string }>();
  private readonly media = new Map<string, Media>();
  private readonly optOuts = new Set<string>();
  private readonly lastInbound = new Map<string, number>();
  private readonly faults: { status: number; code: number; message: string }[] = [];
  private lostAnswers = 0;
  private mediaGate: { open: Promise<void>; held: number; onHeld: (() => void)[] } | null = null;
  private droppedSends = 0;
  private heldSends = 0;
  /** Sends held by `holdNextSends` so far. */
  held = 0;
  private callbacksMuted = false;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly server: Server;
  private readonly statusStepMs: number;

  constructor(options: TwilioEmulatorOptions) {
    this.parleyUrl = options.parleyUrl;
    this.statusStepMs = options.statusStepMs ?? 300;
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err) => json(res, 500, { code: 20500, message: String(err?.message ?? err), status: 500 }));
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
    await Promise.allSettled([...this.pending]);
    this.server.closeAllConnections?.();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A fresh account with random credentials (tests; the demo's accounts are made on first use). */
  addAccount(authToken = randomBytes(16).toString('hex')): { accountSid: string; authToken: string } {
    const accountSid = `AC${randomBytes(16).toString('hex')}`;
    this.accounts.set(accountSid, authToken);
    return { accountSid, authToken };
  }

  /** The next `count` sends are taken (and delivered) but their answers are lost: the connection drops. */
  loseNextAnswers(count: number): void {
    this.lostAnswers += count;
  }

  /** The next `count` sends never reach Twilio: the connection drops before anything is created. */
  dropNextSends(count: number): void {
    this.droppedSends += count;
  }

  /**
   * The next `count` sends hang, creating nothing, until their caller goes away (a worker killed
   * mid-send); each one that arrives is counted in `held`.
   */
  holdNextSends(count: number): void {
    this.heldSends += count;
  }

  /** Status callbacks stop reaching Parley (lost in transit) while statuses still move on here. */
  muteStatusCallbacks(muted = true): void {
    this.callbacksMuted = muted;
  }

  /** The next `count` sends answer `status` (500 outage, 429 rate limit, 503…) and create nothing. */
  failNextSends(count: number, status = 500): void {
    const [code, message] = status === 429 ? [20429, 'Too Many Requests'] : [20500, 'Internal Server Error'];
    for (let i = 0; i < count; i++) this.faults.push({ status, code, message });
  }

  /**
   * A slow media host: media downloads are held until `release()`. `held(n)` resolves once n
   * downloads are held at the same time (what fetching in parallel looks like from here).
   */
  holdMedia(): { held(count: number): Promise<void>; release(): void } {
    let open!: () => void;
    const gate = { open: new Promise<void>((r) => (open = r)), held: 0, onHeld: [] as (() => void)[] };
    this.mediaGate = gate;
    return {
      held: (count) => new Promise<void>((resolve) => {
        const check = () => gate.held >= count && (resolve(), true);
        if (!check()) gate.onHeld.push(check);
      }),
      release: () => {
        if (this.mediaGate === gate) this.mediaGate = null;
        open();
      },
    };
  }

  /** Messages Parley sent (outbound-api) or customers sent (inbound), oldest first. */
  list(filter: { direction?: EmulatedMessage['direction']; to?: string; from?: string } = {}): EmulatedMessage[] {
    return [...this.messages.values()].filter(
      (m) => (!filter.direction || m.direction === filter.direction) && (!filter.to || m.to === filter.to) && (!filter.from || m.from === filter.from),
    );
  }

  /** Resolves once every scheduled status callback has been sent. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /** A customer's SMS or WhatsApp message, delivered to the number's webhook, signed. */
  async sendInbound(input: InboundInput): Promise<InboundResult> {
    const whatsapp = /^whatsapp:/i.test(input.to);
    const to = input.to.trim();
    const number = this.numbers.get(to);
    if (!number?.smsUrl) throw new EmulatorError(404, `No webhook is set for ${to}: create a Parley inbox for it first`);
    const from = whatsapp ? `whatsapp:${input.from.replace(/^whatsapp:/i, '').trim()}` : input.from.trim();
    const media = input.media ?? [];
    const sid = `${media.length ? 'MM' : 'SM'}${randomBytes(16).toString('hex')}`;
    const body = input.body ?? '';
    const params: Record<string, string> = {
      ToCountry: 'US',
      SmsMessageSid: sid,
      NumMedia: String(media.length),
      SmsSid: sid,
      SmsStatus: 'received',
      Body: body,
      To: to,
      NumSegments: String(segments(body)),
      MessageSid: sid,
      AccountSid: number.accountSid,
      From: from,
      ApiVersion: '2010-04-01',
    };
    media.forEach((m, i) => {
      const mediaSid = `ME${randomBytes(16).toString('hex')}`;
      this.media.set(mediaSid, { sid: mediaSid, messageSid: sid, accountSid: number.accountSid, contentType: m.contentType, data: m.data });
      params[`MediaUrl${i}`] = `${this.url}${API}/${number.accountSid}/Messages/${sid}/Media/${mediaSid}`;
      params[`MediaContentType${i}`] = m.contentType;
    });
    if (whatsapp) {
      params.WaId = from.replace(/\D/g, '');
      params.ProfileName = input.profileName ?? '';
      params.MessageType = media.length ? 'image' : 'text';
      this.lastInbound.set(`${to}|${from}`, Date.now());
    } else {
      const word = body.trim().toUpperCase();
      const pair = `${to}|${from}`;
      if (OPT_OUT.has(word)) {
        this.optOuts.add(pair);
        params.OptOutType = 'STOP';
      } else if (OPT_IN.has(word)) {
        this.optOuts.delete(pair);
        params.OptOutType = 'START';
      } else if (HELP.has(word)) {
        params.OptOutType = 'HELP';
      }
    }
    this.messages.set(sid, {
      sid, accountSid: number.accountSid, direction: 'inbound', from, to, body, contentSid: null, contentVariables: null,
      mediaUrls: media.map((_, i) => params[`MediaUrl${i}`]), status: 'received', errorCode: null, statusCallback: null,
      numSegments: segments(body), dateCreated: new Date(), callbacks: [],
    });
    const token = input.signWith ?? this.accounts.get(number.accountSid)!;
    this.inboundParams.set(sid, { url: number.smsUrl, params, token });
    const answer = await this.post(number.smsUrl, params, token);
    return { sid, ...answer };
  }

  /** Sends an inbound webhook again, as Twilio does when our answer was lost. */
  async redeliver(sid: string): Promise<InboundResult> {
    const sent = this.inboundParams.get(sid);
    if (!sent) throw new EmulatorError(404, `No inbound message ${sid}`);
    return { sid, ...(await this.post(sent.url, sent.params, sent.token)) };
  }

  /** A status callback for a message, now (tests drive late or out-of-order reports with it). */
  async sendStatus(sid: string, status: string, errorCode?: string): Promise<number> {
    const message = this.messages.get(sid);
    if (!message?.statusCallback) throw new EmulatorError(404, `No status callback for ${sid}`);
    const params: Record<string, string> = {
      SmsSid: sid,
      SmsStatus: status,
      MessageStatus: status,
      To: message.to,
      MessageSid: sid,
      AccountSid: message.accountSid,
      From: message.from,
      ApiVersion: '2010-04-01',
      ...(message.to.startsWith('whatsapp:') ? { ChannelPrefix: 'whatsapp' } : {}),
      ...(errorCode ? { ErrorCode: errorCode } : {}),
    };
    message.status = status;
    message.errorCode = errorCode ?? null;
    const { status: httpStatus } = await this.post(message.statusCallback, params, this.accounts.get(message.accountSid)!);
    message.callbacks.push({ status, httpStatus });
    return httpStatus;
  }

  private async post(url: string, params: Record<string, string>, token: string): Promise<{ status: number; body: string }> {
    const signed = new URL(url);
    const target = this.parleyUrl ? new URL(signed.pathname + signed.search, this.parleyUrl) : signed;
    const res = await fetch(target, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
        'x-twilio-signature': twilioSignature(token, url, params),
        'i-twilio-idempotency-token': randomBytes(8).toString('hex'),
        'user-agent': 'TwilioProxy/1.1 (parley-emulator)',
      },
      body: new URLSearchParams(params).toString(),
    });
    return { status: res.status, body: await res.text() };
  }

  private track<T>(work: Promise<T>): void {
    const p = work.catch(() => undefined).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** queued → sent → delivered (→ read on WhatsApp), or the failure a test number stands for. */
  private driveStatus(message: EmulatedMessage): void {
    if (!message.statusCallback) return;
    const recipient = message.to.replace(/^whatsapp:/, '');
    const failure = ASYNC_FAILURES[recipient];
    const whatsapp = message.to.startsWith('whatsapp:');
    const outsideWindow = whatsapp && !message.contentSid && !this.insideWindow(message.from, message.to);
    const steps: [string, string?][] = failure
      ? [['sent'], [failure.status, failure.code]]
      : outsideWindow
        ? [['failed', '63016']]
        : whatsapp
          ? [['sent'], ['delivered'], ['read']]
          : [['sent'], ['delivered']];
    this.track(
      (async () => {
        for (const [status, code] of steps) {
          await new Promise((r) => setTimeout(r, this.statusStepMs));
          if (this.callbacksMuted) {
            message.status = status;
            message.errorCode = code ?? null;
          } else {
            await this.sendStatus(message.sid, status, code);
          }
        }
      })(),
    );
  }

  private insideWindow(business: string, customer: string): boolean {
    const at = this.lastInbound.get(`${business}|${customer}`);
    return !!at && Date.now() - at < WHATSAPP_WINDOW_MS;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const path = url.pathname;
    if (req.method === 'GET' && (path === '/' || path === '/index.html')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(TWILIO_EMULATOR_PAGE);
      return;
    }
    if (path.startsWith('/_emulator/')) return this.control(req, res, path, url);
    const m = /^\/2010-04-01\/Accounts\/([^/]+?)(\.json|\/.*)?$/.exec(path);
    if (!m) return json(res, 404, { code: 20404, message: `The requested resource ${path} was not found`, status: 404 });
    const accountSid = m[1];
    if (!this.authenticate(req, accountSid)) {
      return json(res, 401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
    }
    const rest = m[2] ?? '';
    if (req.method === 'GET' && rest === '.json') return json(res, 200, accountResource(accountSid));
    if (rest === '/Messages.json' && req.method === 'POST') return this.createMessage(req, res, accountSid);
    if (rest === '/Messages.json' && req.method === 'GET') {
      const to = url.searchParams.get('To');
      const from = url.searchParams.get('From');
      const pageSize = Number(url.searchParams.get('PageSize') ?? 50) || 50;
      const items = this.list({ to: to ?? undefined, from: from ?? undefined }).filter((x) => x.accountSid === accountSid).reverse().slice(0, pageSize).map((x) => messageResource(x));
      return json(res, 200, { messages: items, ...pageMeta(`${API}/${accountSid}/Messages.json`, items.length) });
    }
    let sub = /^\/Messages\/(\w+)\.json$/.exec(rest);
    if (sub && req.method === 'GET') {
      const message = this.messages.get(sub[1]);
      return message && message.accountSid === accountSid ? json(res, 200, messageResource(message)) : notFound(res, path);
    }
    sub = /^\/Messages\/(\w+)\/Media\/(\w+)$/.exec(rest);
    if (sub && req.method === 'GET') {
      const media = this.media.get(sub[2]);
      if (!media || media.accountSid !== accountSid || media.messageSid !== sub[1]) return notFound(res, path);
      const gate = this.mediaGate;
      if (gate) {
        gate.held++;
        gate.onHeld.forEach((check) => check());
        await gate.open;
      }
      res.writeHead(200, { 'content-type': media.contentType, 'content-length': media.data.length });
      res.end(media.data);
      return;
    }
    if (rest === '/IncomingPhoneNumbers.json' && req.method === 'GET') {
      const wanted = url.searchParams.get('PhoneNumber');
      let numbers = [...this.numbers.values()].filter((n) => n.accountSid === accountSid);
      if (wanted) {
        const number = this.numbers.get(wanted) ?? this.provision(accountSid, wanted);
        numbers = number.accountSid === accountSid ? [number] : [];
      }
      const items = numbers.map((n) => numberResource(n));
      return json(res, 200, { incoming_phone_numbers: items, ...pageMeta(`${API}/${accountSid}/IncomingPhoneNumbers.json`, items.length) });
    }
    sub = /^\/IncomingPhoneNumbers\/(\w+)\.json$/.exec(rest);
    if (sub && req.method === 'POST') {
      const number = [...this.numbers.values()].find((n) => n.sid === sub![1] && n.accountSid === accountSid);
      if (!number) return notFound(res, path);
      const form = new URLSearchParams((await readBody(req, 64 * 1024)).toString('utf8'));
      if (form.has('SmsUrl')) number.smsUrl = form.get('SmsUrl') ?? '';
      if (form.has('SmsMethod')) number.smsMethod = form.get('SmsMethod') ?? 'POST';
      return json(res, 200, numberResource(number));
    }
    return notFound(res, path);
  }

  /** The page shows a customer's own photo from here: the REST media URL needs the account's credentials. */
  private pageMedia(url: string): { url: string; contentType: string | null } {
    const own = this.media.get(url.slice(url.lastIndexOf('/') + 1));
    return own ? { url: `/_emulator/media/${own.sid}`, contentType: own.contentType } : { url, contentType: null };
  }

  private provision(accountSid: string, phoneNumber: string): PhoneNumber {
    const number: PhoneNumber = { sid: `PN${randomBytes(16).toString('hex')}`, accountSid, phoneNumber, smsUrl: '', smsMethod: 'POST', dateCreated: new Date() };
    this.numbers.set(phoneNumber, number);
    return number;
  }

  private authenticate(req: IncomingMessage, accountSid: string): boolean {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return false;
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const [user, token] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    if (user !== accountSid || !token) return false;
    const known = this.accounts.get(accountSid);
    if (known === undefined && /^AC[0-9a-f]{32}$/i.test(accountSid)) {
      this.accounts.set(accountSid, token);
      return true;
    }
    return known === token;
  }

  private async createMessage(req: IncomingMessage, res: ServerResponse, accountSid: string): Promise<void> {
    const form = new URLSearchParams((await readBody(req, 1024 * 1024)).toString('utf8'));
    if (this.droppedSends > 0) {
      this.droppedSends--;
      req.socket.destroy();
      return;
    }
    if (this.heldSends > 0) {
      this.heldSends--;
      this.held++;
      await new Promise((resolve) => req.socket.once('close', resolve));
      return;
    }
    const fault = this.faults.shift();
    if (fault) return json(res, fault.status, { code: fault.code, message: fault.message, more_info: `https://www.twilio.com/docs/errors/${fault.code}`, status: fault.status });
    const to = form.get('To') ?? '';
    const from = form.get('From') ?? '';
    const body = form.get('Body') ?? '';
    const contentSid = form.get('ContentSid');
    const mediaUrls = form.getAll('MediaUrl');
    const fail = (code: number, message: string) =>
      json(res, 400, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status: 400 });
    if (!to) return fail(21604, "A 'To' phone number is required.");
    if (!from && !form.get('MessagingServiceSid')) return fail(21603, "A 'From' phone number is required.");
    if (!body && !mediaUrls.length && !contentSid) return fail(21602, 'Message body is required.');
    if (body.length > 1600) return fail(21617, 'The concatenated message body exceeds the 1600 character limit.');
    if (/^whatsapp:/.test(to) !== /^whatsapp:/.test(from)) return fail(63007, 'Twilio could not find a Channel with the specified From address');
    const recipient = to.replace(/^whatsapp:/, '');
    if (!/^\+[1-9]\d{6,14}$/.test(recipient)) return fail(21211, `The 'To' number ${to} is not a valid phone number.`);
    const known = REST_ERRORS[recipient];
    if (known) return fail(...known);
    if (this.optOuts.has(`${from}|${to}`)) return fail(21610, 'Attempt to send to unsubscribed recipient');
    const message: EmulatedMessage = {
      sid: `${mediaUrls.length ? 'MM' : 'SM'}${randomBytes(16).toString('hex')}`,
      accountSid,
      direction: 'outbound-api',
      from,
      to,
      body: contentSid ? `[template ${contentSid}] ${form.get('ContentVariables') ?? ''}`.trim() : body,
      contentSid,
      contentVariables: form.get('ContentVariables'),
      mediaUrls,
      status: 'queued',
      errorCode: null,
      statusCallback: form.get('StatusCallback'),
      numSegments: segments(body),
      dateCreated: new Date(),
      callbacks: [],
    };
    this.messages.set(message.sid, message);
    if (this.lostAnswers > 0) {
      // Taken and sent, but the answer never reaches the caller (a timeout, a dropped connection).
      this.lostAnswers--;
      this.driveStatus(message);
      req.socket.destroy();
      return;
    }
    if (recipient === TEST_NUMBERS.reportsFirst && message.statusCallback) {
      // Both callbacks are answered before the 201 leaves.
      for (const status of ['sent', 'delivered']) await this.sendStatus(message.sid, status).catch(() => undefined);
      json(res, 201, messageResource(message));
      return;
    }
    json(res, 201, messageResource(message));
    this.driveStatus(message);
  }

  private async control(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
    try {
      if (req.method === 'GET' && path === '/_emulator/numbers') {
        const numbers = [...this.numbers.values()].filter((n) => n.smsUrl);
        return json(res, 200, numbers.map((n) => ({ phoneNumber: n.phoneNumber, channel: n.phoneNumber.startsWith('whatsapp:') ? 'whatsapp' : 'sms', smsUrl: n.smsUrl })));
      }
      if (req.method === 'GET' && path === '/_emulator/messages') {
        const phone = (url.searchParams.get('phone') ?? '').replace(/^whatsapp:/, '');
        const items = this.list().filter((m) => m.to.replace(/^whatsapp:/, '') === phone || m.from.replace(/^whatsapp:/, '') === phone);
        return json(res, 200, items.map((m) => ({ ...messageResource(m), callbacks: m.callbacks, media: m.mediaUrls.map((u) => this.pageMedia(u)) })));
      }
      const shown = /^\/_emulator\/media\/(ME\w+)$/.exec(path);
      const media = shown && req.method === 'GET' ? this.media.get(shown[1]) : undefined;
      if (media) {
        res.writeHead(200, { 'content-type': media.contentType, 'content-length': media.data.length });
        return void res.end(media.data);
      }
      if (req.method === 'POST' && path === '/_emulator/inbound') {
        const input = JSON.parse((await readBody(req, 25 * 1024 * 1024)).toString('utf8') || '{}');
        if (typeof input.to !== 'string' || typeof input.from !== 'string') throw new EmulatorError(400, 'to and from are required');
        const media = Array.isArray(input.media)
          ? input.media.map((m: { contentType?: string; data?: string }) => ({ contentType: m.contentType || 'application/octet-stream', data: Buffer.from(m.data ?? '', 'base64') }))
          : [];
        const result = await this.sendInbound({ to: input.to, from: input.from, body: input.body, profileName: input.profileName, media });
        return json(res, 200, result);
      }
      if (req.method === 'POST' && path === '/_emulator/faults') {
        const input = JSON.parse((await readBody(req, 4096)).toString('utf8') || '{}');
        if (input.kind === 'lost-answer') this.loseNextAnswers(Number(input.count ?? 1));
        else if (input.kind === 'dropped') this.dropNextSends(Number(input.count ?? 1));
        else this.failNextSends(Number(input.count ?? 1), Number(input.status ?? 500));
        return json(res, 200, { queued: this.faults.length, lostAnswers: this.lostAnswers });
      }
      return notFound(res, path);
    } catch (err) {
      // EmulatorError, or the kit's body reader's 413 (a `status` on the error).
      const status = err instanceof EmulatorError || typeof err.status === 'number' ? err.status : err instanceof SyntaxError ? 400 : 502;
      return json(res, status, { message: err.message });
    }
  }
}

export class EmulatorError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function startTwilioEmulator(options: TwilioEmulatorOptions): Promise<TwilioEmulator> {
  return new TwilioEmulator(options).listen(options.host, options.port);
}

/** SMS segments as Twilio counts them: GSM-7 160/153, anything else UCS-2 70/67. */
function segments(text: string): number {
  if (!text) return 1;
  const ucs2 = /[^\n\r\x20-\x7e£¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà]/.test(text);
  const units = ucs2 ? [...text].reduce((n, c) => n + (c.codePointAt(0)! > 0xffff ? 2 : 1), 0) : text.length;
  const [single, multi] = ucs2 ? [70, 67] : [160, 153];
  return units <= single ? 1 : Math.ceil(units / multi);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'access-control-allow-origin': '*' });
  res.end(text);
}

const notFound = (res: ServerResponse, path: string) =>
  json(res, 404, { code: 20404, message: `The requested resource ${path} was not found`, more_info: 'https://www.twilio.com/docs/errors/20404', status: 404 });

const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

function pageMeta(uri: string, count: number) {
  return { first_page_uri: uri, end: Math.max(0, count - 1), previous_page_uri: null, uri, page_size: 50, start: 0, next_page_uri: null, page: 0 };
}

function accountResource(sid: string) {
  return { sid, owner_account_sid: sid, friendly_name: 'Parley emulator account', status: 'active', type: 'Full', date_created: rfc2822(new Date(0)), uri: `${API}/${sid}.json` };
}

function numberResource(n: PhoneNumber) {
  return {
    sid: n.sid,
    account_sid: n.accountSid,
    phone_number: n.phoneNumber,
    friendly_name: n.phoneNumber,
    sms_url: n.smsUrl,
    sms_method: n.smsMethod,
    capabilities: { sms: true, mms: true, voice: false },
    status: 'in-use',
    date_created: rfc2822(n.dateCreated),
    uri: `${API}/${n.accountSid}/IncomingPhoneNumbers/${n.sid}.json`,
  };
}

function messageResource(m: EmulatedMessage) {
  return {
    account_sid: m.accountSid,
    api_version: '2010-04-01',
    body: m.body,
    date_created: rfc2822(m.dateCreated),
    date_sent: m.status === 'queued' || m.status === 'accepted' ? null : rfc2822(m.dateCreated),
    date_updated: rfc2822(new Date()),
    direction: m.direction,
    error_code: m.errorCode ? Number(m.errorCode) : null,
    error_message: m.errorCode ? ERROR_MESSAGES[m.errorCode] ?? null : null,
    from: m.from,
    messaging_service_sid: null,
    num_media: String(m.mediaUrls.length),
    num_segments: String(m.numSegments),
    price: null,
    price_unit: 'USD',
    sid: m.sid,
    status: m.status,
    subresource_uris: { media: `${API}/${m.accountSid}/Messages/${m.sid}/Media.json` },
    to: m.to,
    uri: `${API}/${m.accountSid}/Messages/${m.sid}.json`,
  };
}
