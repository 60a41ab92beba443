import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AttachmentDto } from '@parley/contracts';
import {
  ATTACHMENT_SINK, AttachmentSink, ChannelAdapter, DeliveryStatusUpdate, FetchedMedia, InboundMessage, InboundRequest, InboxRef, MediaReference,
  OutboundMessage, PermanentDeliveryError, SendContext, SendResult, WebhookAck,
} from '@parley/channels-core';
import { callViber, deliveryError, ViberApiError, type ViberFetch } from './viber-api';
import { EVENT_TYPES, inboundOf, readCallback, signatureValid, STATUS_EVENTS, statusOf, type ViberCallback } from './viber-callback';
import { readViberConfig, type ViberConfig } from './viber-config';
import { keyboardOf } from './viber-keyboard';
import { viberFileKind, viberFilesRefusal } from './viber-files';
import { fetchViberMedia } from './viber-media';

export const VIBER_OPTIONS = Symbol('VIBER_OPTIONS');

export interface ViberOptions {
  /** PUBLIC_URL: where Viber fetches the files we send. */
  publicUrl: string;
  /** Inbound media larger than this is not kept (recorded on the message instead). */
  maxMediaBytes: number;
  /** Tests replace the platform fetch. */
  fetch?: ViberFetch;
}

/** https://developers.viber.com/docs/api/rest-bot-api/#send-message: text up to 7,000 characters, a picture's text 768. */
export const MAX_TEXT = 7000;
const MAX_CAPTION = 768;

/** What went out of a message sent in several parts, so a retry continues instead of repeating. */
interface Progress {
  tokens: string[];
  /** The last part failed with Viber's refusal: nothing of it went out, the rest may follow. */
  clean: boolean;
}

/**
 * Viber bots through Viber's REST Bot API (chatapi.viber.com/pa, or the inbox's `apiBaseUrl`) with the
 * platform fetch. One callback URL per bot carries messages, subscriptions and delivery reports, all
 * signed with the bot's token. Messages go through the `inbound` queue and are acknowledged once
 * queued (Viber does not order callbacks anyway); media are fetched by the worker afterwards.
 */
@Injectable()
export class ViberAdapter implements ChannelAdapter {
  readonly channel = 'viber' as const;
  readonly provider = 'viber';
  private readonly logger = new Logger(ViberAdapter.name);
  private readonly progress = new Map<string, Progress>();

  constructor(@Inject(ATTACHMENT_SINK) private readonly store: AttachmentSink, @Inject(VIBER_OPTIONS) private readonly options: ViberOptions) {}

  private call(config: ViberConfig, method: string, body: Record<string, unknown>) {
    return callViber(config, method, body, this.options.fetch ?? fetch);
  }

  /** get_account_info checks the token; set_webhook points the bot at this inbox (Viber calls it once to check). */
  async configure(inbox: InboxRef, context: { publicUrl: string }): Promise<Record<string, unknown>> {
    const config = readViberConfig(inbox.config);
    const account = await this.call(config, 'get_account_info', {}).catch((err) => {
      throw new Error(err instanceof ViberApiError && err.status === 2 ? 'the auth token was refused by Viber' : `get_account_info failed: ${err.message}`);
    });
    await this.call(config, 'set_webhook', { url: `${context.publicUrl}/webhooks/viber/${inbox.id}`, event_types: [...EVENT_TYPES], send_name: true, send_photo: true }).catch((err) => {
      throw new Error(`set_webhook failed: ${err.message}`);
    });
    return {
      ...inbox.config,
      authToken: config.authToken,
      ...(typeof account.id === 'string' ? { botId: account.id } : {}),
      ...(typeof account.name === 'string' ? { botName: account.name } : {}),
      ...(typeof account.uri === 'string' ? { botUri: account.uri } : {}),
    };
  }

  /** A file Viber would refuse (over 50 MB, an executable) is refused before the reply is stored. */
  checkSendable(context: SendContext): string | null {
    return viberFilesRefusal(context.attachments ?? []);
  }

  handshake(request: InboundRequest): WebhookAck | null {
    return eventOf(request.body) === 'webhook' ? { status: 200 } : null;
  }

  verify(request: InboundRequest, inbox: InboxRef): boolean {
    const token = inbox.config.authToken;
    const signature = request.headers['x-viber-content-signature'];
    return typeof token === 'string' && !!token && signatureValid(request.rawBody, Array.isArray(signature) ? signature[0] : signature, token.trim());
  }

  isStatusReport(request: InboundRequest): boolean {
    return STATUS_EVENTS.has(eventOf(request.body) ?? '');
  }

  parse(request: InboundRequest, inbox: InboxRef): InboundMessage[] {
    const inbound = inboundOf(readCallback(request.body), request.rawBody, inbox.id);
    return inbound ? [inbound] : [];
  }

  parseStatus(request: InboundRequest): DeliveryStatusUpdate[] {
    return statusOf(readCallback(request.body), request.rawBody);
  }

  /** Viber wants 200; to `conversation_started` the body is the welcome message, in the customer's language. */
  acknowledge(request?: InboundRequest, inbox?: InboxRef): WebhookAck {
    const callback = request?.body as ViberCallback | undefined;
    if (callback?.event !== 'conversation_started' || !inbox) return { status: 200 };
    const config = readViberConfig(inbox.config);
    const ru = /^(ru|be|uk|kk)\b/i.test(String(callback.user?.language ?? ''));
    const brand = config.senderName;
    const text = (ru ? config.welcomeMessage.ru : config.welcomeMessage.en)
      ?? (ru ? `Здравствуйте! Это ${brand}. Напишите свой вопрос — мы ответим здесь.` : `Hello! This is ${brand}. Write your question and we will answer here.`);
    const welcome = { sender: senderOf(config), type: 'text', text, min_api_version: 1 };
    return { status: 200, contentType: 'application/json', body: JSON.stringify(welcome) };
  }

  async fetchMedia(inbox: InboxRef, providerMessageId: string, media: MediaReference[]): Promise<FetchedMedia> {
    const config = readViberConfig(inbox.config);
    const fetched = await fetchViberMedia(providerMessageId, media, config.authToken, this.store, this.options.maxMediaBytes, this.options.fetch ?? fetch);
    if (fetched.skipped.length) this.logger.warn({ inboxId: inbox.id, token: providerMessageId, skipped: fetched.skipped.map((s) => s.reason) }, 'inbound media not fetched');
    return fetched;
  }

  async send(message: OutboundMessage, inbox: InboxRef): Promise<SendResult> {
    let config: ViberConfig;
    try {
      config = readViberConfig(inbox.config);
    } catch (err) {
      throw new PermanentDeliveryError(`The inbox's Viber settings are incomplete: ${err.message}`);
    }
    const refused = viberFilesRefusal(message.attachments);
    if (refused) throw new PermanentDeliveryError(refused, 'file_refused');
    const parts = this.partsOf(message, config);
    const progress = this.progress.get(message.messageId) ?? { tokens: [], clean: true };
    for (let i = progress.tokens.length; i < parts.length; i++) {
      try {
        const answer = await this.call(config, 'send_message', parts[i]);
        if (!answer.messageToken) throw new Error('Viber answered send_message without a message_token');
        progress.tokens.push(answer.messageToken);
        progress.clean = true;
        this.remember(message.messageId, progress);
      } catch (err) {
        const error = deliveryError(err);
        if ((error as PermanentDeliveryError).permanent) {
          this.progress.delete(message.messageId);
          throw error;
        }
        const refused = !!(error as { notSent?: boolean }).notSent;
        // Nothing went out yet and Viber refused: a plain retry. Parts went out: the next attempt
        // continues after them here (findSent); a lost answer: nobody knows (findSent says so).
        if (refused && progress.tokens.length === 0) {
          this.progress.delete(message.messageId);
          throw error;
        }
        this.remember(message.messageId, { tokens: progress.tokens, clean: refused });
        throw new Error(error.message);
      }
    }
    this.progress.delete(message.messageId);
    const last = progress.tokens[progress.tokens.length - 1] ?? null;
    return { providerMessageId: last, status: 'sent', metadata: { viberTokens: progress.tokens } };
  }

  /**
   * Viber has no way to ask what a bot sent (no message lookup, no idempotency key; delivery reports
   * name only the token we never got). After an attempt whose answer was lost, sending again could
   * show the customer the message twice, so it is not sent again: it fails with a reason that says
   * it may have arrived. Parts of a multi-part message that went out before Viber refused the next
   * are remembered in this process, and the retry continues after them.
   */
  async findSent(message: OutboundMessage): Promise<SendResult | null> {
    const progress = this.progress.get(message.messageId);
    if (progress?.clean) return null;
    this.progress.delete(message.messageId);
    throw new PermanentDeliveryError(
      "Viber's answer to this message was lost, so it may have reached the customer; it was not sent again, so it cannot arrive twice. Send it again if the customer did not get it.",
      'uncertain',
    );
  }

  /** The send_message bodies of one reply: its files (the first carrying a short text), then its text, the keyboard on the last. */
  partsOf(message: OutboundMessage, config: ViberConfig): Record<string, unknown>[] {
    const base = { receiver: message.recipient.externalId, min_api_version: 1, sender: senderOf(config) };
    const text = message.content.trim() ? message.content : '';
    const files = message.attachments.map((a) => this.fileBody(a));
    const captioned = files.length === 1 && files[0].type === 'picture' && text.length > 0 && text.length <= MAX_CAPTION;
    const bodies: Record<string, unknown>[] = files.map((f) => ({ ...base, ...f, ...(captioned ? { text } : {}) }));
    if (!captioned) for (const chunk of splitText(text)) bodies.push({ ...base, type: 'text', text: chunk });
    const keyboard = keyboardOf(message.metadata?.buttons);
    if (keyboard && bodies.length) {
      Object.assign(bodies[bodies.length - 1], { keyboard: keyboard.keyboard, ...(keyboard.trackingData ? { tracking_data: keyboard.trackingData } : {}) });
    }
    return bodies;
  }

  private fileBody(a: AttachmentDto): Record<string, unknown> {
    const media = new URL(a.url, this.options.publicUrl + '/').toString();
    const kind = viberFileKind(a);
    if ('type' in kind && kind.type === 'picture') return { type: 'picture', media, text: '' };
    if ('type' in kind && kind.type === 'video') return { type: 'video', media, size: a.size ?? 1 };
    return { type: 'file', media, size: a.size ?? 1, file_name: (a.fileName ?? 'file').slice(0, 255) };
  }

  private remember(messageId: string, progress: Progress): void {
    this.progress.set(messageId, progress);
    // Bounded: an entry outlives its message only when its last attempt also failed.
    if (this.progress.size > 1000) this.progress.delete(this.progress.keys().next().value!);
  }
}

function senderOf(config: ViberConfig): Record<string, string> {
  return { name: config.senderName, ...(config.senderAvatar ? { avatar: config.senderAvatar } : {}) };
}

function eventOf(body: unknown): string | null {
  return body && typeof body === 'object' && typeof (body as { event?: unknown }).event === 'string' ? (body as { event: string }).event : null;
}

/** Text over Viber's 7,000 characters in parts, cut at a line break or space where there is one. */
export function splitText(text: string): string[] {
  const parts: string[] = [];
  let rest = text;
  while ([...rest].length > MAX_TEXT) {
    const head = [...rest].slice(0, MAX_TEXT).join('');
    const cut = Math.max(head.lastIndexOf('\n'), head.lastIndexOf(' '));
    const at = cut > MAX_TEXT / 2 ? cut : head.length;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^[\n ]/, '');
  }
  if (rest.trim()) parts.push(rest);
  return parts;
}
