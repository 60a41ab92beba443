import { Logger, OnModuleDestroy } from '@nestjs/common';
import { OnGatewayConnection, OnGatewayDisconnect, OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import { PresenceService, RoutingCandidatesService, RoutingDecisionService } from '@parley/routing';

const HEARTBEAT_MS = 20_000;

/**
 * Presence on the console's `/agents` namespace (AgentsGateway authenticates the handshake). Each
 * node records its own tabs and refreshes them; the last tab closing anywhere makes the agent away.
 */
@WebSocketGateway({ namespace: '/agents', cors: { origin: true } })
export class PresenceGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger(PresenceGateway.name);
  private readonly local = new Set<string>();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly presence: PresenceService,
    private readonly candidates: RoutingCandidatesService,
    private readonly decision: RoutingDecisionService,
  ) {}

  afterInit(_namespace: Namespace): void {
    this.heartbeat = setInterval(() => {
      this.presence.heartbeat([...this.local]).catch((err) => this.logger.warn(`presence heartbeat failed: ${err.message}`));
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async handleConnection(socket: Socket): Promise<void> {
    const user = socket.data.user as { id: string } | undefined;
    if (!user) return;
    this.local.add(socket.id);
    try {
      const back = await this.presence.socketConnected(user.id, socket.id);
      if (back) {
        this.candidates.forgetCandidates();
        await this.decision.assignNextFor(user.id);
      }
    } catch (err) {
      this.logger.warn(`presence connect failed: ${err.message}`);
    }
  }

  async handleDisconnect(socket: Socket): Promise<void> {
    this.local.delete(socket.id);
    await this.presence.socketDisconnected(socket.id).catch((err) => this.logger.warn(`presence disconnect failed: ${err.message}`));
  }

  async onModuleDestroy(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    // A clean shutdown hands the tabs back at once instead of waiting for them to go stale.
    for (const id of this.local) await this.presence.socketDisconnected(id).catch(() => undefined);
    this.local.clear();
  }
}
