import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { DataSource } from 'typeorm';
import type { Namespace, Socket } from 'socket.io';
import type { WidgetIdentifyPayload, WidgetSendAck, WidgetSendPayload, WidgetSession } from '@parley/contracts';
import { AGENT_EVENTS, WIDGET_EVENTS } from '@parley/contracts';
import { widgetRoom } from '@parley/channels-core';
import { issueVisitorToken, verifyVisitorToken } from '@parley/channels-webchat';
import { ConversationsService, IngestService, toMessageDto, toWidgetMessage } from '@parley/conversations';
import { CustomersService, IdentityResolutionService } from '@parley/customers';
import { CustomerEntity, MessageEntity, withTransaction } from '@parley/persistence';
import { RealtimeHub, SecretsService } from '@parley/runtime';
import { InboxesService } from '../inboxes/inboxes.service';

interface VisitorData {
  inboxId: string;
  customerId: string;
  visitorId: string;
}

const MAX_CONTENT = 5000;
const HISTORY = 50;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * `/widget`: web chat visitors. The handshake names the inbox (websiteToken) and, on return
 * visits, the visitor (visitorToken); `clientMessageId` makes a re-sent message a no-op.
 */
@WebSocketGateway({ namespace: '/widget', cors: { origin: true }, maxHttpBufferSize: 64 * 1024 })
export class WidgetGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(WidgetGateway.name);

  constructor(
    private readonly db: DataSource,
    private readonly inboxes: InboxesService,
    private readonly identities: IdentityResolutionService,
    private readonly customers: CustomersService,
    private readonly ingest: IngestService,
    private readonly conversations: ConversationsService,
    private readonly secrets: SecretsService,
    private readonly hub: RealtimeHub,
  ) {}

  afterInit(namespace: Namespace): void {
    this.hub.attach(namespace.server);
    namespace.use((socket, next) => {
      const token = socket.handshake.auth?.websiteToken;
      if (typeof token !== 'string' || token.length > 100) return next(new Error('websiteToken is required'));
      this.inboxes
        .byWebsiteToken(token)
        .then((inbox) => {
          if (!inbox) return next(new Error('Unknown websiteToken'));
          socket.data.inboxId = inbox.id;
          next();
        })
        .catch(() => next(new Error('Server unavailable')));
    });
  }

  async handleConnection(socket: Socket): Promise<void> {
    try {
      const secret = await this.secrets.visitorSecret();
      let visitorId = verifyVisitorToken(secret, socket.handshake.auth?.visitorToken);
      const visitorToken = visitorId ? socket.handshake.auth.visitorToken : issueVisitorToken(secret);
      visitorId ??= verifyVisitorToken(secret, visitorToken)!;
      const { customer } = await withTransaction(this.db, (em) => this.identities.resolve(em, 'webchat', { externalId: visitorId! }));
      const data: VisitorData = { inboxId: socket.data.inboxId, customerId: customer.id, visitorId };
      Object.assign(socket.data, data);
      await socket.join(widgetRoom(data.inboxId, data.customerId));
      const history = await this.db.getRepository(MessageEntity).find({
        where: { customerId: customer.id, inboxId: data.inboxId, private: false },
        order: { createdAt: 'DESC' },
        take: HISTORY,
      });
      const session: WidgetSession = {
        visitorToken,
        customerId: customer.id,
        conversationId: history[0]?.conversationId ?? null,
        messages: history.reverse().map((m) => toWidgetMessage(toMessageDto(m))),
      };
      socket.emit(WIDGET_EVENTS.session, session);
    } catch (err) {
      this.logger.error(err);
      socket.emit(WIDGET_EVENTS.error, { message: 'Could not start the chat session' });
      socket.disconnect(true);
    }
  }

  @SubscribeMessage(WIDGET_EVENTS.messageSend)
  async send(@ConnectedSocket() socket: Socket, @MessageBody() body: WidgetSendPayload): Promise<WidgetSendAck> {
    const visitor = socket.data as VisitorData;
    const content = typeof body?.content === 'string' ? body.content.trim() : '';
    const clientMessageId = body?.clientMessageId;
    if (!visitor.customerId) return this.reject(socket, 'The chat session is not ready');
    if (!content) return this.reject(socket, 'content must be a non-empty string');
    if (content.length > MAX_CONTENT) return this.reject(socket, `content is longer than ${MAX_CONTENT} characters`);
    if (typeof clientMessageId !== 'string' || !/^[\w-]{8,64}$/.test(clientMessageId)) {
      return this.reject(socket, 'clientMessageId must be 8-64 letters, digits, - or _');
    }
    try {
      const result = await this.ingest.ingest({
        inboxId: visitor.inboxId,
        channel: 'webchat',
        // Scoped to the visitor: two visitors may well pick the same clientMessageId.
        providerMessageId: `${visitor.visitorId}:${clientMessageId}`,
        sender: { externalId: visitor.visitorId },
        content,
        clientMessageId,
      });
      const message = toWidgetMessage(result.message);
      if (!result.duplicate) {
        // Every tab of this visitor shows the message, the sending one included.
        this.hub.toWidgetRoom(widgetRoom(visitor.inboxId, visitor.customerId), WIDGET_EVENTS.messageNew, message);
      }
      return { ok: true, message };
    } catch (err) {
      this.logger.error(err);
      return this.reject(socket, 'The message could not be stored, please retry');
    }
  }

  @SubscribeMessage(WIDGET_EVENTS.identify)
  async identify(@ConnectedSocket() socket: Socket, @MessageBody() body: WidgetIdentifyPayload): Promise<{ ok: boolean; error?: string }> {
    const visitor = socket.data as VisitorData;
    const name = typeof body?.name === 'string' ? body.name.trim().slice(0, 200) : undefined;
    const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : undefined;
    if (email && (!EMAIL.test(email) || email.length > 320)) return { ok: false, error: 'email is not a valid address' };
    if (!visitor.customerId) return { ok: false, error: 'The chat session is not ready' };
    const customer = await this.db.getRepository(CustomerEntity).findOneBy({ id: visitor.customerId });
    if (!customer) return { ok: false, error: 'Unknown visitor' };
    // Pre-chat details fill blanks; they never overwrite what an agent already recorded.
    await this.customers.update(customer.id, {
      ...(name && !customer.name ? { name } : {}),
      ...(email && !customer.email ? { email } : {}),
    });
    await this.conversations.announceCustomerChange(customer.id);
    return { ok: true };
  }

  @SubscribeMessage(WIDGET_EVENTS.typing)
  async typing(@ConnectedSocket() socket: Socket, @MessageBody() body: { isTyping?: boolean }): Promise<void> {
    const visitor = socket.data as VisitorData;
    if (!visitor.customerId) return;
    const last = await this.db.getRepository(MessageEntity).findOne({
      select: { conversationId: true },
      where: { customerId: visitor.customerId, inboxId: visitor.inboxId },
      order: { createdAt: 'DESC' },
    });
    if (last) this.hub.toAgents(AGENT_EVENTS.typing, { conversationId: last.conversationId, isTyping: !!body?.isTyping });
  }

  private reject(socket: Socket, error: string): WidgetSendAck {
    socket.emit(WIDGET_EVENTS.error, { message: error });
    return { ok: false, error };
  }
}
