import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Telegram, TelegramError } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { AttachmentDto } from '@parley/contracts';
import {
  ATTACHMENT_STORE, AttachmentStorePort, ChannelAdapter, InboundMessage, InboundRequest, InboxRef, OutboundMessage, PermanentDeliveryError,
  SendResult,
} from '@parley/channels-core';
import { readTelegramConfig, TELEGRAM_API_ROOT, type TelegramConfig } from './telegram-config';
import { MAX_CAPTION, splitText, toTelegramHtml } from './telegram-html';
import { ALLOWED_UPDATES, messageKey, readUpdate, type TgFileRef } from './telegram-update';
import { SendLimiter } from './send-limiter';

/** Longest retry_after waited out inside one delivery; longer ones go back to the queue. */
const MAX_INLINE_WAIT_MS = 15_000;
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

type InlineButton = InlineKeyboardButton.CallbackButton | InlineKeyboardButton.UrlButton;

/**
 * Telegram bots through telegraf's Bot API client, one client per bot token. Webhook inboxes get
 * `setWebhook` with a secret token when saved; polling inboxes are read by TelegramPolling in the
 * worker. Both paths turn updates into messages here (readUpdate + file downloads).
 */
@Injectable()
export class TelegramAdapter implements ChannelAdapter {
  readonly channel = 'telegram' as const;
  readonly provider = 'telegram';
  // Telegram sends one chat's updates one at a time and waits for our answer: storing before
  // answering keeps every chat in order, and a failed store is simply delivered again.
  readonly ingestInline = true;

  private readonly logger = new Logger(TelegramAdapter.name);
  private readonly clients = new Map<string, Telegram>();
  private readonly limiter = new SendLimiter();
  /** Parts of a multi-part message already sent, so a retried delivery does not repeat them. */
  private readonly partsSent = new Map<string, number[]>();

  constructor(@Inject(ATTACHMENT_STORE) private readonly attachments: AttachmentStorePort) {}

  /** The Bot API client of one bot (telegraf's `telegram: { apiRoot }`), reused across calls. */
  client(config: TelegramConfig): Telegram {
    const root = config.apiBaseUrl ?? TELEGRAM_API_ROOT;
    const key = `${root}\n${config.botToken}`;
    let client = this.clients.get(key);
    if (!client) {
      client = new Telegram(config.botToken, { apiRoot: root, webhookReply: false });
      this.clients.set(key, client);
    }
    return client;
  }

  async configure(inbox: InboxRef, context: { publicUrl: string }): Promise<Record<string, unknown>> {
    const config = readTelegramConfig(inbox.config);
    const tg = this.client(config);
    const me = await tg.getMe().catch((err) => {
      throw new Error(this.describe(err, config, 'the bot token was refused by Telegram'));
    });
    const secretToken = config.secretToken ?? randomBytes(24).toString('base64url');
    try {
      if (config.mode === 'webhook') {
        await tg.setWebhook(`${context.publicUrl}/webhooks/telegram/${inbox.id}`, { secret_token: secretToken, allowed_updates: [...ALLOWED_UPDATES], max_connections: config.maxConnections });
      } else {
        // getUpdates answers 409 while a webhook is set.
        await tg.deleteWebhook();
      }
    } catch (err) {
      throw new Error(this.describe(err, config, config.mode === 'webhook' ? 'setWebhook failed' : 'deleteWebhook failed'));
    }
    return {
      ...inbox.config,
      botToken: config.botToken,
      secretToken,
      mode: config.mode,
      ...(config.apiBaseUrl ? { apiBaseUrl: config.apiBaseUrl } : {}),
      botId: me.id,
      botUsername: me.username,
    };
  }

  verify(request: InboundRequest, inbox: InboxRef): boolean {
    const expected = inbox.config.secretToken;
    const given = request.headers['x-telegram-bot-api-secret-token'];
    if (typeof expected !== 'string' || !expected || typeof given !== 'string') return false;
    const a = Buffer.from(given);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  parse(request: InboundRequest, inbox: InboxRef): Promise<InboundMessage[]> {
    return this.inboundOf(request.body, inbox);
  }

  /** One update (from a webhook or getUpdates) → the messages to store, files fetched and saved. */
  async inboundOf(update: unknown, inbox: InboxRef): Promise<InboundMessage[]> {
    const read = readUpdate(update, inbox.id);
    if (!read) return [];
    const config = readTelegramConfig(inbox.config);
    if (read.callbackQueryId) {
      // Stops the spinner on the customer's button; the press itself is recorded as a message.
      await this.client(config).answerCbQuery(read.callbackQueryId).catch((err: unknown) => {
        this.logger.warn({ inboxId: inbox.id, error: this.describe(err, config, 'answerCallbackQuery failed') }, 'callback query not answered');
      });
    }
    if (read.files.length === 0) return [read.inbound];
    const attachments: AttachmentDto[] = [];
    const skipped: { fileName: string; reason: string }[] = [];
    for (const file of read.files) {
      const saved = await this.download(file, config);
      if ('reason' in saved) skipped.push({ fileName: file.fileName, reason: saved.reason });
      else attachments.push(saved);
    }
    const metadata = skipped.length ? { ...read.inbound.metadata, skippedAttachments: skipped } : read.inbound.metadata;
    return [{ ...read.inbound, attachments, metadata }];
  }

  /**
   * getFile, then the file's bytes into the attachment store. A file Telegram will not hand out
   * (over its 20 MB bot limit) or one over ours is noted and skipped; a network failure throws, so
   * the update is delivered again.
   */
  private async download(file: TgFileRef, config: TelegramConfig): Promise<AttachmentDto | { reason: string }> {
    if (file.size != null && file.size > this.attachments.maxBytes) return { reason: 'too large' };
    let link: URL;
    try {
      link = await this.client(config).getFileLink(file.fileId);
    } catch (err) {
      if (err instanceof TelegramError && err.code === 400) return { reason: err.description };
      throw new ServiceUnavailableException(this.describe(err, config, 'getFile failed'));
    }
    // A local Bot API server in --local mode answers with a path on its own disk.
    if (link.protocol === 'file:') return { reason: 'the Bot API server keeps files on its own disk' };
    const res = await fetch(link, { signal: AbortSignal.timeout(60_000) }).catch((err) => {
      throw new ServiceUnavailableException(`Could not download a Telegram file: ${this.redact(String(err.message), config)}`);
    });
    if (res.status >= 500) throw new ServiceUnavailableException(`Could not download a Telegram file: HTTP ${res.status}`);
    if (!res.ok) return { reason: `HTTP ${res.status}` };
    const data = Buffer.from(await res.arrayBuffer());
    if (data.length > this.attachments.maxBytes) return { reason: 'too large' };
    return this.attachments.save({ data, contentType: file.contentType, fileName: file.fileName });
  }

  async send(message: OutboundMessage, inbox: InboxRef): Promise<SendResult> {
    const config = readTelegramConfig(inbox.config);
    const tg = this.client(config);
    const chatId = String(message.identityMetadata?.chatId ?? message.recipient.externalId);
    const keyboard = inlineKeyboard(message.metadata?.buttons);
    const texts = message.content.trim() ? splitText(message.content) : [];
    // One file and a short text: the text is its caption, as a person would send it.
    const captioned = message.attachments.length === 1 && texts.length === 1 && message.content.length <= MAX_CAPTION;
    const parts: (() => Promise<{ message_id: number }>)[] = [];
    message.attachments.forEach((attachment, i) => {
      const last = i === message.attachments.length - 1 && (captioned || texts.length === 0);
      parts.push(() => this.sendFile(tg, chatId, attachment, captioned ? texts[0] : null, last ? keyboard : null));
    });
    if (!captioned) {
      texts.forEach((text, i) => {
        const extra = { parse_mode: 'HTML' as const, ...(i === texts.length - 1 && keyboard ? { reply_markup: { inline_keyboard: keyboard } } : {}) };
        parts.push(() => tg.sendMessage(chatId, toTelegramHtml(text), extra));
      });
    }
    const sent = this.partsSent.get(message.messageId) ?? [];
    try {
      for (let i = sent.length; i < parts.length; i++) {
        const result = await this.call(config, chatId, parts[i]);
        sent.push(result.message_id);
        this.partsSent.set(message.messageId, sent);
        // Bounded: an entry outlives its message only when the last retry also failed.
        if (this.partsSent.size > 1000) this.partsSent.delete(this.partsSent.keys().next().value!);
      }
    } catch (err) {
      if ((err as PermanentDeliveryError).permanent) this.partsSent.delete(message.messageId);
      throw err;
    }
    this.partsSent.delete(message.messageId);
    const last = sent[sent.length - 1];
    return { providerMessageId: last != null ? messageKey(chatId, last) : null, status: 'sent', metadata: { telegramMessageIds: sent } };
  }

  private async sendFile(tg: Telegram, chatId: string, attachment: AttachmentDto, caption: string | null, keyboard: InlineButton[][] | null) {
    const id = attachment.id ?? attachment.url.split('/').pop() ?? '';
    const stored = await this.attachments.read(id);
    if (!stored) throw new PermanentDeliveryError(`The attachment ${attachment.fileName ?? id} no longer exists`, 'attachment_missing');
    const input = { source: stored.data, filename: stored.fileName ?? attachment.fileName ?? 'file' };
    const extra = {
      ...(caption ? { caption: toTelegramHtml(caption), parse_mode: 'HTML' as const } : {}),
      ...(keyboard ? { reply_markup: { inline_keyboard: keyboard } } : {}),
    };
    return PHOTO_TYPES.has(stored.contentType) ? tg.sendPhoto(chatId, input, extra) : tg.sendDocument(chatId, input, extra);
  }

  /**
   * One Bot API call within the send limits. A 429 pauses the chat for retry_after and is waited
   * out here when short (nothing was sent, so the retry cannot duplicate); a 403 means the user
   * blocked the bot or left Telegram: permanent, and the identity becomes unreachable.
   */
  private async call<T>(config: TelegramConfig, chatId: string, op: () => Promise<T>): Promise<T> {
    const bot = config.botToken.split(':')[0];
    for (let attempt = 1; ; attempt++) {
      await this.limiter.acquire(bot, chatId);
      try {
        return await op();
      } catch (err) {
        if (!(err instanceof TelegramError)) throw new Error(this.describe(err, config, 'Telegram unreachable'));
        const reason = `${err.code}: ${err.description}`;
        if (err.code === 429) {
          const waitMs = Math.max(1, Number(err.parameters?.retry_after ?? 1)) * 1000;
          this.limiter.pause(bot, chatId, waitMs);
          if (waitMs <= MAX_INLINE_WAIT_MS && attempt < 3) continue;
          throw new Error(`Telegram rate limit (${reason}), retry after ${waitMs / 1000} s`);
        }
        if (err.code === 403) throw new PermanentDeliveryError(`Telegram refused: ${err.description}`, 'blocked', { unreachable: true });
        if (err.code === 401 || err.code === 404) throw new PermanentDeliveryError('The bot token was refused by Telegram', 'unauthorized');
        if (err.code === 400) throw new PermanentDeliveryError(`Telegram refused the message: ${err.description}`, 'bad_request');
        throw new Error(`Telegram error ${reason}`);
      }
    }
  }

  /** An error for people: the Bot API's own words, never the token. */
  private describe(err: unknown, config: TelegramConfig, what: string): string {
    if (err instanceof TelegramError) return `${what} (${err.code}: ${err.description})`;
    const root = config.apiBaseUrl ?? TELEGRAM_API_ROOT;
    return this.redact(`${what}: cannot reach the Bot API at ${root} (${(err as Error)?.message ?? err})`, config);
  }

  private redact(text: string, config: TelegramConfig): string {
    return text.split(config.botToken).join('[token]');
  }
}

/**
 * The reply's `metadata.buttons` ([{text, data?, url?}]) → an inline keyboard. Short labels (a
 * 1–5 rating) share a row; longer ones get a row each, as Telegram clients show them best.
 */
export function inlineKeyboard(buttons: unknown): InlineButton[][] | null {
  if (!Array.isArray(buttons)) return null;
  const keys: InlineButton[] = buttons
    .filter((b): b is { text: string; data?: unknown; url?: unknown } => !!b && typeof b === 'object' && typeof b.text === 'string' && !!b.text.trim())
    .map((b) => (typeof b.url === 'string' && b.url ? { text: b.text, url: b.url } : { text: b.text, callback_data: fitBytes(typeof b.data === 'string' && b.data ? b.data : b.text, 64) }));
  if (keys.length === 0) return null;
  return keys.length <= 8 && keys.every((k) => k.text.length <= 6) ? [keys] : keys.map((k) => [k]);
}

/** callback_data is limited to 64 bytes, not characters. */
function fitBytes(text: string, max: number): string {
  let out = text;
  while (Buffer.byteLength(out) > max) out = out.slice(0, -1);
  return out;
}
