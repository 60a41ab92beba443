import { Injectable } from '@nestjs/common';
import type { Namespace, Socket } from 'socket.io';
import { agentRoom } from '@parley/runtime';

const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * The console's live sockets by user and sign-in, so that ending a session or disabling a user also
 * closes their open tabs' sockets, on every api node (the Redis adapter relays the disconnect).
 */
@Injectable()
export class AgentSockets {
  private namespace: Namespace | null = null;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  track(socket: Socket, user: { id: string; sessionId?: string }): void {
    void socket.join(agentRoom(user.id));
    if (user.sessionId) void socket.join(sessionRoom(user.sessionId));
  }

  endSession(sessionId: string): void {
    this.namespace?.in(sessionRoom(sessionId)).disconnectSockets(true);
  }

  endUser(userId: string): void {
    this.namespace?.in(agentRoom(userId)).disconnectSockets(true);
  }
}
