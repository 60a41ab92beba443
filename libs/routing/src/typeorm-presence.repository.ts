import { Injectable } from '@nestjs/common';
import { DataSource, In, LessThan } from 'typeorm';
import type { AgentStatus } from '@parley/contracts';
import { AgentProfileEntity, AgentSocketEntity } from '@parley/persistence';
import type { PresenceRepository } from './ports/presence.repository';

/** Sockets per statement: a node may hold thousands, and a driver caps the parameters of one statement. */
const SOCKETS_PER_UPDATE = 500;

/** Presence's storage on TypeORM; the status flips are conditional UPDATEs, so nodes racing agree. */
@Injectable()
export class TypeOrmPresenceRepository implements PresenceRepository {
  constructor(private readonly db: DataSource) {}

  profile(agentId: string) { return this.db.getRepository(AgentProfileEntity).findOneBy({ userId: agentId }); }

  async updateProfile(agentId: string, changes: Partial<AgentProfileEntity>) {
    await this.db.getRepository(AgentProfileEntity).update({ userId: agentId }, changes);
  }

  async insertSocket(socket: AgentSocketEntity) {
    await this.db.createQueryBuilder().insert().into(AgentSocketEntity).values(socket).orIgnore().execute();
  }

  socket(socketId: string) { return this.db.getRepository(AgentSocketEntity).findOneBy({ socketId }); }

  async deleteSockets(socketIds: string[]) {
    await this.db.getRepository(AgentSocketEntity).delete({ socketId: In(socketIds) });
  }

  async touchSockets(socketIds: string[], at: Date) {
    for (let i = 0; i < socketIds.length; i += SOCKETS_PER_UPDATE) {
      await this.db.getRepository(AgentSocketEntity).update({ socketId: In(socketIds.slice(i, i + SOCKETS_PER_UPDATE)) }, { lastSeenAt: at });
    }
  }

  staleSockets(before: Date, limit: number) {
    return this.db.getRepository(AgentSocketEntity).find({ where: { lastSeenAt: LessThan(before) }, take: limit });
  }

  openTabs(agentId: string) { return this.db.getRepository(AgentSocketEntity).countBy({ userId: agentId }); }

  async backOnline(agentId: string, at: Date) {
    const back = await this.db.getRepository(AgentProfileEntity).update(
      { userId: agentId, status: In(['away', 'offline'] as AgentStatus[]), autoAway: true },
      { status: 'online', autoAway: false, updatedAt: at },
    );
    return !!back.affected;
  }

  async awayWithoutTabs(agentId: string, at: Date) {
    // NOT EXISTS in the same statement: a tab that connected meanwhile on another node keeps the agent online.
    const res = await this.db
      .createQueryBuilder()
      .update(AgentProfileEntity)
      .set({ status: 'away', autoAway: true, updatedAt: at })
      .where('user_id = :agentId AND status = :online', { agentId, online: 'online' })
      .andWhere('NOT EXISTS (SELECT 1 FROM agent_sockets s WHERE s.user_id = :agentId)', { agentId })
      .execute();
    return !!res.affected;
  }
}
