import { BadRequestException, Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In, LessThan } from 'typeorm';
import type { AgentDto, AgentStatus } from '@parley/contracts';
import { AGENT_EVENTS, AGENT_STATUSES } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { AgentProfileEntity, AgentSocketEntity } from '@parley/persistence';
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

  constructor(private readonly db: DataSource, private readonly teams: TeamsService, @Inject(REALTIME) private readonly realtime: RealtimePublisher) {}

  async setStatus(agentId: string, status: AgentStatus): Promise<AgentDto> {
    if (!AGENT_STATUSES.includes(status)) throw new BadRequestException(`status must be one of ${AGENT_STATUSES.join(', ')}`);
    await this.teams.agent(agentId);
    await this.db.getRepository(AgentProfileEntity).update({ userId: agentId }, { status, autoAway: false, updatedAt: new Date() });
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
    await this.db.createQueryBuilder().insert().into(AgentSocketEntity).values({ socketId, userId: agentId, lastSeenAt: new Date() }).orIgnore().execute();
    const back = await this.db.getRepository(AgentProfileEntity).update(
      { userId: agentId, status: In(['away', 'offline'] as AgentStatus[]), autoAway: true },
      { status: 'online', autoAway: false, updatedAt: new Date() },
    );
    if (back.affected) await this.announce(agentId);
    return !!back.affected;
  }

  async socketDisconnected(socketId: string): Promise<void> {
    const row = await this.db.getRepository(AgentSocketEntity).findOneBy({ socketId });
    if (!row) return;
    await this.db.getRepository(AgentSocketEntity).delete({ socketId });
    await this.awayIfNoTabs([row.userId]);
  }

  /** The node still holds these sockets. */
  async heartbeat(socketIds: string[]): Promise<void> {
    for (let i = 0; i < socketIds.length; i += 500) {
      await this.db.getRepository(AgentSocketEntity).update({ socketId: In(socketIds.slice(i, i + 500)) }, { lastSeenAt: new Date() });
    }
  }

  /** Forgets tabs of nodes that stopped refreshing them; their agents go away if nothing is left. */
  async sweepStale(now = new Date()): Promise<number> {
    const repo = this.db.getRepository(AgentSocketEntity);
    const stale = await repo.find({ where: { lastSeenAt: LessThan(new Date(now.getTime() - SOCKET_STALE_MS)) }, take: 1000 });
    if (!stale.length) return 0;
    await repo.delete({ socketId: In(stale.map((s) => s.socketId)) });
    await this.awayIfNoTabs([...new Set(stale.map((s) => s.userId))]);
    return stale.length;
  }

  private async awayIfNoTabs(agentIds: string[]): Promise<void> {
    for (const agentId of agentIds) {
      const open = await this.db.getRepository(AgentSocketEntity).countBy({ userId: agentId });
      if (open > 0) continue;
      // Conditional: a tab that connected meanwhile on another node keeps the agent online.
      const res = await this.db
        .createQueryBuilder()
        .update(AgentProfileEntity)
        .set({ status: 'away', autoAway: true, updatedAt: new Date() })
        .where('user_id = :agentId AND status = :online', { agentId, online: 'online' })
        .andWhere('NOT EXISTS (SELECT 1 FROM agent_sockets s WHERE s.user_id = :agentId)', { agentId })
        .execute();
      if (res.affected) {
        this.logger.debug(`agent ${agentId} auto-away: last console tab closed`);
        await this.announce(agentId);
      }
    }
  }

  private async announce(agentId: string): Promise<void> {
    const profile = await this.db.getRepository(AgentProfileEntity).findOneBy({ userId: agentId });
    if (profile) this.realtime.toAgents(AGENT_EVENTS.presenceUpdated, toPresenceEvent(profile));
  }
}
