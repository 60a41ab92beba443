import { BadRequestException, ForbiddenException, HttpException, Inject, Injectable, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { ChannelAdapter, checkInboundMessage, DeliveryStatusUpdate, InboundRequest, InboxRef, isInboundRefusal, WebhookAck } from '@parley/channels-core';
import { isId } from '@parley/domain';
import { ChannelRegistry, DeliveryStatusService, IngestService } from '@parley/conversations';
import { CONFIG, type ParleyConfig } from '@parley/runtime';
import { withinDeadline } from '@parley/queue';
import { InboxesService } from '../inboxes/inboxes.service';

/** What a provider's webhook request carried, as the HTTP layer (`webhook-lane.ts`) read it. */
export interface WebhookHttpRequest {
  /** Path and query as requested: with PUBLIC_URL, what signatures cover (correct behind a proxy). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  rawBody: Buffer;
}

/**
 * A queue that is down may hold commands until it is back (BullMQ retries them for ever) rather
 * than fail: past this, the status callback is refused instead of left waiting for the provider's timeout.
 */
const STATUS_QUEUE_DEADLINE_MS = 5000;

/**
 * Providers → Parley, one intake for every channel: find the inbox, let its adapter verify the
 * signature and parse the payload, queue (or, for `ingestInline` adapters, store) what it found
 * durably, and only then return the acknowledgement. Refusals are HttpExceptions (404, 403, 400…).
 */
@Injectable()
export class WebhookIntake {
  private readonly logger = new Logger('webhooks');

  constructor(
    @Inject(CONFIG) private readonly config: ParleyConfig,
    private readonly inboxes: InboxesService,
    private readonly channels: ChannelRegistry,
    private readonly ingest: IngestService,
    private readonly deliveryStatus: DeliveryStatusService,
  ) {}

  async inbound(provider: string, inboxId: string, http: WebhookHttpRequest): Promise<WebhookAck | undefined> {
    const handshake = this.handshake(provider, http);
    if (handshake) return handshake;
    const { adapter, inbox, request } = await this.verified(provider, inboxId, http);
    // A verified request asking the inbox to prove itself (VK's confirmation): answered, nothing parsed.
    const confirmation = adapter.confirm ? await this.safely(() => adapter.confirm!(request, inbox)) : null;
    if (confirmation) return confirmation;
    if (adapter.isStatusReport?.(request)) return this.statusRequest(provider, adapter, inbox, request);
    if (!adapter.parse) throw new NotFoundException(`The ${provider} webhook takes no messages`);
    const parsed = await this.safely(() => adapter.parse!(request, inbox));
    // All of a request's messages are checked before any is queued: a refusal stores none of them,
    // and the provider is told why (400) rather than acknowledged for something never stored.
    const messages = parsed.map((message) => {
      const verdict = checkInboundMessage(message);
      if (verdict.refused === undefined) return verdict.accepted;
      this.logger.warn({ provider, inboxId, providerMessageId: String(message.providerMessageId).slice(0, 80), reason: verdict.refused }, 'webhook refused: message cannot be stored');
      throw new BadRequestException(`Message refused: ${verdict.refused}`);
    });
    // Reports that ride on the same webhook (Meta's delivery, read and echo events) are parsed before
    // anything is queued too: a payload the adapter cannot read stores nothing.
    const updates = adapter.statusOnInbound && adapter.parseStatus ? await this.safely(() => adapter.parseStatus!(request, inbox)) : [];
    for (const message of messages) {
      if (adapter.ingestInline) await this.refusedAs400(() => this.ingest.receive(message));
      else await this.refusedAs400(() => this.ingest.enqueue(message));
    }
    if (updates.length) await this.queueStatuses(provider, inbox.id, updates);
    return adapter.acknowledge?.(request, inbox);
  }

  /**
   * `GET /webhooks/:provider/:inboxId?…`: the provider checks the webhook before subscribing it
   * (Meta's hub.challenge, answered when hub.verify_token is the inbox's). 403 when it does not match.
   */
  async challenge(provider: string, inboxId: string, query: URLSearchParams): Promise<WebhookAck> {
    const { adapter, inbox } = await this.inboxOf(provider, inboxId);
    if (!adapter.challenge) throw new NotFoundException(`The ${provider} webhook takes no GET requests`);
    const answer = adapter.challenge(query, inbox);
    if (!answer) {
      this.logger.warn({ provider, inboxId }, 'webhook verification refused: wrong or missing verify token');
      throw new ForbiddenException('Invalid verify token');
    }
    return answer;
  }

  async status(provider: string, inboxId: string, http: WebhookHttpRequest): Promise<WebhookAck | undefined> {
    const { adapter, inbox, request } = await this.verified(provider, inboxId, http);
    return this.statusRequest(provider, adapter, inbox, request);
  }

  /** A request carrying only delivery reports (`…/status`, or Viber's reports on the main URL): queued, then acknowledged. */
  private async statusRequest(provider: string, adapter: ChannelAdapter, inbox: InboxRef, request: InboundRequest): Promise<WebhookAck | undefined> {
    if (!adapter.parseStatus) throw new NotFoundException(`The ${provider} webhook takes no status reports`);
    const updates = await this.safely(() => adapter.parseStatus!(request, inbox));
    await this.queueStatuses(provider, inbox.id, updates);
    return adapter.acknowledge?.(request, inbox);
  }

  private async queueStatuses(provider: string, inboxId: string, updates: DeliveryStatusUpdate[]): Promise<void> {
    try {
      await withinDeadline(this.deliveryStatus.queueDeliveryStatus(inboxId, updates), STATUS_QUEUE_DEADLINE_MS, 'the delivery reports');
    } catch (err) {
      // A refusal is the provider's cue to send the report again; an acknowledged report we did
      // not keep would be the last word on that message (until reconciliation asks the provider).
      this.logger.error({ provider, inboxId, error: String(err?.message ?? err) }, 'status callback refused: the queue cannot take it');
      throw new ServiceUnavailableException('Delivery reports cannot be queued right now; retry later');
    }
  }

  /** A provider checking a webhook URL it is being given (see `ChannelAdapter.handshake`): nothing to look up or store. */
  private handshake(provider: string, http: WebhookHttpRequest): WebhookAck | null {
    for (const adapter of this.channels.all()) {
      if (adapter.provider !== provider || !adapter.handshake) continue;
      const ack = adapter.handshake({ url: this.config.publicUrl + http.url, headers: http.headers, body: http.body, rawBody: http.rawBody });
      if (ack) return ack;
    }
    return null;
  }

  private async inboxOf(provider: string, inboxId: string): Promise<{ adapter: ChannelAdapter; inbox: InboxRef }> {
    if (!isId(inboxId)) throw new NotFoundException('Unknown inbox');
    const entity = await this.inboxes.forWebhook(inboxId);
    const adapter = entity ? this.channels.find(entity.channel) : undefined;
    if (!entity || !adapter || adapter.provider !== provider) throw new NotFoundException('Unknown inbox');
    return { adapter, inbox: { id: entity.id, channel: entity.channel, config: entity.config } };
  }

  private async verified(provider: string, inboxId: string, http: WebhookHttpRequest): Promise<{ adapter: ChannelAdapter; inbox: InboxRef; request: InboundRequest }> {
    const { adapter, inbox } = await this.inboxOf(provider, inboxId);
    const request: InboundRequest = { url: this.config.publicUrl + http.url, headers: http.headers, body: http.body, rawBody: http.rawBody };
    if (!adapter.verify || !(await adapter.verify(request, inbox))) {
      this.logger.warn({ provider, inboxId }, 'webhook rejected: bad or missing signature');
      throw new ForbiddenException('Invalid webhook signature');
    }
    return { adapter, inbox, request };
  }

  private async refusedAs400<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (isInboundRefusal(err)) throw new BadRequestException(`Message refused: ${err.reason}`);
      throw err;
    }
  }

  /** A payload the adapter cannot read is the sender's fault: 400 with the reason, not a 500. */
  private async safely<T>(work: () => T | Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof HttpException) throw err;
      throw new BadRequestException(`Malformed payload: ${err.message}`);
    }
  }
}

