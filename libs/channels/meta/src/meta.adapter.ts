import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Channel } from '@parley/contracts';
import {
  ATTACHMENT_SINK, AttachmentSink, ChannelAdapter, DeliveryStatusUpdate, FetchedMedia, InboundMessage, InboundRequest, InboxRef, MediaReference,
  OutboundMessage, PermanentDeliveryError, RecordedLookup, SendContext, SendResult, WebhookAck,
} from '@parley/channels-core';
import { metaSendPolicy } from '@parley/domain';
import { normalizeMetaConfig, readMetaConfig, type MetaConfig } from './meta-config';
import { graph, GraphError, sendError } from './meta-graph';
import { fetchMetaMedia } from './meta-media';
import { sendBodies } from './meta-send';
import { sameSecret, validMetaSignature } from './meta-signature';
import { PARLEY_METADATA_PREFIX, readMetaWebhook } from './meta-webhook';

export const META_OPTIONS = Symbol('META_OPTIONS');

export interface MetaOptions {
  /** PUBLIC_URL: where Meta reaches our webhook and fetches the files we send. */
  publicUrl: string;
  /** Inbound media larger than this is not kept. */
  maxMediaBytes: number;
}

/** Our clock against Meta's, when matching an interrupted attempt with the message it may have sent. */
const CLOCK_SKEW_MS = 60_000;
/** Webhook fields the Page is subscribed to when its inbox is saved. */
const PAGE_FIELDS = 'messages,message_echoes,message_deliveries,message_reads,messaging_postbacks,message_reactions';
const PROFILE_CACHE = 10_000;
const NAMES = { messenger: 'Messenger', instagram: 'Instagram' } as const;

/**
 * Facebook Messenger and Instagram Direct through Meta's Graph API (Send API, webhooks): one adapter
 * class, one instance per channel. Both share the webhook path `/webhooks/meta/:inboxId` (GET: the
 * hub.challenge check; POST: signed events), the Send API of the Page, quick replies for surveys and
 * the 24-hour messaging window with the HUMAN_AGENT tag (libs/domain meta-window).
 */
export abstract class MetaAdapter implements ChannelAdapter {
  abstract readonly channel: Extract<Channel, 'messenger' | 'instagram'>;
  readonly provider = 'meta';
  /** Delivery, read and echo events arrive on the message webhook. */
  readonly statusOnInbound = true;
  protected readonly logger = new Logger('MetaAdapter');
  /** Customers' names by page and id (the User Profile API), so a busy chat asks once. */
  private readonly names = new Map<string, string | null>();
  /** Parts of a multi-part reply already sent, so a retried delivery does not repeat them. */
  private readonly partsSent = new Map<string, string[]>();

  constructor(private readonly store: AttachmentSink, private readonly options: MetaOptions) {}

  private config(inbox: InboxRef): MetaConfig {
    return readMetaConfig(inbox.config, this.channel);
  }

  /** The account messages come from and go out as: the Page, or its Instagram account. */
  private businessId(config: MetaConfig): string {
    return this.channel === 'instagram' ? config.instagramAccountId! : config.pageId;
  }

  /**
   * Checks the Page access token against the Page (or Instagram account) and subscribes the Page to
   * the app's messaging events. The app's callback URL and verify token are the admin's to enter in
   * the App Dashboard (Webhooks): Meta checks them with a GET to this inbox, which must exist by then.
   */
  async configure(inbox: InboxRef, context: { publicUrl: string }): Promise<Record<string, unknown>> {
    const normalized = normalizeMetaConfig(inbox.config, this.channel);
    const config = readMetaConfig(normalized, this.channel);
    const what = this.channel === 'instagram' ? 'the Instagram account' : 'the Page';
    let name: string | null = null;
    try {
      const found = await graph<{ id: string; name?: string; username?: string }>(config, 'GET', this.businessId(config), { query: { fields: this.channel === 'instagram' ? 'id,username' : 'id,name' } });
      name = found.name ?? found.username ?? null;
    } catch (err) {
      throw new Error(this.describe(err, config, `Meta refused the Page access token for ${what}`));
    }
    try {
      await graph(config, 'POST', `${config.pageId}/subscribed_apps`, { query: { subscribed_fields: PAGE_FIELDS } });
    } catch (err) {
      throw new Error(this.describe(err, config, 'subscribing the Page to the app failed'));
    }
    return { ...normalized, ...(name ? { accountName: name } : {}), webhookUrl: `${context.publicUrl}/webhooks/meta/${inbox.id}` };
  }

  /** Meta counts anything but a 200 as a failed delivery and retries it (and in time disables the webhook). */
  acknowledge(): WebhookAck {
    return { status: 200, contentType: 'text/plain', body: 'EVENT_RECEIVED' };
  }

  challenge(query: URLSearchParams, inbox: InboxRef): WebhookAck | null {
    const expected = typeof inbox.config.verifyToken === 'string' ? inbox.config.verifyToken : '';
    const challenge = query.get('hub.challenge');
    if (query.get('hub.mode') !== 'subscribe' || challenge === null || !sameSecret(query.get('hub.verify_token'), expected)) return null;
    return { status: 200, contentType: 'text/plain', body: challenge };
  }

  verify(request: InboundRequest, inbox: InboxRef): boolean {
    const secret = typeof inbox.config.appSecret === 'string' ? inbox.config.appSecret : '';
    return validMetaSignature(header(request, 'x-hub-signature-256'), secret, request.rawBody);
  }

  async parse(request: InboundRequest, inbox: InboxRef): Promise<InboundMessage[]> {
    const config = this.config(inbox);
    const { messages } = readMetaWebhook(request.body, { inboxId: inbox.id, channel: this.channel, businessId: this.businessId(config) });
    for (const message of messages) {
      if (message.sentElsewhere) continue;
      const name = await this.nameOf(config, message.sender.externalId);
      if (name) {
        message.sender.displayName = name;
        message.customerFill = { ...message.customerFill, name };
      }
    }
    return messages;
  }

  parseStatus(request: InboundRequest, inbox: InboxRef): DeliveryStatusUpdate[] {
    const config = this.config(inbox);
    return readMetaWebhook(request.body, { inboxId: inbox.id, channel: this.channel, businessId: this.businessId(config) }).statuses;
  }

  /** The name Meta shows for a customer (User Profile API); none when Meta will not say (then the agent sees the id). */
  private async nameOf(config: MetaConfig, id: string): Promise<string | null> {
    const key = `${config.pageId}:${id}`;
    if (this.names.has(key)) return this.names.get(key)!;
    let name: string | null = null;
    try {
      const profile = await graph<{ name?: string; first_name?: string; last_name?: string; username?: string }>(config, 'GET', id, {
        query: { fields: this.channel === 'instagram' ? 'name,username' : 'first_name,last_name' },
      });
      name = profile.name?.trim() || [profile.first_name, profile.last_name].filter(Boolean).join(' ').trim() || profile.username?.trim() || null;
    } catch (err) {
      // Not worth refusing the message: it is stored without the name.
      if (!(err instanceof GraphError)) return null;
    }
    if (this.names.size >= PROFILE_CACHE) this.names.delete(this.names.keys().next().value!);
    this.names.set(key, name);
    return name;
  }

  async fetchMedia(inbox: InboxRef, providerMessageId: string, media: MediaReference[]): Promise<FetchedMedia> {
    const fetched = await fetchMetaMedia(providerMessageId, media, this.config(inbox).appSecret, this.store, this.options.maxMediaBytes);
    if (fetched.skipped.length) this.logger.warn({ inboxId: inbox.id, mid: providerMessageId, skipped: fetched.skipped.map((s) => s.reason) }, 'inbound media not fetched');
    return fetched;
  }

  checkSendable(context: SendContext): string | null {
    const policy = metaSendPolicy(context.lastInboundAt, context.now, context.metadata?.messageTag, NAMES[this.channel]);
    return 'refused' in policy ? policy.refused : null;
  }

  async send(message: OutboundMessage, inbox: InboxRef): Promise<SendResult> {
    let config: MetaConfig;
    try {
      config = this.config(inbox);
    } catch (err) {
      throw new PermanentDeliveryError(`The inbox's Meta settings are incomplete: ${err.message}`);
    }
    const bodies = this.bodiesOf(message);
    if (bodies.length === 0) throw new PermanentDeliveryError('Nothing to send: the reply has no text and no file');
    const sent = this.partsSent.get(message.messageId) ?? [];
    try {
      for (let i = sent.length; i < bodies.length; i++) {
        const answer = await graph<{ message_id?: string }>(config, 'POST', `${config.pageId}/messages`, { body: bodies[i] });
        if (!answer.message_id) throw new Error('Meta answered without a message_id');
        sent.push(answer.message_id);
        this.partsSent.set(message.messageId, sent);
        if (this.partsSent.size > 1000) this.partsSent.delete(this.partsSent.keys().next().value!);
      }
    } catch (err) {
      const failure = sendError(err, NAMES[this.channel]);
      if ((failure as PermanentDeliveryError).permanent) this.partsSent.delete(message.messageId);
      throw failure;
    }
    this.partsSent.delete(message.messageId);
    return { providerMessageId: sent[sent.length - 1], status: 'sent', metadata: sent.length > 1 ? { metaMessageIds: sent } : undefined };
  }

  private bodiesOf(message: OutboundMessage) {
    // The reply was checked when the agent sent it; a tag asked for then still applies.
    const tag = message.metadata?.messageTag;
    const policy = tag === 'HUMAN_AGENT' ? ({ messagingType: 'MESSAGE_TAG', tag } as const) : ({ messagingType: 'RESPONSE', tag: null } as const);
    return sendBodies({
      channel: this.channel,
      recipient: message.recipient.externalId,
      content: message.content,
      attachments: message.attachments
        .map((a) => ({ url: new URL(a.url, this.options.publicUrl + '/').toString(), contentType: a.contentType ?? 'application/octet-stream' }))
        .filter((a) => /^https?:/.test(a.url)),
      buttons: message.metadata?.buttons,
      policy,
      metadata: `${PARLEY_METADATA_PREFIX}${message.messageId}`,
    });
  }

  /**
   * After an attempt whose answer was lost: Meta has no idempotency key, so the conversation with the
   * customer is read back (Conversations API) for a message from the page, sent since the attempt
   * began, with the reply's last text, that no other of our messages carries already.
   */
  async findSent(message: OutboundMessage, inbox: InboxRef, since: Date, recorded: RecordedLookup): Promise<SendResult | null> {
    const config = this.config(inbox);
    const bodies = this.bodiesOf(message);
    const lastText = [...bodies].reverse().find((b) => b.message.text)?.message.text ?? null;
    const found = await graph<{ data?: { messages?: { data?: { id: string; message?: string; created_time?: string; from?: { id?: string } }[] } }[] }>(
      config, 'GET', `${config.pageId}/conversations`,
      { query: { platform: this.channel, user_id: message.recipient.externalId, fields: 'messages.limit(20){id,message,created_time,from}' } },
    );
    const earliest = since.getTime() - CLOCK_SKEW_MS;
    const business = this.businessId(config);
    const candidates = (found.data ?? []).flatMap((c) => c.messages?.data ?? []).filter((m) =>
      m.from?.id === business
      && Date.parse(m.created_time ?? '') >= earliest
      && (lastText === null ? !m.message : m.message === lastText));
    if (candidates.length === 0) return null;
    const taken = await recorded(candidates.map((m) => m.id));
    const match = candidates.find((m) => !taken.has(m.id));
    return match ? { providerMessageId: match.id, status: 'sent' } : null;
  }

  /** An error for people: Meta's own words and codes, never the token. */
  private describe(err: unknown, config: MetaConfig, what: string): string {
    if (err instanceof GraphError) return `${what} (${err.code ?? err.httpStatus}: ${err.message})`;
    const text = `${what}: Meta could not be reached at ${config.apiBaseUrl} (${(err as Error)?.message ?? err})`;
    return text.split(config.pageAccessToken).join('[token]').split(config.appSecret).join('[secret]');
  }
}

@Injectable()
export class MessengerAdapter extends MetaAdapter {
  readonly channel = 'messenger' as const;

  constructor(@Inject(ATTACHMENT_SINK) store: AttachmentSink, @Inject(META_OPTIONS) options: MetaOptions) {
    super(store, options);
  }
}

@Injectable()
export class InstagramAdapter extends MetaAdapter {
  readonly channel = 'instagram' as const;

  constructor(@Inject(ATTACHMENT_SINK) store: AttachmentSink, @Inject(META_OPTIONS) options: MetaOptions) {
    super(store, options);
  }
}

function header(request: InboundRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
