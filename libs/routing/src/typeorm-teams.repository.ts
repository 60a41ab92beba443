import { Injectable } from '@nestjs/common';
import { DataSource, In, Not } from 'typeorm';
import {
  AgentProfileEntity, ConversationEntity, RoutingRuleEntity, SlaPolicyEntity, TeamEntity, TeamMemberEntity, UserEntity, withTransaction, XlaPolicyEntity,
} from '@parley/persistence';
import type { TeamsRepository, TeamsUnitOfWork } from './ports/teams.repository';

/** Teams, memberships and agent profiles on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmTeamsRepository implements TeamsRepository {
  constructor(private readonly db: DataSource) {}

  transaction<T>(work: (tx: TeamsUnitOfWork) => Promise<T>): Promise<T> {
    return withTransaction(this.db, (em) => work({
      insertTeam: async (team) => void (await em.insert(TeamEntity, team)),
      updateTeam: async (id, changes) => void (await em.update(TeamEntity, { id }, changes)),
      replaceMembers: async (teamId, agentIds, at) => {
        await em.delete(TeamMemberEntity, { teamId });
        const unique = [...new Set(agentIds)];
        if (unique.length) await em.insert(TeamMemberEntity, unique.map((agentId) => ({ teamId, agentId, createdAt: at })));
      },
      deleteTeam: async (id) => {
        await em.delete(RoutingRuleEntity, { teamId: id });
        await em.delete(XlaPolicyEntity, { teamId: id });
        await em.delete(TeamMemberEntity, { teamId: id });
        await em.update(TeamEntity, { overflowTeamId: id }, { overflowTeamId: null, overflowAfterMinutes: null });
        await em.delete(TeamEntity, { id });
      },
    }));
  }

  teams() { return this.db.getRepository(TeamEntity).find({ order: { name: 'ASC' } }); }
  team(id: string) { return this.db.getRepository(TeamEntity).findOneBy({ id }); }
  teamExists(id: string) { return this.db.getRepository(TeamEntity).existsBy({ id }); }
  slaPolicyExists(id: string) { return this.db.getRepository(SlaPolicyEntity).existsBy({ id }); }

  members(teamId?: string) {
    const repo = this.db.getRepository(TeamMemberEntity);
    return teamId === undefined ? repo.find() : repo.findBy({ teamId });
  }

  async teamIdsOf(agentId: string) {
    return (await this.db.getRepository(TeamMemberEntity).findBy({ agentId })).map((m) => m.teamId);
  }

  async addMember(teamId: string, agentId: string, at: Date) {
    await this.db.createQueryBuilder().insert().into(TeamMemberEntity).values({ teamId, agentId, createdAt: at }).orIgnore().execute();
  }

  async removeMember(teamId: string, agentId: string) { await this.db.getRepository(TeamMemberEntity).delete({ teamId, agentId }); }
  countUnresolved(teamId: string) { return this.db.getRepository(ConversationEntity).countBy({ teamId, status: Not('resolved') }); }

  users() { return this.db.getRepository(UserEntity).find({ order: { name: 'ASC' } }); }
  user(id: string) { return this.db.getRepository(UserEntity).findOneBy({ id }); }
  userExists(id: string) { return this.db.getRepository(UserEntity).existsBy({ id }); }

  async knownUserIds(ids: string[]) {
    return (await this.db.getRepository(UserEntity).find({ select: { id: true }, where: { id: In(ids) } })).map((u) => u.id);
  }

  profiles(agentIds?: string[]) {
    const repo = this.db.getRepository(AgentProfileEntity);
    return agentIds === undefined ? repo.find() : repo.findBy({ userId: In(agentIds) });
  }

  async insertProfiles(profiles: AgentProfileEntity[]) {
    await this.db.createQueryBuilder().insert().into(AgentProfileEntity).values(profiles).orIgnore().execute();
  }

  async updateProfile(agentId: string, changes: Partial<AgentProfileEntity>) {
    await this.db.getRepository(AgentProfileEntity).update({ userId: agentId }, changes);
  }
}
