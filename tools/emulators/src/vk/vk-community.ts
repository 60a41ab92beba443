import { createHash, randomBytes } from 'node:crypto';

/** A VK API error as VK answers it (HTTP 200, `{error: {error_code, error_msg}}`). */
export class VkApiError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

export interface VkUser {
  id: number;
  first_name: string;
  last_name: string;
  screen_name: string;
  /** message_allow / message_deny: the community may write to them. */
  allowed: boolean;
}

export interface StoredFile {
  key: string;
  data: Buffer;
  contentType: string;
  fileName: string;
}

/** One message of a dialog, as the VK message object (API 5.199). */
export type VkMessage = Record<string, any> & { id: number; peer_id: number; from_id: number; date: number; text: string };

export interface CallbackServer {
  id: number;
  url: string;
  title: string;
  secretKey: string;
  /** VK asks for the confirmation code before the first event it delivers there. */
  confirmed: boolean;
  events: Set<string>;
}

export interface VkEvent {
  type: string;
  object: Record<string, any>;
  group_id: number;
  event_id: string;
  v: string;
}

export interface Delivery { eventId: string; type: string; url: string; status: number | null; body: string; attempt: number }

const API_VERSION = '5.199';
/** How long VK remembers a random_id per dialog ("the last hour"). */
const RANDOM_ID_WINDOW_MS = 60 * 60_000;

/**
 * One community of the emulated VK: its token, dialogs with users, Callback API servers and Long
 * Poll history, uploaded files, and the faults a test asks for. The server (vk.emulator.ts) turns
 * its events into Callback API deliveries and `a_check` answers.
 */
export class EmulatedCommunity {
  readonly id: number;
  readonly name: string;
  readonly screenName: string;
  readonly confirmationCode: string;
  readonly users = new Map<number, VkUser>();
  readonly dialogs = new Map<number, VkMessage[]>();
  readonly files = new Map<string, StoredFile>();
  readonly servers: CallbackServer[] = [];
  readonly deliveries: Delivery[] = [];
  readonly calls: { method: string; params: Record<string, string>; at: number; error?: number }[] = [];
  longPoll = { enabled: false, key: randomBytes(16).toString('hex'), events: [] as VkEvent[], firstTs: 1 };
  readonly eventAnswers = new Set<string>();
  private readonly randomIds = new Map<string, { id: number; at: number }>();
  private readonly pendingPresses = new Map<string, number>();
  private failures: { method: string; code: number; message: string; dropAnswer: boolean; remaining: number }[] = [];
  private nextMessageId = 1;
  private nextServerId = 1;
  private nextFile = 1;
  /** Set by the server: hands a new event to the Callback API servers and the Long Poll history. */
  onEvent: (event: VkEvent) => Promise<number | null> = async () => null;

  constructor(readonly token: string) {
    const h = createHash('sha256').update(token).digest();
    this.id = 200_000_000 + (h.readUInt32BE(0) % 1_000_000);
    this.name = 'Demo Shop VK';
    this.screenName = `club${this.id}`;
    this.confirmationCode = h.subarray(4, 8).toString('hex');
  }

  // -- what the community's users do (the page, the CLI, the tests) --

  user(id: number, name?: { first_name?: string; last_name?: string }): VkUser {
    let user = this.users.get(id);
    if (!user) {
      user = { id, first_name: 'Пользователь', last_name: 'ВКонтакте', screen_name: `id${id}`, allowed: true };
      this.users.set(id, user);
    }
    if (name?.first_name) user.first_name = name.first_name.slice(0, 64);
    if (name?.last_name !== undefined) user.last_name = String(name.last_name).slice(0, 64);
    return user;
  }

  /** The user writes (message_new); writing to a community also lets it answer. */
  userSends(user: VkUser, input: { text?: string; files?: { data: Buffer; contentType: string; fileName: string }[]; replyTo?: number }, base: string): { event: VkEvent; delivered: Promise<number | null> } {
    user.allowed = true;
    const attachments = (input.files ?? []).map((f) => this.attachmentOf(this.saveFile(f.data, f.contentType, f.fileName), base));
    const message = this.add(user.id, {
      from_id: user.id, out: 0, text: input.text ?? '', attachments,
      ...(input.replyTo ? { reply_message: this.dialog(user.id).find((m) => m.id === input.replyTo) ?? { id: input.replyTo } } : {}),
    });
    return this.emit('message_new', { message, client_info: { button_actions: ['text', 'callback', 'open_link'], keyboard: true, inline_keyboard: true, lang_id: 0 } });
  }

  userEdits(user: VkUser, messageId: number, text: string): { event: VkEvent; delivered: Promise<number | null> } {
    const message = this.dialog(user.id).find((m) => m.id === messageId && m.from_id === user.id);
    if (!message) throw new VkApiError(100, 'One of the parameters specified was missing or invalid: message_id');
    Object.assign(message, { text, update_time: Math.floor(Date.now() / 1000) + message.id });
    return this.emit('message_edit', { ...message });
  }

  /** A callback button pressed: message_event, waiting for sendMessageEventAnswer. */
  userPresses(user: VkUser, messageId: number, payload: string): { event: VkEvent; delivered: Promise<number | null> } {
    const message = this.dialog(user.id).find((m) => m.id === messageId);
    const button = message?.keyboard?.buttons?.flat().find((b: any) => b.action.type === 'callback' && b.action.payload === payload);
    if (!button) throw new VkApiError(100, 'no such callback button on that message');
    const eventId = randomBytes(6).toString('hex');
    this.pendingPresses.set(eventId, user.id);
    return this.emit('message_event', { user_id: user.id, peer_id: user.id, event_id: eventId, payload: JSON.parse(payload), conversation_message_id: message!.conversation_message_id });
  }

  setAllowed(user: VkUser, allowed: boolean): { event: VkEvent; delivered: Promise<number | null> } {
    user.allowed = allowed;
    return this.emit(allowed ? 'message_allow' : 'message_deny', allowed ? { user_id: user.id, key: 'emulator' } : { user_id: user.id });
  }

  /** A community admin answers from VK itself: the message goes out and comes back as message_reply. */
  adminReplies(userId: number, text: string): { message: VkMessage; delivered: Promise<number | null> } {
    const message = this.add(userId, { from_id: -this.id, out: 1, text, admin_author_id: 1, random_id: randomBytes(4).readUInt32BE() });
    return { message, delivered: this.emit('message_reply', { ...message }).delivered };
  }

  dialog(userId: number): VkMessage[] {
    let messages = this.dialogs.get(userId);
    if (!messages) this.dialogs.set(userId, (messages = []));
    return messages;
  }

  /** Messages the community sent to a user (from the API, not by an admin), oldest first. */
  sentTo(userId: number): VkMessage[] {
    return this.dialog(userId).filter((m) => m.out === 1 && !m.admin_author_id);
  }

  /** The next calls of `method` fail with VK's error `code`; `dropAnswer` does the work and loses the answer instead. */
  failNext(method: string, code: number, message: string, options: { times?: number; dropAnswer?: boolean } = {}): void {
    this.failures.push({ method, code, message, dropAnswer: !!options.dropAnswer, remaining: options.times ?? 1 });
  }

  takeFailure(method: string): { code: number; message: string; dropAnswer: boolean } | null {
    const f = this.failures.find((x) => x.method === method && x.remaining > 0);
    if (!f) return null;
    f.remaining--;
    this.failures = this.failures.filter((x) => x.remaining > 0);
    return f;
  }

  // -- the API methods --

  call(method: string, p: Record<string, string>, base: string): unknown {
    const group = Number(p.group_id ?? this.id);
    if (method.startsWith('groups.') && method !== 'groups.getById' && group !== this.id) throw new VkApiError(15, 'Access denied: no access to this group');
    switch (method) {
      case 'groups.getById':
        return { groups: [{ id: this.id, name: this.name, screen_name: this.screenName, type: 'group' }], profiles: [] };
      case 'groups.getCallbackConfirmationCode':
        return { code: this.confirmationCode };
      case 'groups.getCallbackServers':
        return { count: this.servers.length, items: this.servers.map((s) => ({ id: s.id, title: s.title, url: s.url, secret_key: s.secretKey, status: s.confirmed ? 'ok' : 'unconfigured' })) };
      case 'groups.addCallbackServer': {
        if (!/^https?:\/\//.test(p.url ?? '')) throw new VkApiError(100, 'One of the parameters specified was missing or invalid: url');
        const server: CallbackServer = { id: this.nextServerId++, url: p.url, title: p.title ?? '', secretKey: p.secret_key ?? '', confirmed: false, events: new Set() };
        this.servers.push(server);
        return { server_id: server.id };
      }
      case 'groups.editCallbackServer': {
        const server = this.servers.find((s) => s.id === Number(p.server_id));
        if (!server) throw new VkApiError(100, 'One of the parameters specified was missing or invalid: server_id');
        Object.assign(server, { url: p.url ?? server.url, title: p.title ?? server.title, secretKey: p.secret_key ?? server.secretKey, confirmed: false });
        return 1;
      }
      case 'groups.setCallbackSettings': {
        const server = this.servers.find((s) => s.id === Number(p.server_id));
        if (!server) throw new VkApiError(100, 'One of the parameters specified was missing or invalid: server_id');
        for (const [k, v] of Object.entries(p)) if (/^(message|wall|group)_/.test(k)) (v === '1' ? server.events.add(k) : server.events.delete(k));
        return 1;
      }
      case 'groups.setLongPollSettings':
        this.longPoll.enabled = p.enabled !== '0';
        return 1;
      case 'groups.getLongPollServer':
        if (!this.longPoll.enabled) throw new VkApiError(100, 'One of the parameters specified was missing or invalid: Long Poll is disabled for this group');
        return { key: this.longPoll.key, server: `${base}/lp/${this.id}`, ts: String(this.longPoll.firstTs + this.longPoll.events.length) };
      case 'users.get':
        return String(p.user_ids ?? '').split(',').filter(Boolean).map((id) => {
          const u = this.users.get(Number(id));
          return u ? { id: u.id, first_name: u.first_name, last_name: u.last_name, screen_name: u.screen_name, can_access_closed: true, is_closed: false } : { id: Number(id), first_name: 'DELETED', last_name: '', deactivated: 'deleted' };
        });
      case 'messages.send':
        return this.send(p);
      case 'messages.sendMessageEventAnswer': {
        if (this.pendingPresses.get(p.event_id) !== Number(p.user_id)) throw new VkApiError(100, 'One of the parameters specified was missing or invalid: event_id');
        this.eventAnswers.add(p.event_id);
        return 1;
      }
      case 'photos.getMessagesUploadServer':
        return { upload_url: `${base}/upload/${this.id}/photo`, album_id: -64, group_id: this.id };
      case 'docs.getMessagesUploadServer':
        return { upload_url: `${base}/upload/${this.id}/doc` };
      case 'photos.saveMessagesPhoto': {
        const file = this.files.get(String(p.photo ?? ''));
        if (!file || p.hash !== hashOf(file.key)) throw new VkApiError(121, 'Invalid hash');
        return [{ id: Number(file.key.split('-')[1]), owner_id: -this.id, access_key: file.key.split('-')[2], sizes: [{ type: 'x', url: `${base}/files/${file.key}`, width: 800, height: 600 }] }];
      }
      case 'docs.save': {
        const file = this.files.get(String(p.file ?? ''));
        if (!file) throw new VkApiError(100, 'One of the parameters specified was missing or invalid: file');
        if (p.title) file.fileName = p.title;
        return { type: 'doc', doc: { id: Number(file.key.split('-')[1]), owner_id: -this.id, title: file.fileName, size: file.data.length, ext: file.fileName.split('.').pop(), url: `${base}/files/${file.key}` } };
      }
      default:
        throw new VkApiError(3, 'Unknown method passed');
    }
  }

  /** An uploaded file, kept until a save method turns it into a photo or document. */
  saveFile(data: Buffer, contentType: string, fileName: string): StoredFile {
    const file = { key: `f-${this.nextFile++}-${randomBytes(5).toString('hex')}`, data, contentType, fileName };
    this.files.set(file.key, file);
    return file;
  }

  uploadAnswer(kind: 'photo' | 'doc', file: StoredFile): Record<string, unknown> {
    return kind === 'photo' ? { server: 1, photo: file.key, hash: hashOf(file.key) } : { file: file.key };
  }

  private send(p: Record<string, string>): number {
    const peer = Number(p.peer_id ?? p.user_id);
    const randomId = p.random_id;
    if (!Number.isSafeInteger(peer) || peer <= 0) throw new VkApiError(100, 'One of the parameters specified was missing or invalid: peer_id');
    if (randomId === undefined) throw new VkApiError(100, 'One of the parameters specified was missing or invalid: random_id is a required parameter');
    const user = this.users.get(peer);
    if (!user) throw new VkApiError(900, "Can't send messages for users from blacklist");
    if (!user.allowed) throw new VkApiError(901, "Can't send messages for users without permission");
    const text = p.message ?? '';
    if (text.length > 4096) throw new VkApiError(914, 'Message is too long');
    const key = `${peer}:${randomId}`;
    const seen = this.randomIds.get(key);
    if (randomId !== '0' && seen && Date.now() - seen.at < RANDOM_ID_WINDOW_MS) return seen.id;
    const attachments = String(p.attachment ?? '').split(',').filter(Boolean).map((ref) => {
      const m = /^(photo|doc)-?\d+_(\d+)/.exec(ref);
      const file = m ? [...this.files.values()].find((f) => f.key.split('-')[1] === m[2]) : undefined;
      if (!m || !file) throw new VkApiError(100, `One of the parameters specified was missing or invalid: attachment ${ref}`);
      return { type: m[1], [m[1]]: { id: Number(m[2]), owner_id: -this.id, title: file.fileName, url: `/files/${file.key}`, content_type: file.contentType } };
    });
    if (!text && attachments.length === 0) throw new VkApiError(100, 'One of the parameters specified was missing or invalid: message is empty');
    let keyboard: unknown;
    if (p.keyboard) {
      try {
        keyboard = JSON.parse(p.keyboard);
      } catch {
        throw new VkApiError(911, 'Keyboard format is invalid');
      }
    }
    const message = this.add(peer, { from_id: -this.id, out: 1, text, random_id: Number(randomId), attachments, ...(keyboard ? { keyboard } : {}) });
    this.randomIds.set(key, { id: message.id, at: Date.now() });
    void this.emit('message_reply', { ...message });
    return message.id;
  }

  private add(peer: number, fields: Partial<VkMessage>): VkMessage {
    const dialog = this.dialog(peer);
    const message = { id: this.nextMessageId++, date: Math.floor(Date.now() / 1000), peer_id: peer, conversation_message_id: dialog.length + 1, fwd_messages: [], important: false, is_hidden: false, ...fields } as VkMessage;
    dialog.push(message);
    return message;
  }

  private attachmentOf(file: StoredFile, base: string): Record<string, unknown> {
    const id = Number(file.key.split('-')[1]);
    if (file.contentType.startsWith('image/')) {
      return { type: 'photo', photo: { id, owner_id: 0, access_key: file.key.split('-')[2], sizes: [{ type: 'x', url: `${base}/files/${file.key}`, width: 800, height: 600 }] } };
    }
    return { type: 'doc', doc: { id, owner_id: 0, title: file.fileName, size: file.data.length, ext: file.fileName.split('.').pop() ?? '', url: `${base}/files/${file.key}` } };
  }

  private emit(type: string, object: Record<string, any>): { event: VkEvent; delivered: Promise<number | null> } {
    const event: VkEvent = { type, object, group_id: this.id, event_id: randomBytes(20).toString('hex'), v: API_VERSION };
    return { event, delivered: this.onEvent(event) };
  }
}

function hashOf(key: string): string {
  return createHash('sha256').update(`upload:${key}`).digest('hex').slice(0, 20);
}
