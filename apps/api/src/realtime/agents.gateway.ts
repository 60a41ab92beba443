import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import type { AgentTypingPayload, WidgetTypingEvent } from '@parley/contracts';
import { AGENT_EVENTS, WIDGET_EVENTS } from '@parley/contracts';
import { widgetRoom } from '@parley/channels-core';
import { isId } from '@parley/domain';
import { ConversationsService } from '@parley/conversations';
import { AGENTS_ROOM, RealtimeHub } from '@parley/runtime';
import { AgentSockets } from '../auth/agent-sockets';
import { AuthService } from '../auth/auth.service';
import { typingRelayOf } from './typing-relay';

/**
 * `/agents`: the console's live feed. The handshake carries the same access token as the REST API and
 * is checked against the user and session as they are now; ending the session or disabling the user
 * closes the socket (AgentSockets).
 */
@WebSocketGateway({ namespace: '/agents', cors: { origin: true } })
export class AgentsGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(AgentsGateway.name);

  constructor(
    private readonly auth: AuthService,
    private readonly hub: RealtimeHub,
    private readonly conversations: ConversationsService,
    private readonly sockets: AgentSockets,
  ) {}

  afterInit(namespace: Namespace): void {
    this.hub.attach(namespace.server);
    this.sockets.attach(namespace);
    namespace.use((socket, next) => {
      this.auth
        .verify(socket.handshake.auth?.token)
        .then((user) => {
          socket.data.user = user;
          next();
        })
        .catch(() => next(new Error('unauthorized')));
    });
  }

  handleConnection(socket: Socket): void {
    if (!socket.data.user) return void socket.disconnect(true);
    void socket.join(AGENTS_ROOM);
    // Joins the agent's own room (toAgent: notifications, bulk progress; endUser closes it) and the session's.
    this.sockets.track(socket, socket.data.user);
  }

  /** The agent is typing a reply: the visitor sees "Anna is typing…". */
  @SubscribeMessage(AGENT_EVENTS.typing)
  async typing(@ConnectedSocket() socket: Socket, @MessageBody() body: AgentTypingPayload): Promise<void> {
    if (!body || !isId(body.conversationId)) return;
    const isTyping = body.isTyping === true;
    if (!typingRelayOf(socket.data).pass(body.conversationId, isTyping, Date.now())) return;
    try {
      const c = await this.conversations.entity(body.conversationId);
      if (c.channel !== 'webchat') return;
      const event: WidgetTypingEvent = { isTyping, name: socket.data.user?.name ?? null };
      this.hub.toWidgetRoom(widgetRoom(c.inboxId, c.customerId), WIDGET_EVENTS.typing, event);
    } catch (err) {
      this.logger.debug(`typing ignored: ${err.message}`);
    }
  }
}
