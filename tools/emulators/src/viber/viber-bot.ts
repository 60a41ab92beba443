import { createHmac } from 'node:crypto';

/** A Viber REST answer with a non-zero status (https://developers.viber.com/docs/api/rest-bot-api/#error-codes). */
export class ViberStatusError extends Error {
  constructor(readonly status: number, readonly statusMessage: string) {
    super(statusMessage);
  }
}

export interface ViberEmuUser {
  id: string;
  name: string;
  avatar?: string;
  language?: string;
  country?: string;
  api_version?: number;
}

/** A message in a chat, either direction, as the page and the tests read it. */
export interface ChatEntry {
  token: string;
  fromBot: boolean;
  at: number;
  message: Record<string, any>;
  /** Ours to the user: what the user's device reported. */
  status?: 'sent' | 'delivered' | 'seen' | 'failed';
}

export interface ViberChat {
  user: ViberEmuUser;
  /** The user subscribed (wrote, or pressed subscribe) and did not unsubscribe since. */
  subscribed: boolean;
  entries: ChatEntry[];
  /** tracking_data of the bot's last message: Viber returns it with the user's next message. */
  trackingData?: string;
}

/** A scripted fault: the next `times` calls of `method` answer `status`, or are processed and then left unanswered (`lose`). */
export interface Fault {
  method: string;
  status?: number;
  lose?: boolean;
  times: number;
}

export const STATUS_MESSAGES: Record<number, string> = {
  0: 'ok', 1: 'invalidUrl', 2: 'invalidAuthToken', 3: 'badData', 4: 'missingData', 5: 'receiverNotRegistered', 6: 'receiverNotSubscribed',
  10: 'webhookNotSet', 12: 'tooManyRequests',
};

/** Viber's size limits for what a bot sends: a video 26 MB, a file 50 MB. */
const SIZE_LIMITS: Record<string, number> = { video: 26 * 1024 * 1024, file: 50 * 1024 * 1024 };
const TYPES = new Set(['text', 'picture', 'video', 'file', 'location', 'contact', 'sticker', 'url', 'rich_media']);
let nextToken = 5_098_034_272_017_990_000n;

/** A message_token as Viber makes them: a 64-bit number, past what a JSON double holds exactly. */
export function newToken(): string {
  nextToken += 1_001n;
  return nextToken.toString();
}

/** JSON with message_token written as a bare number, as Viber writes it. */
export function viberJson(body: Record<string, unknown>): string {
  return JSON.stringify(body).replace(/"message_token":"(\d+)"/g, '"message_token":$1');
}

export function sign(body: string, token: string): string {
  return createHmac('sha256', token).update(body).digest('hex');
}

/** One bot of the emulated REST API: its webhook, chats, faults and the calls made to it. */
export class EmulatedViberBot {
  readonly id: string;
  readonly name: string;
  readonly uri: string;
  webhook: { url: string; eventTypes: string[] } | null = null;
  readonly chats = new Map<string, ViberChat>();
  readonly calls: { method: string; body: Record<string, unknown>; at: number; status: number; lost?: boolean }[] = [];
  readonly callbacks: { event: string; status: number | null; attempt: number; error?: string }[] = [];
  /** Delivery reports: `in-order` (delivered, then seen when the user reads), `reversed` (seen first), `none`. */
  reports: 'in-order' | 'reversed' | 'none' = 'in-order';
  private faults: Fault[] = [];

  constructor(readonly token: string, readonly index: number) {
    this.id = `pa:${5_000_000_000 + index}`;
    this.name = `Demo Viber bot ${index}`;
    this.uri = `parleydemo${index}`;
  }

  fail(fault: Fault): void {
    this.faults.push(fault);
  }

  /** The fault scripted for this call, used up. */
  takeFault(method: string): Fault | null {
    const fault = this.faults.find((f) => f.method === method && f.times > 0);
    if (!fault) return null;
    fault.times--;
    if (fault.times === 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  chat(user: ViberEmuUser): ViberChat {
    let chat = this.chats.get(user.id);
    if (!chat) {
      chat = { user, subscribed: false, entries: [] };
      this.chats.set(user.id, chat);
    } else {
      chat.user = { ...chat.user, ...user };
    }
    return chat;
  }

  accountInfo(): Record<string, unknown> {
    return {
      id: this.id, name: this.name, uri: this.uri, icon: null, background: null, category: 'Shopping', subcategory: 'Online shop',
      location: { lon: 37.6173, lat: 55.7558 }, country: 'RU', webhook: this.webhook?.url ?? '', event_types: this.webhook?.eventTypes ?? [],
      subscribers_count: [...this.chats.values()].filter((c) => c.subscribed).length, members: [{ id: 'admin', name: 'Admin', role: 'admin' }],
    };
  }

  userDetails(id: unknown): Record<string, unknown> {
    const chat = typeof id === 'string' ? this.chats.get(id) : undefined;
    if (!chat) throw new ViberStatusError(5, 'receiverNotRegistered');
    const u = chat.user;
    return { user: { id: u.id, name: u.name, avatar: u.avatar ?? null, country: u.country ?? 'RU', language: u.language ?? 'ru', primary_device_os: 'Android 14', api_version: u.api_version ?? 10, viber_version: '21.0.0.0', device_type: 'emulator' } };
  }

  /** send_message, checked as Viber checks it; the entry it adds to the user's chat. */
  send(body: Record<string, any>): ChatEntry {
    const sender = body.sender;
    if (!sender || typeof sender.name !== 'string' || !sender.name) throw new ViberStatusError(4, 'missingData: sender.name');
    if ([...sender.name].length > 28) throw new ViberStatusError(3, 'badData: sender.name is longer than 28 characters');
    if (!TYPES.has(body.type)) throw new ViberStatusError(3, `badData: unknown type ${String(body.type)}`);
    if (body.type === 'text' && (typeof body.text !== 'string' || !body.text)) throw new ViberStatusError(4, 'missingData: text');
    if (body.type === 'text' && [...body.text].length > 7000) throw new ViberStatusError(3, 'badData: text is longer than 7000 characters');
    if (['picture', 'video', 'file'].includes(body.type) && typeof body.media !== 'string') throw new ViberStatusError(4, 'missingData: media');
    if (body.type === 'file' && (typeof body.file_name !== 'string' || !body.size)) throw new ViberStatusError(4, 'missingData: file_name and size');
    if (body.type === 'video' && !body.size) throw new ViberStatusError(4, 'missingData: size');
    const limit = SIZE_LIMITS[body.type as string];
    if (limit && Number(body.size) > limit) throw new ViberStatusError(3, `badData: a ${body.type} is at most ${limit / 1024 / 1024} MB`);
    const chat = typeof body.receiver === 'string' ? this.chats.get(body.receiver) : undefined;
    if (!chat) throw new ViberStatusError(5, 'receiverNotRegistered');
    if (!chat.subscribed) throw new ViberStatusError(6, 'receiverNotSubscribed');
    const { receiver: _r, min_api_version: _v, tracking_data, ...message } = body;
    const entry: ChatEntry = { token: newToken(), fromBot: true, at: Date.now(), message, status: 'sent' };
    chat.entries.push(entry);
    chat.trackingData = typeof tracking_data === 'string' ? tracking_data : undefined;
    return entry;
  }

  /** The welcome message a webhook answered conversation_started with, as the user sees it. */
  welcome(user: ViberEmuUser, body: Record<string, any>): void {
    if (!body || typeof body !== 'object' || body.type !== 'text' || typeof body.text !== 'string') return;
    const chat = this.chat(user);
    const { tracking_data, min_api_version: _v, ...message } = body;
    chat.entries.push({ token: newToken(), fromBot: true, at: Date.now(), message, status: 'delivered' });
    chat.trackingData = typeof tracking_data === 'string' ? tracking_data : undefined;
  }

  /** A message the user writes: subscribes them, and takes the tracking_data of the bot's last message. */
  userMessage(user: ViberEmuUser, message: Record<string, any>): { token: string; message: Record<string, any> } {
    const chat = this.chat(user);
    chat.subscribed = true;
    const token = newToken();
    const withTracking = chat.trackingData ? { ...message, tracking_data: chat.trackingData } : message;
    chat.entries.push({ token, fromBot: false, at: Date.now(), message });
    return { token, message: withTracking };
  }

  /** The user saw the chat: the bot's delivered messages become seen (the reports to send). */
  read(userId: string): ChatEntry[] {
    const chat = this.chats.get(userId);
    return chat ? chat.entries.filter((e) => e.fromBot && e.status === 'delivered') : [];
  }

  entry(token: string): { chat: ViberChat; entry: ChatEntry } | null {
    for (const chat of this.chats.values()) {
      const entry = chat.entries.find((e) => e.token === token);
      if (entry) return { chat, entry };
    }
    return null;
  }
}
