import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import type { AgentDto, AgentStatus } from '@parley/contracts';
import { AGENT_EVENTS, AGENT_STATUSES } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { PRESENCE_REPOSITORY, type PresenceRepository } from './ports/presence.repository';
import { TeamsService, toPresenceEvent } from './teams.service';

/** A tab whose node stopped refreshing it for this long is gone (the node crashed or lost the DB). */
export const SOCKET_STALE_MS = 60_000;

/**
 * Agent presence across api nodes. Every open console tab is a row in `agent_sockets`; the node
 * holding the socket refreshes it, so the count of an agent's rows is their count of open tabs on
 * every node. When the last one goes, an online agent becomes `away` (marked automatic, so the next
 * tab brings them back online). A new agent starts `offline`, also marked automatic, so opening the
 * console makes them online (as in other help desks); a status the agent chose is otherwise kept.
 */
@Injectable()
export class PresenceService {
  private readonly logger = new Logger(PresenceService.name);

  constructor(@Inject(PRESENCE_REPOSITORY) private readonly repo: PresenceRepository, private readonly teams: TeamsService, @Inject(REALTIME) private readonly realtime: RealtimePublisher) {}

  async setStatus(agentId: string, status: AgentStatus): Promise<AgentDto> {
    if (!AGENT_STATUSES.includes(status)) throw new BadRequestException(`status must be one of ${AGENT_STATUSES.join(', ')}`);
    await this.teams.agent(agentId);
    await this.repo.updateProfile(agentId, { status, autoAway: false, updatedAt: new Date() });
    const dto = await this.teams.agent(agentId);
    this.realtime.toAgents(AGENT_EVENTS.presenceUpdated, toPresenceEvent(dto));
    return dto;
  }

  /**
   * A console tab connected. Returns true when this brought the agent online: they were away or
   * offline automatically (last tab closed, or never signed in before), not by their own choice.
   */
  async socketConnected(agentId: string, socketId: string): Promise<boolean> {
    await this.teams.ensureProfiles([agentId]);
    await this.repo.insertSocket({ socketId, userId: agentId, lastSeenAt: new Date() });
    const back = await this.repo.backOnline(agentId, new Date());
    if (back) await this.announce(agentId);
    return back;
  }

  async socketDisconnected(socketId: string): Promise<void> {
    const row = await this.repo.socket(socketId);
    if (!row) return;
    await this.repo.deleteSockets([socketId]);
    await this.awayIfNoTabs([row.userId]);
  }

  /** The node still holds these sockets. */
  async heartbeat(socketIds: string[]): Promise<void> {
    await this.repo.touchSockets(socketIds, new Date());
  }

  /** Forgets tabs of nodes that stopped refreshing them; their agents go away if nothing is left. */
  async sweepStale(now = new Date()): Promise<number> {
    const stale = await this.repo.staleSockets(new Date(now.getTime() - SOCKET_STALE_MS), 1000);
    if (!stale.length) return 0;
    await this.repo.deleteSockets(stale.map((s) => s.socketId));
    await this.awayIfNoTabs([...new Set(stale.map((s) => s.userId))]);
    return stale.length;
  }

  private async awayIfNoTabs(agentIds: string[]): Promise<void> {
    for (const agentId of agentIds) {
      if ((await this.repo.openTabs(agentId)) > 0) continue;
      // Conditional: a tab that connected meanwhile on another node keeps the agent online.
      if (await this.repo.awayWithoutTabs(agentId, new Date())) {
        this.logger.debug(`agent ${agentId} auto-away: last console tab closed`);
        await this.announce(agentId);
      }
    }
  }

  private async announce(agentId: string): Promise<void> {
    const profile = await this.repo.profile(agentId);
    if (profile) this.realtime.toAgents(AGENT_EVENTS.presenceUpdated, toPresenceEvent(profile));
  }
}
