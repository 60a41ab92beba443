import { Inject, Logger, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import type { WidgetIdentifyPayload, WidgetIdentityPayload, WidgetSeenPayload, WidgetSendAck, WidgetSendPayload, WidgetSession } from '@parley/contracts';
import { AGENT_EVENTS, WIDGET_EVENTS } from '@parley/contracts';
import { Redis } from 'ioredis';
import { isInboundRefusal, storableText, widgetRoom } from '@parley/channels-core';
import { customerIdOfVisitor, resolveVisitorToken, VisitorRateLimiter, webchatLimitsOf, type WebchatLimits } from '@parley/channels-webchat';
import { ConversationsService, DeliveryStatusService, IngestService, surveyIdOf, toMessageDto, toWidgetMessage } from '@parley/conversations';
import { CustomersService, VerifiedIdentityService } from '@parley/customers';
import { phoneRegion, toE164, verifyIdentifierHash } from '@parley/domain';
import type { MessageEntity } from '@parley/persistence';
import { CONFIG, RealtimeHub, SecretsService, type ParleyConfig } from '@parley/runtime';
import { errorLanguageOf, errorText, type ErrorCode } from '../http/error-messages';
import { InboxesService } from '../inboxes/inboxes.service';
import { clientAddress } from './client-address';
import { WIDGET_AVAILABILITY_REPOSITORY, type WidgetAvailabilityRepository } from './ports/widget-availability.repository';
import { WIDGET_VISITOR_REPOSITORY, type WidgetVisitorRepository } from './ports/widget-visitor.repository';
import { typingRelayOf } from './typing-relay';
import { markSeen } from './widget-seen';
import { WidgetAvailabilityWatch, inboxRoom } from './widget-availability.watch';

interface VisitorData {
  inboxId: string;
  /** The visitor's customer: an existing one, or the id their first message will create it under. */
  customerId: string;
  /** Whether the customer row exists yet (created by the first message or the pre-chat details). */
  customerExists: boolean;
  visitorId: string;
  visitorToken: string;
  address: string;
  limits: WebchatLimits;
  /** The widget's UI language (handshake `auth.locale`): refusals are worded in it. */
  locale: string;
}

/** A refusal the visitor reads, in the widget's language. */
const refusal = (locale: unknown, code: ErrorCode, params: Record<string, unknown> = {}): string => errorText(errorLanguageOf(locale), `errors.${code}`, params);

const MAX_CONTENT = 5000;
const HISTORY = 50;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * `/widget`: web chat visitors. The handshake names the inbox (websiteToken) and, on return
 * visits, the visitor (visitorToken); `clientMessageId` makes a re-sent message a no-op.
 */
@WebSocketGateway({ namespace: '/widget', cors: { origin: true }, maxHttpBufferSize: 64 * 1024 })
export class WidgetGateway implements OnGatewayInit, OnGatewayConnection, OnApplicationShutdown {
  private readonly logger = new Logger(WidgetGateway.name);
  private readonly limiterRedis: Redis | null;
  private readonly limiter: VisitorRateLimiter;
  private readonly availability: WidgetAvailabilityWatch;

  constructor(
    @Inject(WIDGET_VISITOR_REPOSITORY) private readonly visitors: WidgetVisitorRepository,
    @Inject(WIDGET_AVAILABILITY_REPOSITORY) availabilityReads: WidgetAvailabilityRepository,
    private readonly inboxes: InboxesService,
    private readonly customers: CustomersService,
    private readonly ingest: IngestService,
    private readonly conversations: ConversationsService,
    private readonly deliveryStatus: DeliveryStatusService,
    private readonly secrets: SecretsService,
    private readonly verifiedIdentities: VerifiedIdentityService,
    private readonly hub: RealtimeHub,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(CONFIG) config: ParleyConfig,
  ) {
    // No offline queue: while Redis is away the limiter counts in memory at once, it does not wait.
    this.limiterRedis = config.redisUrl ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
    this.limiterRedis?.on('error', () => undefined);
    this.limiter = new VisitorRateLimiter(this.limiterRedis, process.env.PARLEY_QUEUE_PREFIX ?? 'parley');
    this.availability = new WidgetAvailabilityWatch(availabilityReads, this.logger);
  }

  async onApplicationShutdown(): Promise<void> {
    this.availability.stop();
    await this.limiterRedis?.quit().catch(() => undefined);
  }

  afterInit(namespace: Namespace): void {
    this.hub.attach(namespace.server);
    this.availability.start(namespace);
    namespace.use((socket, next) => {
      const token = socket.handshake.auth?.websiteToken;
      const locale = errorLanguageOf(socket.handshake.auth?.locale);
      if (typeof token !== 'string' || token.length > 100) return next(new Error(refusal(locale, 'widget_token_required')));
      this.inboxes
        .byWebsiteToken(token)
        .then(async (inbox) => {
          if (!inbox) return next(new Error(refusal(locale, 'widget_token_unknown')));
          const address = clientAddress(this.adapterHost.httpAdapter?.getInstance(), socket.request, socket.handshake.address);
          const limits = webchatLimitsOf(inbox.config);
          const decision = await this.limiter.consume('connection', inbox.id, address, limits.connectionsPerMinute);
          if (!decision.allowed) {
            this.logger.warn({ inboxId: inbox.id, address }, 'widget connection refused: too many from this address');
            return next(Object.assign(new Error(refusal(locale, 'widget_too_many_connections')), { data: { retryAfterSeconds: decision.retryAfterSeconds } }));
          }
          Object.assign(socket.data, { inboxId: inbox.id, address, limits, locale });
          next();
        })
        .catch(() => next(new Error(refusal(locale, 'widget_server_unavailable'))));
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    try {
      const { visitorId, visitorToken } = resolveVisitorToken(await this.secrets.visitorTokenKeys(), socket.handshake.auth?.visitorToken);
      // Nothing is written on connect: a returning visitor's customer is looked up, a new one is
      // only named, and created with their first message.
      const known = await this.visitors.knownCustomerId(visitorId);
      const customerId = known ?? customerIdOfVisitor(visitorId);
      const data: Partial<VisitorData> = { customerId, customerExists: !!known, visitorId, visitorToken };
      Object.assign(socket.data, data);
      await socket.join([widgetRoom(socket.data.inboxId, customerId), inboxRoom(socket.data.inboxId)]);
      await this.emitSession(socket);
    } catch (err) {
      this.logger.error(err);
      socket.emit(WIDGET_EVENTS.error, { message: refusal(socket.data.locale, 'widget_session_failed') });
      socket.disconnect(true);
    }
  }

  @SubscribeMessage(WIDGET_EVENTS.messageSend)
  async send(@ConnectedSocket() socket: Socket, @MessageBody() body: WidgetSendPayload): Promise<WidgetSendAck> {
    const visitor = socket.data as VisitorData;
    const content = typeof body?.content === 'string' ? storableText(body.content).trim() : '';
    const clientMessageId = body?.clientMessageId;
    if (!visitor.customerId) return this.reject(socket, refusal(visitor.locale, 'widget_session_not_ready'));
    const slowDown = await this.overLimit(visitor);
    if (slowDown) return this.reject(socket, slowDown);
    if (!content) return this.reject(socket, refusal(visitor.locale, 'widget_content_empty'));
    if (content.length > MAX_CONTENT) return this.reject(socket, refusal(visitor.locale, 'widget_content_too_long', { max: MAX_CONTENT }));
    if (typeof clientMessageId !== 'string' || !/^[\w-]{8,64}$/.test(clientMessageId)) {
      return this.reject(socket, refusal(visitor.locale, 'widget_client_message_id'));
    }
    try {
      const result = await this.ingest.ingest({
        inboxId: visitor.inboxId,
        channel: 'webchat',
        // Scoped to the visitor: two visitors may well pick the same clientMessageId.
        providerMessageId: `${visitor.visitorId}:${clientMessageId}`,
        sender: { externalId: visitor.visitorId, customerId: visitor.customerId },
        content,
        clientMessageId,
      });
      visitor.customerExists = true;
      const message = toWidgetMessage(result.message);
      if (!result.duplicate) {
        // Every tab of this visitor shows the message, the sending one included.
        this.hub.toWidgetRoom(widgetRoom(visitor.inboxId, visitor.customerId), WIDGET_EVENTS.messageNew, message);
      }
      return { ok: true, message };
    } catch (err) {
      if (isInboundRefusal(err)) return this.reject(socket, refusal(visitor.locale, 'widget_message_refused', { reason: err.reason }));
      this.logger.error(err);
      return this.reject(socket, refusal(visitor.locale, 'widget_message_not_stored'));
    }
  }

  @SubscribeMessage(WIDGET_EVENTS.identify)
  async identify(@ConnectedSocket() socket: Socket, @MessageBody() body: WidgetIdentifyPayload): Promise<{ ok: boolean; error?: string }> {
    const visitor = socket.data as VisitorData;
    const name = typeof body?.name === 'string' ? Array.from(storableText(body.name).trim()).slice(0, 200).join('').trim() : undefined;
    const email = typeof body?.email === 'string' ? storableText(body.email).trim().toLowerCase() : undefined;
    if (email && (!EMAIL.test(email) || email.length > 320)) return { ok: false, error: refusal(visitor.locale, 'widget_email_invalid') };
    if (!visitor.customerId) return { ok: false, error: refusal(visitor.locale, 'widget_session_not_ready') };
    const writtenPhone = typeof body?.phone === 'string' ? storableText(body.phone).trim().slice(0, 40) : '';
    const phone = writtenPhone ? toE164(writtenPhone, phoneRegion((await this.inboxes.entity(visitor.inboxId)).config?.phoneRegion)) : undefined;
    if (writtenPhone && !phone) return { ok: false, error: refusal(visitor.locale, 'widget_phone_invalid') };
    const slowDown = await this.overLimit(visitor);
    if (slowDown) return { ok: false, error: slowDown };
    try {
      let customerId = visitor.customerId;
      if (!visitor.customerExists) {
        // Pre-chat details are the visitor's first words: the customer is created with them.
        customerId = await this.visitors.createVisitorCustomer(visitor.visitorId, customerId);
        visitor.customerExists = true;
      }
      const customer = await this.visitors.customer(customerId);
      if (!customer) return { ok: false, error: refusal(visitor.locale, 'widget_visitor_unknown') };
      // Pre-chat details fill blanks; they never overwrite what an agent already recorded. Typed by
      // an anonymous visitor, they prove nothing: another customer holding them gets a suggestion.
      await this.customers.update(customer.id, {
        ...(name && !customer.name ? { name } : {}),
        ...(email && !customer.email ? { email } : {}),
        ...(phone && !customer.phone ? { phone } : {}),
      }, 'prechat');
      await this.conversations.announceCustomerChange(customer.id);
      return { ok: true };
    } catch (err) {
      this.logger.error(err);
      return { ok: false, error: refusal(visitor.locale, 'widget_details_not_saved') };
    }
  }

  /**
   * A site-verified user (WidgetIdentityPayload): the identifier's HMAC with the inbox's identity
   * secret proves who they are, so the visitor joins that customer and, only now, sees their history.
   */
  @SubscribeMessage(WIDGET_EVENTS.identityVerify)
  async verifyIdentity(@ConnectedSocket() socket: Socket, @MessageBody() body: WidgetIdentityPayload): Promise<{ ok: boolean; error?: string }> {
    const visitor = socket.data as VisitorData;
    if (!visitor.customerId) return { ok: false, error: refusal(visitor.locale, 'widget_session_not_ready') };
    const identifier = typeof body?.identifier === 'string' ? body.identifier.trim() : '';
    if (!identifier || identifier.length > 200) return { ok: false, error: refusal(visitor.locale, 'widget_identifier_invalid') };
    const slowDown = await this.overLimit(visitor);
    if (slowDown) return { ok: false, error: slowDown };
    try {
      const secret = (await this.inboxes.entity(visitor.inboxId)).config?.identitySecret;
      if (typeof secret !== 'string' || !secret) return { ok: false, error: refusal(visitor.locale, 'widget_identity_not_set_up') };
      if (!verifyIdentifierHash(secret, identifier, body.identifierHash)) {
        this.logger.warn({ inboxId: visitor.inboxId, address: visitor.address }, 'widget identity refused: identifierHash does not match');
        return { ok: false, error: refusal(visitor.locale, 'widget_identity_hash_mismatch') };
      }
      const name = typeof body.name === 'string' ? Array.from(storableText(body.name).trim()).slice(0, 200).join('').trim() || undefined : undefined;
      const linked = await this.verifiedIdentities.link({ visitorId: visitor.visitorId, visitorCustomerId: visitor.customerId, identifier, name });
      visitor.customerExists = true;
      if (linked.customerId !== visitor.customerId) {
        await socket.leave(widgetRoom(visitor.inboxId, visitor.customerId));
        visitor.customerId = linked.customerId;
        await socket.join(widgetRoom(visitor.inboxId, visitor.customerId));
      }
      if (linked.changed) await this.emitSession(socket);
      await this.conversations.announceCustomerChange(linked.customerId);
      return { ok: true };
    } catch (err) {
      this.logger.error(err);
      return { ok: false, error: refusal(visitor.locale, 'widget_identity_not_verified') };
    }
  }

  /** `session`: the visitor's token and customer, with their web chat history in this inbox. */
  private async emitSession(socket: Socket): Promise<void> {
    const visitor = socket.data as VisitorData;
    const history = !visitor.customerExists ? [] : await this.visitors.history(visitor, HISTORY);
    const openSurveys = await this.openSurveysIn(history);
    const conversationId = history[0]?.conversationId ?? null;
    const conversation = conversationId ? await this.conversations.entity(conversationId) : null;
    const session: WidgetSession = {
      visitorToken: visitor.visitorToken,
      customerId: visitor.customerId,
      conversationId,
      messages: history.reverse().map((m) => toWidgetMessage(toMessageDto(m), { surveyOpen: openSurveys.has(surveyIdOf(m.metadata) ?? '') })),
      availability: await this.availability.current(visitor.inboxId),
      agentSeenAt: conversation?.agentLastSeenAt?.toISOString() ?? null,
    };
    socket.emit(WIDGET_EVENTS.session, session);
  }

  @SubscribeMessage(WIDGET_EVENTS.typing)
  async typing(@ConnectedSocket() socket: Socket, @MessageBody() body: { isTyping?: boolean }): Promise<void> {
    const visitor = socket.data as VisitorData;
    // Before the first message there is no conversation to show typing in.
    if (!visitor.customerId || !visitor.customerExists) return;
    const isTyping = body?.isTyping === true;
    if (!typingRelayOf(socket.data).pass(visitor.customerId, isTyping, Date.now())) return;
    const conversationId = await this.visitors.lastConversationId(visitor);
    if (conversationId) this.hub.toAgents(AGENT_EVENTS.typing, { conversationId, isTyping });
  }

  /** The visitor saw the agent's messages up to this one (panel open, tab visible): they are read. */
  @SubscribeMessage(WIDGET_EVENTS.seen)
  async seen(@ConnectedSocket() socket: Socket, @MessageBody() body: WidgetSeenPayload): Promise<{ ok: boolean; error?: string }> {
    const visitor = socket.data as VisitorData;
    if (!visitor.customerId || !visitor.customerExists) return { ok: false, error: refusal(visitor.locale, 'widget_session_not_ready') };
    try {
      return await markSeen(this.visitors, this.deliveryStatus, visitor, body?.messageId);
    } catch (err) {
      this.logger.error(err);
      return { ok: false, error: refusal(visitor.locale, 'widget_seen_not_recorded') };
    }
  }

  /** Of the survey questions among these messages, the ones still waiting for a score. */
  private async openSurveysIn(messages: MessageEntity[]): Promise<Set<string>> {
    const ids = messages.map((m) => surveyIdOf(m.metadata)).filter((id): id is string => !!id);
    if (!ids.length) return new Set();
    return new Set(await this.visitors.openSurveyIds(ids));
  }

  /** Counts one message (or pre-chat submission) of the visitor's address; the refusal to show, if over. */
  private async overLimit(visitor: VisitorData): Promise<string | null> {
    const decision = await this.limiter.consume('message', visitor.inboxId, visitor.address, visitor.limits.messagesPerMinute);
    if (decision.allowed) return null;
    this.logger.warn({ inboxId: visitor.inboxId, address: visitor.address }, 'widget message refused: too many from this address');
    return refusal(visitor.locale, 'widget_too_many_messages', { seconds: decision.retryAfterSeconds });
  }

  private reject(socket: Socket, error: string): WidgetSendAck {
    socket.emit(WIDGET_EVENTS.error, { message: error });
    return { ok: false, error };
  }
}
