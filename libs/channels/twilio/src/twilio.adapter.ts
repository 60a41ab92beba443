import { Inject, Injectable, Logger, UnsupportedMediaTypeException } from '@nestjs/common';
import twilio from 'twilio';
import type { Channel, DeliveryStatus } from '@parley/contracts';
import {
  ATTACHMENT_SINK, AttachmentSink, ChannelAdapter, DeliveryStatusUpdate, FetchedMedia, InboundMessage, InboundRequest, InboxRef, MediaReference,
  notSent, OutboundMessage, PermanentDeliveryError, RecordedLookup, SendContext, SendResult, WebhookAck,
} from '@parley/channels-core';
import { optKeywordOf } from './opt-out-keywords';
import { asRegion, senderKey, toE164, whatsappAddress } from './phone-number';
import { TwilioClients } from './twilio-client';
import { isTransientStatus, twilioErrorText } from './twilio-errors';
import { normalizeTwilioConfig, readTwilioConfig, templateOf, templateProblem, TwilioInboxConfig } from './twilio-inbox-config';
import { fetchInboundMedia, inboundMediaReferences } from './twilio-media';
import { whatsappWindowRefusal } from '@parley/domain';

export const TWILIO_OPTIONS = Symbol('TWILIO_OPTIONS');

export interface TwilioOptions {
  /** PUBLIC_URL: where Twilio reaches our webhooks and fetches outbound media. */
  publicUrl: string;
  /** ISO country for numbers typed without a country code (DEFAULT_PHONE_REGION). */
  defaultPhoneRegion: string;
  /** Inbound media larger than this is not kept (recorded on the message instead). */
  maxMediaBytes: number;
}

/** Our clock against Twilio's, when matching an interrupted attempt with the message it may have created. */
const CLOCK_SKEW_MS = 60_000;
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/** Twilio's message statuses (https://www.twilio.com/docs/messaging/api/message-resource#message-status-values). */
const STATUSES: Record<string, DeliveryStatus> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'queued',
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
};

/** A Twilio number's webhook nobody has set yet (new numbers point at Twilio's demo reply). */
const UNSET_WEBHOOKS = new Set(['', 'https://demo.twilio.com/welcome/sms/reply', 'https://demo.twilio.com/welcome/sms/reply/']);

/**
 * SMS and WhatsApp through Twilio's Programmable Messaging: one adapter class, one instance per
 * channel (they share webhooks, the SDK and status callbacks; WhatsApp adds the 24-hour window,
 * templates and profile names). Identities are E.164 numbers on both channels, which is what lets
 * identity resolution put one person's SMS and WhatsApp on one customer.
 */
export abstract class TwilioAdapter implements ChannelAdapter {
  abstract readonly channel: Extract<Channel, 'sms' | 'whatsapp'>;
  readonly provider = 'twilio';
  /** Twilio reports queued → sent within seconds and delivered within minutes; ten minutes of silence means a lost callback. */
  readonly statusLookupAfterMs = 10 * 60_000;
  protected readonly logger = new Logger(`TwilioAdapter`);
  private readonly clients = new TwilioClients();
  private readonly region: string;

  constructor(private readonly store: AttachmentSink, private readonly options: TwilioOptions) {
    const region = asRegion(options.defaultPhoneRegion);
    if (!region) throw new Error(`DEFAULT_PHONE_REGION must be an ISO country code such as RU, US or GB (got ${options.defaultPhoneRegion})`);
    this.region = region;
  }

  acknowledge(): WebhookAck {
    return { status: 200, contentType: 'text/xml', body: EMPTY_TWIML };
  }

  async configure(inbox: InboxRef, context: { publicUrl: string }): Promise<Record<string, unknown>> {
    const normalized = normalizeTwilioConfig(inbox.config, this.channel, this.region);
    const config = readTwilioConfig(normalized, this.channel);
    const client = this.clients.get(config);
    try {
      await client.api.v2010.accounts(config.accountSid).fetch();
    } catch (err) {
      if (err instanceof twilio.RestException && (err.status === 401 || err.status === 403 || err.status === 404)) {
        throw new Error('Twilio rejected the Account SID and Auth Token');
      }
      throw new Error(`Twilio could not be reached at ${config.apiBaseUrl} (${err.message})`);
    }
    await this.pointNumberAtParley(client, config, `${context.publicUrl}/webhooks/twilio/${inbox.id}`);
    return normalized;
  }

  verify(request: InboundRequest, inbox: InboxRef): boolean {
    const signature = header(request, 'x-twilio-signature');
    if (!signature) return false;
    let config: TwilioInboxConfig;
    try {
      config = readTwilioConfig(inbox.config, this.channel);
    } catch {
      return false;
    }
    // Twilio signs JSON bodies (rare in messaging) through a bodySHA256 query parameter.
    if (new URL(request.url).searchParams.has('bodySHA256')) {
      return twilio.validateRequestWithBody(config.authToken, signature, request.url, request.rawBody?.toString('utf8') ?? '');
    }
    if (!/^application\/x-www-form-urlencoded\b/i.test(header(request, 'content-type') ?? '')) {
      throw new UnsupportedMediaTypeException('Twilio webhooks are form-encoded (application/x-www-form-urlencoded)');
    }
    return twilio.validateRequest(config.authToken, signature, request.url, formParams(request.body));
  }

  async parse(request: InboundRequest, inbox: InboxRef): Promise<InboundMessage[]> {
    const p = formParams(request.body);
    const config = readTwilioConfig(inbox.config, this.channel);
    const sid = p.MessageSid || p.SmsMessageSid || p.SmsSid;
    if (!sid) throw new Error('MessageSid is required');
    if (!p.From) throw new Error('From is required');
    if (p.AccountSid && p.AccountSid !== config.accountSid) throw new Error('AccountSid does not match this inbox');
    const phone = toE164(p.From, this.region);
    const profileName = this.channel === 'whatsapp' ? p.ProfileName?.trim() || null : null;
    // Only the references: the worker fetches them once the message is stored (fetchMedia).
    const media = inboundMediaReferences(p);
    const keyword = optKeywordOf(p);
    const now = new Date().toISOString();
    return [
      {
        inboxId: inbox.id,
        channel: this.channel,
        providerMessageId: sid,
        sender: { externalId: phone ?? senderKey(p.From, this.region), displayName: profileName, phone },
        content: contentOf(p),
        attachments: [],
        ...(media.length ? { media } : {}),
        metadata: compact({
          to: p.To,
          segments: p.NumSegments ? Number(p.NumSegments) : undefined,
          keyword: keyword ?? undefined,
          mediaPending: media.length || undefined,
        }),
        identityUpdate:
          keyword === 'stop'
            ? { optedOut: true, metadata: { optedOutAt: now } }
            : keyword === 'start'
              ? { optedOut: false, metadata: { optedInAt: now } }
              : keyword === 'help'
                ? { metadata: { helpRequestedAt: now } }
                : undefined,
        customerFill: { name: profileName, phone },
        // Twilio vouches for From: a customer already known by this number elsewhere (a shared
        // Telegram contact, a phone an agent recorded) becomes this one.
        ...(phone ? { verifiedPhone: phone } : {}),
      },
    ];
  }

  async fetchMedia(inbox: InboxRef, providerMessageId: string, media: MediaReference[]): Promise<FetchedMedia> {
    const fetched = await fetchInboundMedia(providerMessageId, media, readTwilioConfig(inbox.config, this.channel), this.store, this.options.maxMediaBytes);
    if (fetched.skipped.length) this.logger.warn({ inboxId: inbox.id, sid: providerMessageId, skipped: fetched.skipped.map((s) => s.reason) }, 'inbound media not fetched');
    return fetched;
  }

  parseStatus(request: InboundRequest): DeliveryStatusUpdate[] {
    const p = formParams(request.body);
    const sid = p.MessageSid || p.SmsSid;
    const reported = (p.MessageStatus || p.SmsStatus || '').toLowerCase();
    if (!sid || !reported) throw new Error('MessageSid and MessageStatus are required');
    const status = STATUSES[reported];
    if (!status) return []; // receiving/received: statuses of inbound messages
    const code = p.ErrorCode || null;
    const failed = status === 'failed' || status === 'undelivered';
    return [{ providerMessageId: sid, status, errorCode: code, errorMessage: failed || code ? twilioErrorText(code, p.ErrorMessage) : null }];
  }

  checkSendable(context: SendContext, inbox: InboxRef): string | null {
    const template = templateOf(context.metadata);
    if (this.channel === 'sms') return template ? 'Templates are for WhatsApp: send SMS as plain text' : null;
    if (template) return templateProblem(template, readTemplates(inbox.config));
    return whatsappWindowRefusal(context.lastInboundAt, context.now);
  }

  async send(message: OutboundMessage, inbox: InboxRef): Promise<SendResult> {
    let config: TwilioInboxConfig;
    try {
      config = readTwilioConfig(inbox.config, this.channel);
    } catch (err) {
      throw new PermanentDeliveryError(`The inbox's Twilio settings are incomplete: ${err.message}`);
    }
    const params = this.createParams(message, inbox, config);
    try {
      const sent = await this.clients.get(config).messages.create(params);
      return {
        providerMessageId: sent.sid,
        status: STATUSES[sent.status] === 'sent' ? 'sent' : 'queued',
        metadata: compact({ segments: sent.numSegments ? Number(sent.numSegments) : undefined }),
      };
    } catch (err) {
      throw deliveryError(err);
    }
  }

  private createParams(message: OutboundMessage, inbox: InboxRef, config: TwilioInboxConfig): Parameters<twilio.Twilio['messages']['create']>[0] {
    const to = this.channel === 'whatsapp' ? whatsappAddress(message.recipient.externalId) : message.recipient.externalId;
    const template = this.channel === 'whatsapp' ? templateOf(message.metadata) : null;
    const mediaUrl = message.attachments.map((a) => new URL(a.url, this.options.publicUrl + '/').toString()).filter((u) => /^https?:/.test(u));
    return {
      to,
      from: config.from,
      statusCallback: `${this.options.publicUrl}/webhooks/twilio/${inbox.id}/status`,
      ...(template
        ? { contentSid: template.id, contentVariables: JSON.stringify(template.variables) }
        : { body: withButtons(message.content, message.metadata?.buttons) }),
      ...(mediaUrl.length ? { mediaUrl } : {}),
    };
  }

  /**
   * The message an interrupted attempt may have left at Twilio: the newest one from this inbox's
   * number to the recipient, created since the attempt began, with the same body or template, and
   * not already recorded for another of our messages (the same text sent twice is two messages).
   */
  async findSent(message: OutboundMessage, inbox: InboxRef, since: Date, recorded: RecordedLookup): Promise<SendResult | null> {
    const config = readTwilioConfig(inbox.config, this.channel);
    const params = this.createParams(message, inbox, config);
    const candidates = await this.clients.get(config).messages.list({ to: params.to, from: config.from, limit: 20 });
    const earliest = since.getTime() - CLOCK_SKEW_MS;
    const matching = candidates.filter((m) =>
      m.direction === 'outbound-api'
      && (m.dateCreated?.getTime() ?? 0) >= earliest
      // A template's text is Twilio's rendering: there the number pair and the time must do.
      && (params.body === undefined || m.body === params.body));
    if (matching.length === 0) return null;
    const taken = await recorded(matching.map((m) => m.sid));
    const found = matching.find((m) => !taken.has(m.sid));
    if (!found) return null;
    // How far it got meanwhile; a failure still arrives (or arrived) as a status callback.
    const reached = STATUSES[found.status];
    const status = reached === 'delivered' || reached === 'read' ? 'delivered' : reached === 'sent' ? 'sent' : 'queued';
    return { providerMessageId: found.sid, status, metadata: compact({ segments: found.numSegments ? Number(found.numSegments) : undefined }) };
  }

  /**
   * Twilio's Message resource (https://www.twilio.com/docs/messaging/api/message-resource#fetch-a-message-resource):
   * what its status callbacks would have said, for a message whose callbacks were lost or refused.
   */
  async lookupStatus(providerMessageId: string, inbox: InboxRef): Promise<DeliveryStatusUpdate | null> {
    const config = readTwilioConfig(inbox.config, this.channel);
    let found: Awaited<ReturnType<ReturnType<twilio.Twilio['messages']>['fetch']>>;
    try {
      found = await this.clients.get(config).messages(providerMessageId).fetch();
    } catch (err) {
      if (err instanceof twilio.RestException && err.status === 404) return null;
      throw err;
    }
    const status = STATUSES[found.status];
    if (!status) return null;
    const code = found.errorCode ? String(found.errorCode) : null;
    const failed = status === 'failed' || status === 'undelivered';
    return { providerMessageId, status, errorCode: code, errorMessage: failed || code ? twilioErrorText(code, found.errorMessage) : null };
  }

  /**
   * A number whose incoming webhook is still unset is pointed at this inbox (as Telegram's
   * setWebhook would); one already pointing elsewhere is left alone for the admin to decide.
   * Best effort: WhatsApp senders and numbers outside this account are not in this list.
   */
  private async pointNumberAtParley(client: twilio.Twilio, config: TwilioInboxConfig, webhookUrl: string): Promise<void> {
    try {
      const [number] = await client.incomingPhoneNumbers.list({ phoneNumber: config.from, limit: 1 });
      if (!number) return;
      if (number.smsUrl === webhookUrl) return;
      if (!UNSET_WEBHOOKS.has(number.smsUrl ?? '')) {
        this.logger.warn(`${config.from} sends its messages to ${number.smsUrl}; point it at ${webhookUrl} for Parley to receive them`);
        return;
      }
      await client.incomingPhoneNumbers(number.sid).update({ smsUrl: webhookUrl, smsMethod: 'POST' });
      this.logger.log(`${config.from} now delivers incoming messages to ${webhookUrl}`);
    } catch (err) {
      this.logger.warn(`could not check the webhook of ${config.from}: ${err.message}`);
    }
  }
}

@Injectable()
export class TwilioSmsAdapter extends TwilioAdapter {
  readonly channel = 'sms' as const;

  constructor(@Inject(ATTACHMENT_SINK) store: AttachmentSink, @Inject(TWILIO_OPTIONS) options: TwilioOptions) {
    super(store, options);
  }
}

@Injectable()
export class TwilioWhatsAppAdapter extends TwilioAdapter {
  readonly channel = 'whatsapp' as const;

  constructor(@Inject(ATTACHMENT_SINK) store: AttachmentSink, @Inject(TWILIO_OPTIONS) options: TwilioOptions) {
    super(store, options);
  }
}

/** Twilio's answer as a retry (outage, rate limit, network) or a permanent failure with plain words. */
export function deliveryError(err: unknown): Error {
  if (err instanceof twilio.RestException) {
    const text = twilioErrorText(err.code, err.message);
    // Twilio answered: whatever the status, it did not take the message.
    if (isTransientStatus(err.status)) return notSent(new Error(text));
    // Twilio keeps its own opt-out list (Advanced Opt-Out): when it says so, record it on the identity.
    return new PermanentDeliveryError(text, err.code ? String(err.code) : undefined, err.code === 21610 ? { optedOut: true } : undefined);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** The urlencoded body as flat strings (a repeated key keeps its first value). */
export function formParams(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object' || Buffer.isBuffer(body)) throw new Error('expected a form-encoded body');
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value) && typeof value[0] === 'string') out[key] = value[0];
  }
  return out;
}

function contentOf(p: Record<string, string>): string {
  if (p.Body) return p.Body;
  if (p.Latitude && p.Longitude) return `📍 ${p.Latitude}, ${p.Longitude}${p.Address ? ` — ${p.Address}` : ''}`;
  return '';
}

/** SMS and free-form WhatsApp have no buttons: offer the choices as lines of text. */
function withButtons(content: string, buttons: unknown): string {
  if (!Array.isArray(buttons) || buttons.length === 0) return content;
  const lines = buttons.map((b: { text?: string; url?: string }) => `• ${b.text ?? ''}${b.url ? `: ${b.url}` : ''}`);
  return `${content}\n\n${lines.join('\n')}`;
}

function readTemplates(config: Record<string, unknown>) {
  return Array.isArray(config.templates) ? (config.templates as { id: string; name: string; variables: string[] }[]) : [];
}

function header(request: InboundRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function compact<T extends Record<string, unknown>>(o: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
