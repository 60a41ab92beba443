import { randomBytes } from 'node:crypto';
import { parseBotApiHtml, type MessageEntity } from './bot-api-html';

/** A Bot API error as Telegram answers it: `{ok:false, error_code, description, parameters?}`. */
export class BotApiError extends Error {
  constructor(readonly errorCode: number, readonly description: string, readonly parameters?: { retry_after?: number }) {
    super(description);
  }
}

export interface EmuUser {
  id: number;
  is_bot?: false;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface UploadedFile {
  data: Buffer;
  fileName?: string;
  contentType?: string;
}

/** What a user does in the chat with the bot (the emulator page, the CLI, the tests). */
export interface UserInput {
  text?: string;
  caption?: string;
  photo?: UploadedFile;
  document?: UploadedFile;
  voice?: UploadedFile;
  video_note?: UploadedFile;
  sticker?: UploadedFile & { emoji?: string };
  location?: { latitude: number; longitude: number };
  /** `user_id` omitted: the user shares their own number (the "share my phone" button). */
  contact?: { phone_number: string; first_name?: string; last_name?: string; user_id?: number | null };
  replyTo?: number;
}

export type Update = { update_id: number } & Record<string, any>;

interface StoredFile {
  fileId: string;
  uniqueId: string;
  path: string;
  data: Buffer;
  contentType: string;
  fileName: string | null;
}

interface ChatLog {
  user: EmuUser;
  /** The user blocked the bot: sends answer 403. */
  blocked: boolean;
  nextMessageId: number;
  messages: { fromBot: boolean; message: Record<string, any> }[];
}

export interface Webhook {
  url: string;
  secretToken: string | null;
  maxConnections: number;
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

interface Failure {
  method: string;
  errorCode: number;
  description: string;
  retryAfter?: number;
  remaining: number;
}

export interface CallRecord {
  method: string;
  params: Record<string, unknown>;
  at: number;
  /** 200, or the error_code answered. */
  status: number;
}

/** Telegram's file download limit for bots. */
const MAX_DOWNLOAD = 20 * 1024 * 1024;
const ALL_UPDATES = ['message', 'edited_message', 'channel_post', 'edited_channel_post', 'inline_query', 'chosen_inline_result', 'callback_query', 'my_chat_member'];

/** One bot of the emulated Bot API: its chats, files, webhook or update queue, limits and faults. */
export class EmulatedBot {
  readonly id: number;
  readonly username: string;
  readonly firstName: string;
  webhook: Webhook | null = null;
  allowedUpdates: string[] = ALL_UPDATES;
  /** Updates waiting for getUpdates (confirmed and dropped by a later offset). */
  queue: Update[] = [];
  readonly chats = new Map<number, ChatLog>();
  readonly files = new Map<string, StoredFile>();
  readonly calls: CallRecord[] = [];
  readonly deliveries: { updateId: number; status: number | null; attempt: number; error?: string }[] = [];
  /** Telegram's limits, simulated: more sends than this within one second answer 429. */
  limits = { perChatPerSecond: 3, perBotPerSecond: 30 };
  private failures: Failure[] = [];
  private readonly callbacks = new Map<string, { answered: boolean }>();
  private readonly sendTimes = new Map<string, number[]>();
  private nextUpdateId: number;
  private nextFile = 1;
  /** Set by the server: hands a new update to the webhook or to a waiting getUpdates. */
  onUpdate: (update: Update) => Promise<number | null> = async () => null;

  constructor(readonly token: string) {
    this.id = Number(token.split(':')[0]);
    this.username = `parley_demo_${this.id}_bot`;
    this.firstName = `Demo bot ${this.id}`;
    this.nextUpdateId = 100_000 + (this.id % 1000) * 1000;
  }

  get user(): Record<string, unknown> {
    return { id: this.id, is_bot: true, first_name: this.firstName, username: this.username };
  }

  /** The user writes to the bot; resolves with the update and, later, its delivery status. */
  userSends(user: EmuUser, input: UserInput): { update: Update; delivered: Promise<number | null> } {
    const chat = this.chatOf(user);
    const message: Record<string, any> = { message_id: chat.nextMessageId++, from: user, chat: this.chatObject(user), date: now() };
    if (input.replyTo) {
      const earlier = chat.messages.find((m) => m.message.message_id === input.replyTo);
      if (earlier) message.reply_to_message = earlier.message;
    }
    if (input.text !== undefined) {
      message.text = input.text;
      if (/^\/\w+/.test(input.text)) message.entities = [{ type: 'bot_command', offset: 0, length: /^\/\w+/.exec(input.text)![0].length }];
    }
    if (input.caption) message.caption = input.caption;
    if (input.photo) {
      const f = this.storeFile(input.photo, 'photos', 'image/jpeg');
      // Telegram offers several sizes, smallest first; here the "thumbnail" is the same bytes.
      message.photo = [
        { file_id: `${f.fileId}-s`, file_unique_id: `${f.uniqueId}-s`, width: 90, height: 90, file_size: f.data.length },
        { file_id: f.fileId, file_unique_id: f.uniqueId, width: 800, height: 800, file_size: f.data.length },
      ];
      this.files.set(`${f.fileId}-s`, f);
    }
    if (input.document) message.document = this.fileObject(this.storeFile(input.document, 'documents', 'application/octet-stream'), true);
    if (input.voice) message.voice = { ...this.fileObject(this.storeFile(input.voice, 'voice', 'audio/ogg'), false), duration: 3, mime_type: input.voice.contentType ?? 'audio/ogg' };
    if (input.video_note) message.video_note = { ...this.fileObject(this.storeFile(input.video_note, 'video_notes', 'video/mp4'), false), length: 240, duration: 3 };
    if (input.sticker) {
      const f = this.storeFile(input.sticker, 'stickers', 'image/webp');
      message.sticker = { ...this.fileObject(f, false), type: 'regular', width: 512, height: 512, is_animated: false, is_video: false, emoji: input.sticker.emoji ?? '🙂' };
    }
    if (input.location) message.location = { latitude: input.location.latitude, longitude: input.location.longitude };
    if (input.contact) {
      const c = input.contact;
      message.contact = {
        phone_number: c.phone_number,
        first_name: c.first_name ?? user.first_name,
        ...(c.last_name ? { last_name: c.last_name } : {}),
        ...(c.user_id === null ? {} : { user_id: c.user_id ?? user.id }),
      };
    }
    chat.messages.push({ fromBot: false, message });
    return this.emit({ message });
  }

  /** The user edits one of their messages (text, or a media message's caption). */
  userEdits(user: EmuUser, messageId: number, text: string): { update: Update; delivered: Promise<number | null> } {
    const chat = this.chatOf(user);
    const entry = chat.messages.find((m) => !m.fromBot && m.message.message_id === messageId);
    if (!entry) throw new BotApiError(400, 'Bad Request: message to edit not found');
    if (entry.message.text !== undefined) entry.message.text = text;
    else entry.message.caption = text;
    entry.message.edit_date = now();
    return this.emit({ edited_message: { ...entry.message } });
  }

  /** The user presses an inline button under one of the bot's messages. */
  userPresses(user: EmuUser, messageId: number, data: string): { update: Update; delivered: Promise<number | null> } {
    const chat = this.chatOf(user);
    const entry = chat.messages.find((m) => m.fromBot && m.message.message_id === messageId);
    const button = entry?.message.reply_markup?.inline_keyboard?.flat().find((b: { callback_data?: string }) => b.callback_data === data);
    if (!entry || !button) throw new BotApiError(400, 'Bad Request: no such button');
    const id = String(randomBytes(8).readBigUInt64BE() >> 1n);
    this.callbacks.set(id, { answered: false });
    return this.emit({ callback_query: { id, from: user, message: entry.message, chat_instance: String(user.id * 7), data } });
  }

  setBlocked(user: EmuUser, blocked: boolean): void {
    this.chatOf(user).blocked = blocked;
  }

  /** The next `times` calls of `method` ('*' for any) answer this error instead. */
  failNext(method: string, errorCode: number, description: string, options: { retryAfter?: number; times?: number } = {}): void {
    this.failures.push({ method, errorCode, description, retryAfter: options.retryAfter, remaining: options.times ?? 1 });
  }

  callbackAnswered(id: string): boolean {
    return !!this.callbacks.get(id)?.answered;
  }

  /** What the bot sent to one chat, oldest first. */
  sentTo(chatId: number): Record<string, any>[] {
    return (this.chats.get(chatId)?.messages ?? []).filter((m) => m.fromBot).map((m) => m.message);
  }

  callsOf(method: string): CallRecord[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Every method but getUpdates (which waits, so the server runs it). Throws BotApiError. */
  call(method: string, params: Record<string, any>, files: Map<string, UploadedFile>): unknown {
    const failure = this.failures.find((f) => f.method === method || f.method === '*');
    if (failure) {
      if (--failure.remaining <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      throw new BotApiError(failure.errorCode, failure.description, failure.retryAfter != null ? { retry_after: failure.retryAfter } : undefined);
    }
    switch (method) {
      case 'getMe':
        return { ...this.user, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
      case 'setWebhook':
        return this.setWebhook(params);
      case 'deleteWebhook':
        this.webhook = null;
        if (bool(params.drop_pending_updates)) this.queue = [];
        return true;
      case 'getWebhookInfo':
        return {
          url: this.webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: this.queue.length,
          ...(this.webhook ? { max_connections: this.webhook.maxConnections, allowed_updates: this.allowedUpdates } : {}),
          ...(this.webhook?.lastErrorDate ? { last_error_date: this.webhook.lastErrorDate, last_error_message: this.webhook.lastErrorMessage } : {}),
        };
      case 'sendMessage':
        return this.send(params, () => this.formatted(params.text, params.parse_mode, 4096, 'message is too long', 'message text is empty'));
      case 'sendPhoto':
      case 'sendDocument':
      case 'sendVoice':
      case 'sendVideo':
      case 'sendAudio':
        return this.sendMedia(method, params, files);
      case 'getFile':
        return this.getFile(params.file_id);
      case 'answerCallbackQuery': {
        const query = this.callbacks.get(String(params.callback_query_id));
        if (!query || query.answered) throw new BotApiError(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
        query.answered = true;
        return true;
      }
      case 'editMessageReplyMarkup': {
        const chat = this.chats.get(Number(params.chat_id));
        const entry = chat?.messages.find((m) => m.fromBot && m.message.message_id === Number(params.message_id));
        if (!entry) throw new BotApiError(400, 'Bad Request: message to edit not found');
        const markup = this.replyMarkup(params.reply_markup);
        if (markup) entry.message.reply_markup = markup;
        else delete entry.message.reply_markup;
        return entry.message;
      }
      default:
        throw new BotApiError(404, 'Not Found');
    }
  }

  /** getUpdates' immediate part: null when the caller should wait for news. */
  takeUpdates(params: Record<string, any>): Update[] {
    if (this.webhook) throw new BotApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    const offset = Number(params.offset ?? 0);
    if (offset > 0) this.queue = this.queue.filter((u) => u.update_id >= offset);
    const allowed = jsonParam(params.allowed_updates);
    if (Array.isArray(allowed)) this.allowedUpdates = allowed.length ? allowed.map(String) : ALL_UPDATES;
    const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100)));
    return this.queue.slice(0, limit);
  }

  fileByPath(path: string): StoredFile | undefined {
    return [...this.files.values()].find((f) => f.path === path);
  }

  private emit(body: Record<string, unknown>): { update: Update; delivered: Promise<number | null> } {
    const update: Update = { update_id: this.nextUpdateId++, ...body };
    const kind = Object.keys(body)[0];
    if (!this.allowedUpdates.includes(kind)) return { update, delivered: Promise.resolve(null) };
    return { update, delivered: this.onUpdate(update) };
  }

  private setWebhook(params: Record<string, any>): true {
    const url = String(params.url ?? '');
    if (!url) {
      this.webhook = null;
      return true;
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new BotApiError(400, 'Bad Request: bad webhook: Failed to resolve host: Name or service not known');
    }
    // Telegram itself wants HTTPS on 443/80/88/8443; a local Bot API server, like this one, takes http.
    if (!/^https?:$/.test(parsed.protocol)) throw new BotApiError(400, 'Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
    const secret = params.secret_token == null ? null : String(params.secret_token);
    if (secret !== null && !/^[A-Za-z0-9_-]{1,256}$/.test(secret)) throw new BotApiError(400, 'Bad Request: secret token contains unallowed characters');
    const allowed = jsonParam(params.allowed_updates);
    if (Array.isArray(allowed)) this.allowedUpdates = allowed.length ? allowed.map(String) : ALL_UPDATES;
    if (bool(params.drop_pending_updates)) this.queue = [];
    this.webhook = { url, secretToken: secret, maxConnections: Number(params.max_connections ?? 40) };
    return true;
  }

  private send(params: Record<string, any>, content: () => Record<string, unknown>): Record<string, unknown> {
    const chat = this.targetChat(params.chat_id);
    const body = content();
    const markup = this.replyMarkup(params.reply_markup);
    this.throttle(chat.user.id);
    const message: Record<string, any> = { message_id: chat.nextMessageId++, from: this.user, chat: this.chatObject(chat.user), date: now(), ...body };
    if (markup) message.reply_markup = markup;
    const replyTo = jsonParam(params.reply_parameters)?.message_id ?? params.reply_to_message_id;
    if (replyTo) message.reply_to_message = chat.messages.find((m) => m.message.message_id === Number(replyTo))?.message;
    chat.messages.push({ fromBot: true, message });
    return message;
  }

  private sendMedia(method: string, params: Record<string, any>, files: Map<string, UploadedFile>): Record<string, unknown> {
    const field = method.slice(4).toLowerCase();
    const upload = files.get(field);
    const known = typeof params[field] === 'string' ? this.files.get(params[field]) : undefined;
    if (!upload && !known) throw new BotApiError(400, `Bad Request: there is no ${field} in the request`);
    return this.send(params, () => {
      const caption = params.caption ? this.formatted(params.caption, params.parse_mode, 1024, 'message caption is too long', null) : {};
      const stored = known ?? this.storeFile(upload!, `${field}s`, upload!.contentType ?? 'application/octet-stream');
      const media = field === 'photo'
        ? [{ file_id: stored.fileId, file_unique_id: stored.uniqueId, width: 800, height: 800, file_size: stored.data.length }]
        : this.fileObject(stored, true);
      return { [field]: media, ...(caption.text !== undefined ? { caption: caption.text, ...(caption.entities ? { caption_entities: caption.entities } : {}) } : {}) };
    });
  }

  private formatted(raw: unknown, parseMode: unknown, max: number, tooLong: string, empty: string | null): { text?: string; entities?: MessageEntity[] } {
    let text = raw == null ? '' : String(raw);
    let entities: MessageEntity[] | undefined;
    if (String(parseMode ?? '').toUpperCase() === 'HTML') {
      try {
        ({ text, entities } = parseBotApiHtml(text));
      } catch (err) {
        throw new BotApiError(400, `Bad Request: ${(err as Error).message}`);
      }
    } else if (parseMode) {
      throw new BotApiError(400, `Bad Request: unsupported parse_mode "${parseMode}" (this emulator knows HTML)`);
    }
    if (empty && !text.trim()) throw new BotApiError(400, `Bad Request: ${empty}`);
    if (text.length > max) throw new BotApiError(400, `Bad Request: ${tooLong}`);
    return { text, ...(entities?.length ? { entities } : {}) };
  }

  private replyMarkup(raw: unknown): Record<string, unknown> | null {
    const markup = jsonParam(raw);
    if (markup == null) return null;
    if (typeof markup !== 'object') throw new BotApiError(400, "Bad Request: can't parse reply keyboard markup JSON object");
    const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
    if (rows === undefined) return markup as Record<string, unknown>;
    if (!Array.isArray(rows) || !rows.every(Array.isArray)) throw new BotApiError(400, 'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
    for (const button of rows.flat()) {
      if (!button || typeof button.text !== 'string' || !button.text) throw new BotApiError(400, 'Bad Request: text buttons are unallowed in the inline keyboard');
      if (button.callback_data !== undefined && (typeof button.callback_data !== 'string' || !button.callback_data || Buffer.byteLength(button.callback_data) > 64)) {
        throw new BotApiError(400, 'Bad Request: BUTTON_DATA_INVALID');
      }
      if (button.callback_data === undefined && button.url === undefined) throw new BotApiError(400, 'Bad Request: can\'t find field "callback_data" or "url" in an inline keyboard button');
      if (button.url !== undefined && !/^(https?|tg):\/\//.test(String(button.url))) throw new BotApiError(400, 'Bad Request: BUTTON_URL_INVALID');
    }
    return { inline_keyboard: rows };
  }

  private targetChat(chatId: unknown): ChatLog {
    const id = Number(chatId);
    const chat = Number.isSafeInteger(id) ? this.chats.get(id) : undefined;
    // A bot cannot start a conversation: only users who wrote to it have a chat.
    if (!chat) throw new BotApiError(400, 'Bad Request: chat not found');
    if (chat.blocked) throw new BotApiError(403, 'Forbidden: bot was blocked by the user');
    return chat;
  }

  /** The simulated flood control: counts this send or answers 429 with a retry_after. */
  private throttle(chatId: number): void {
    const at = Date.now();
    const windows: [string, number][] = [[`chat:${chatId}`, this.limits.perChatPerSecond], ['bot', this.limits.perBotPerSecond]];
    for (const [key, limit] of windows) {
      const recent = (this.sendTimes.get(key) ?? []).filter((t) => t > at - 1000);
      this.sendTimes.set(key, recent);
      if (recent.length >= limit) {
        const retryAfter = Math.max(1, Math.ceil((recent[0] + 1000 - at) / 1000));
        throw new BotApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
      }
    }
    for (const [key] of windows) this.sendTimes.get(key)!.push(at);
  }

  private getFile(fileId: unknown): Record<string, unknown> {
    const file = this.files.get(String(fileId ?? ''));
    if (!file) throw new BotApiError(400, 'Bad Request: invalid file_id');
    if (file.data.length > MAX_DOWNLOAD) throw new BotApiError(400, 'Bad Request: file is too big');
    return { file_id: String(fileId), file_unique_id: file.uniqueId, file_size: file.data.length, file_path: file.path };
  }

  private storeFile(upload: UploadedFile, folder: string, contentType: string): StoredFile {
    const n = this.nextFile++;
    const ext = (upload.fileName ?? '').match(/\.[A-Za-z0-9]{1,8}$/)?.[0] ?? '';
    const file: StoredFile = {
      fileId: `BQAC${this.id}_${n}_${randomBytes(6).toString('hex')}`,
      uniqueId: `AgAD${n}${randomBytes(3).toString('hex')}`,
      path: `${folder}/file_${n}${ext}`,
      data: upload.data,
      contentType: upload.contentType || contentType,
      fileName: upload.fileName ?? null,
    };
    this.files.set(file.fileId, file);
    return file;
  }

  private fileObject(f: StoredFile, withName: boolean): Record<string, unknown> {
    return { file_id: f.fileId, file_unique_id: f.uniqueId, file_size: f.data.length, mime_type: f.contentType, ...(withName && f.fileName ? { file_name: f.fileName } : {}) };
  }

  private chatOf(user: EmuUser): ChatLog {
    let chat = this.chats.get(user.id);
    if (!chat) {
      chat = { user, blocked: false, nextMessageId: 1, messages: [] };
      this.chats.set(user.id, chat);
    }
    chat.user = { ...chat.user, ...user };
    return chat;
  }

  private chatObject(user: EmuUser): Record<string, unknown> {
    return { id: user.id, type: 'private', first_name: user.first_name, ...(user.last_name ? { last_name: user.last_name } : {}), ...(user.username ? { username: user.username } : {}) };
  }
}

const now = () => Math.floor(Date.now() / 1000);
const bool = (v: unknown) => v === true || v === 'true';

/** Multipart and query parameters arrive as strings: objects among them are JSON. */
function jsonParam(v: unknown): any {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
