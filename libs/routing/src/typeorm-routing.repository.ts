import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Channel, SlaMetric } from '@parley/contracts';
import { TimelineService } from '@parley/customers';
import { isId, type RoutingCandidate } from '@parley/domain';
import {
  AgentProfileEntity, ConversationEntity, ConversationRoutingEntity, CustomerEntity, InboxEntity, MessageEntity, RoutingRuleEntity, SettingEntity, SlaTimerEntity,
  TeamEntity, TeamMemberEntity, UserEntity, withTransaction,
} from '@parley/persistence';
import type { RoutingRepository, RoutingUnitOfWork } from './ports/routing.repository';

const UNRESOLVED = ['open', 'pending', 'snoozed'];
/** Timer metric of the overflow deadline in `sla_timers` (see RoutingDecisionService). */
const OVERFLOW = 'overflow' as SlaMetric;

/** Routing's storage on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmRoutingRepository implements RoutingRepository {
  constructor(private readonly db: DataSource, private readonly timeline: TimelineService) {}

  transaction<T>(work: (tx: RoutingUnitOfWork) => Promise<T>): Promise<T> {
    return withTransaction(this.db, (em) => work({
      lockProfile: (agentId) => {
        const qb = em.createQueryBuilder(AgentProfileEntity, 'p').where('p.userId = :agentId', { agentId });
        if (this.db.options.type === 'postgres') qb.setLock('pessimistic_write');
        return qb.getOne();
      },
      conversation: (id) => em.findOneBy(ConversationEntity, { id }),
      unresolvedByChannel: (agentId) => this.countByChannel(em, agentId),
      updateProfile: async (agentId, changes) => void (await em.update(AgentProfileEntity, { userId: agentId }, changes)),
      claimConversation: async (id, agentId, expected, changes) => {
        const qb = em.createQueryBuilder().update(ConversationEntity).set({ ...changes, assigneeId: agentId }).where('id = :id', { id });
        if (expected === null) qb.andWhere('assignee_id IS NULL');
        else qb.andWhere('assignee_id = :expected', { expected });
        return !!(await qb.andWhere('status <> :resolved', { resolved: 'resolved' }).execute()).affected;
      },
      updateRouting: async (conversationId, changes) => void (await em.update(ConversationRoutingEntity, { conversationId }, changes)),
      userName: async (id) => (await em.findOneBy(UserEntity, { id }))?.name ?? null,
      appendTimeline: (event) => this.timeline.append(em, event),
    }));
  }

  private async countByChannel(em: EntityManager, agentId: string): Promise<{ channel: Channel; n: number }[]> {
    const rows: { channel: Channel; n: string | number }[] = await em
      .createQueryBuilder(ConversationEntity, 'c')
      .select('c.channel', 'channel')
      .addSelect('COUNT(*)', 'n')
      .where('c.assigneeId = :agentId', { agentId })
      .andWhere('c.status IN (:...statuses)', { statuses: UNRESOLVED })
      .groupBy('c.channel')
      .getRawMany();
    return rows.map((r) => ({ channel: r.channel, n: Number(r.n) }));
  }

  conversation(id: string) { return this.db.getRepository(ConversationEntity).findOneBy({ id }); }
  conversationsByIds(ids: string[]) { return this.db.getRepository(ConversationEntity).findBy({ id: In(ids) }); }
  customer(id: string) { return this.db.getRepository(CustomerEntity).findOneBy({ id }); }
  team(id: string) { return this.db.getRepository(TeamEntity).findOneBy({ id }); }

  /** A non-UUID id names nothing (PostgreSQL's uuid column would refuse to compare it). */
  async exists(kind: 'team' | 'user' | 'inbox', id: string) {
    if (!isId(id)) return false;
    const entity = { team: TeamEntity, user: UserEntity, inbox: InboxEntity }[kind];
    return this.db.getRepository<{ id: string }>(entity).existsBy({ id });
  }

  profile(agentId: string) { return this.db.getRepository(AgentProfileEntity).findOneBy({ userId: agentId }); }

  async ensureProfile(profile: AgentProfileEntity) {
    await this.db.createQueryBuilder().insert().into(AgentProfileEntity).values(profile).orIgnore().execute();
  }

  async updateProfile(agentId: string, changes: Partial<AgentProfileEntity>) {
    await this.db.getRepository(AgentProfileEntity).update({ userId: agentId }, changes);
  }

  unresolvedByChannel(agentId: string) { return this.countByChannel(this.db.manager, agentId); }

  async teamIdsOf(agentId: string) {
    return (await this.db.getRepository(TeamMemberEntity).findBy({ agentId })).map((m) => m.teamId);
  }

  async countOnline(agentIds: string[]) {
    return agentIds.length ? this.db.getRepository(AgentProfileEntity).countBy({ userId: In(agentIds), status: 'online' }) : 0;
  }

  async setTeamIfNone(conversationId: string, teamId: string, at: Date) {
    await this.db.createQueryBuilder().update(ConversationEntity).set({ teamId, updatedAt: at }).where('id = :id AND team_id IS NULL', { id: conversationId }).execute();
  }

  async moveUnassigned(conversationId: string, fromTeamId: string, toTeamId: string, at: Date) {
    const moved = await this.db.createQueryBuilder().update(ConversationEntity).set({ teamId: toTeamId, updatedAt: at })
      .where('id = :id AND team_id = :from AND assignee_id IS NULL', { id: conversationId, from: fromTeamId }).execute();
    return !!moved.affected;
  }

  async updateConversation(id: string, changes: Partial<ConversationEntity>) {
    await withTransaction(this.db, (em) => em.update(ConversationEntity, { id }, changes));
  }

  async lastAgentOf(c: ConversationEntity) {
    const previous = await this.db.getRepository(ConversationEntity).createQueryBuilder('c')
      .select(['c.id', 'c.assigneeId'])
      .where('c.customerId = :customerId AND c.id <> :id AND c.assigneeId IS NOT NULL', { customerId: c.customerId, id: c.id })
      .orderBy('c.createdAt', 'DESC')
      .limit(1)
      .getOne();
    return previous?.assigneeId ?? null;
  }

  async firstInboundTexts(conversationId: string, limit: number) {
    const rows = await this.db.getRepository(MessageEntity).find({
      select: { content: true }, where: { conversationId, direction: 'inbound' }, order: { createdAt: 'ASC' }, take: limit,
    });
    return rows.map((m) => m.content);
  }

  routing(conversationId: string) { return this.db.getRepository(ConversationRoutingEntity).findOneBy({ conversationId }); }

  async insertRouting(row: ConversationRoutingEntity) {
    await this.db.createQueryBuilder().insert().into(ConversationRoutingEntity).values(row).orIgnore().execute();
  }

  async updateRouting(conversationId: string, changes: Partial<ConversationRoutingEntity>) {
    await this.db.getRepository(ConversationRoutingEntity).update({ conversationId }, changes);
  }

  async markQueued(conversationId: string, at: Date) {
    await this.db.createQueryBuilder().update(ConversationRoutingEntity).set({ queuedAt: at, updatedAt: at })
      .where('conversation_id = :id AND queued_at IS NULL', { id: conversationId }).execute();
  }

  async incrementTransfers(conversationId: string) {
    const repo = this.db.getRepository(ConversationRoutingEntity);
    await repo.increment({ conversationId }, 'transfers', 1);
    return (await repo.findOneByOrFail({ conversationId })).transfers;
  }

  async waitingIn(teamIds: string[], limit: number) {
    // Waiting conversations carry queued_at (set when routing found no agent, cleared by the
    // claim), so its index finds them without scanning every open conversation.
    const rows: { id: string }[] = await this.db
      .createQueryBuilder(ConversationRoutingEntity, 'r')
      .innerJoin(ConversationEntity, 'c', 'c.id = r.conversation_id')
      .select('c.id', 'id')
      .addSelect("CASE c.priority WHEN 'urgent' THEN 3 WHEN 'high' THEN 2 WHEN 'normal' THEN 1 ELSE 0 END", 'prio')
      .addSelect('r.boost', 'boost')
      .addSelect('r.queued_at', 'since')
      .where('r.queued_at IS NOT NULL')
      .andWhere('c.team_id IN (:...teamIds)', { teamIds })
      .andWhere('c.assignee_id IS NULL')
      .andWhere("c.status = 'open'")
      .orderBy('prio', 'DESC')
      .addOrderBy('boost', 'DESC')
      .addOrderBy('since', 'ASC')
      .limit(limit)
      .getRawMany();
    return rows.map((r) => r.id);
  }

  async teamsWithWaiting() {
    const rows: { teamId: string }[] = await this.db
      .createQueryBuilder(ConversationRoutingEntity, 'r')
      .innerJoin(ConversationEntity, 'c', 'c.id = r.conversation_id')
      .select('DISTINCT c.team_id', 'teamId')
      .where('r.queued_at IS NOT NULL')
      .andWhere('c.assignee_id IS NULL AND c.team_id IS NOT NULL')
      .andWhere("c.status = 'open'")
      .getRawMany();
    return rows.map((r) => r.teamId);
  }

  async onlineMembersWithRoom(teamIds: string[]) {
    if (!teamIds.length) return [];
    const rows: { agentId: string }[] = await this.db
      .createQueryBuilder(TeamMemberEntity, 'm')
      .innerJoin(AgentProfileEntity, 'p', 'p.user_id = m.agent_id')
      .select('DISTINCT m.agent_id', 'agentId')
      .where('m.team_id IN (:...ids)', { ids: teamIds })
      .andWhere("p.status = 'online' AND p.load < p.capacity")
      .getRawMany();
    return rows.map((r) => r.agentId);
  }

  async onlineCandidates(teamId: string): Promise<RoutingCandidate[]> {
    const rows: { id: string; capacity: number; load: number; skills: string | null; last: Date | string | null }[] = await this.db
      .createQueryBuilder(AgentProfileEntity, 'p')
      .innerJoin(TeamMemberEntity, 'm', 'm.agent_id = p.user_id')
      .select('p.user_id', 'id')
      .addSelect('p.capacity', 'capacity')
      .addSelect('p.load', 'load')
      .addSelect('p.skills', 'skills')
      .addSelect('p.last_assigned_at', 'last')
      .where('m.team_id = :teamId', { teamId })
      .andWhere("p.status = 'online'")
      .getRawMany();
    return rows.map((p) => ({
      id: p.id,
      online: true,
      capacity: Number(p.capacity),
      load: Number(p.load),
      skills: (typeof p.skills === 'string' ? JSON.parse(p.skills) : p.skills ?? []) as string[], // jsonb arrives parsed, SQLite's text does not
      // SQLite's raw timestamp is UTC text without a zone; PostgreSQL's arrives as a Date.
      lastAssignedAt: p.last ? new Date(typeof p.last === 'string' && !/[zZ+]/.test(p.last.slice(10)) ? `${p.last.replace(' ', 'T')}Z` : p.last).getTime() : null,
    }));
  }

  overflowTimer(conversationId: string) { return this.db.getRepository(SlaTimerEntity).findOneBy({ conversationId, metric: OVERFLOW }); }

  async insertTimer(timer: SlaTimerEntity) {
    await this.db.createQueryBuilder().insert().into(SlaTimerEntity).values(timer).orIgnore().execute();
  }

  async updateTimer(id: string, changes: Partial<SlaTimerEntity>) {
    await this.db.getRepository(SlaTimerEntity).update({ id }, changes);
  }

  rules() { return this.db.getRepository(RoutingRuleEntity).find({ order: { position: 'ASC', createdAt: 'ASC' } }); }
  rule(id: string) { return this.db.getRepository(RoutingRuleEntity).findOneBy({ id }); }

  async lastRulePosition() {
    const last = await this.db.getRepository(RoutingRuleEntity).createQueryBuilder('r').select('MAX(r.position)', 'max').getRawOne<{ max: number | null }>();
    return Number(last?.max ?? 0);
  }

  async insertRule(rule: RoutingRuleEntity) { await this.db.getRepository(RoutingRuleEntity).insert(rule); }
  async updateRule(id: string, changes: Partial<RoutingRuleEntity>) { await this.db.getRepository(RoutingRuleEntity).update({ id }, changes); }
  async deleteRule(id: string) { return !!(await this.db.getRepository(RoutingRuleEntity).delete({ id })).affected; }

  async setting(key: string) { return (await this.db.getRepository(SettingEntity).findOneBy({ key }))?.value ?? null; }
  async saveSetting(key: string, value: string) { await this.db.getRepository(SettingEntity).save({ key, value }); }
}
