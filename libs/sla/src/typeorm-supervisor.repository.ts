import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  ChannelIdentityEntity, ConversationEntity, ConversationRoutingEntity, CustomerEntity, RoutingRuleEntity, SlaTimerEntity, TeamEntity, TeamMemberEntity,
} from '@parley/persistence';
import type { DueOrderFilter, SupervisorRepository, SupervisorRowFacts } from './ports/supervisor.repository';

const WAITING = "c.assignee_id IS NULL AND c.status = 'open'";

/** A raw aggregate comes back as a Date on PostgreSQL and as UTC text without a zone on SQLite. */
const toDate = (v: Date | string | null) => (v ? new Date(typeof v === 'string' && !v.endsWith('Z') && !v.includes('+') ? `${v.replace(' ', 'T')}Z` : v) : null);

/** The supervisor's reads on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmSupervisorRepository implements SupervisorRepository {
  constructor(private readonly db: DataSource) {}

  async waitingByTeam() {
    const rows: { teamId: string | null; n: string | number; since: Date | string | null }[] = await this.db
      .createQueryBuilder(ConversationEntity, 'c')
      .leftJoin(ConversationRoutingEntity, 'r', 'r.conversation_id = c.id')
      .select('c.team_id', 'teamId')
      .addSelect('COUNT(*)', 'n')
      .addSelect('MIN(COALESCE(r.queued_at, c.created_at))', 'since')
      .where(WAITING)
      .groupBy('c.team_id')
      .getRawMany();
    return rows.map((r) => ({ teamId: r.teamId, n: Number(r.n), since: toDate(r.since) }));
  }

  async waitingTeamIds() {
    const rows: { teamId: string | null }[] = await this.db.createQueryBuilder(ConversationEntity, 'c')
      .select('DISTINCT c.team_id', 'teamId').where(WAITING).getRawMany();
    return rows.map((r) => r.teamId ?? null);
  }

  async waitingIn(teamId: string | null, limit: number) {
    const qb = this.db.createQueryBuilder(ConversationEntity, 'c')
      .leftJoin(ConversationRoutingEntity, 'r', 'r.conversation_id = c.id')
      .select('c.id', 'id')
      .addSelect('COALESCE(r.queued_at, c.created_at)', 'since')
      .where(WAITING);
    if (teamId === null) qb.andWhere('c.team_id IS NULL');
    else qb.andWhere('c.team_id = :teamId', { teamId });
    const rows: { id: string }[] = await qb.orderBy('since', 'ASC').limit(limit).getRawMany();
    return rows.map((r) => r.id);
  }

  teams() { return this.db.getRepository(TeamEntity).find({ order: { name: 'ASC' } }); }
  teamMembers() { return this.db.getRepository(TeamMemberEntity).find(); }
  async routedTeamIds() { return (await this.db.getRepository(RoutingRuleEntity).find()).map((r) => r.teamId); }

  atRisk(limit: number) {
    return this.openTimerConversations("t.state = 'running' AND t.warned = :yes AND t.metric <> 'overflow'", 't.due_at', limit);
  }

  breached(limit: number) {
    return this.openTimerConversations("t.state = 'breached' AND t.met_at IS NULL", 't.breached_at', limit);
  }

  /** Conversations not resolved whose timer matches `where`, oldest `orderBy` first. */
  private async openTimerConversations(where: string, orderBy: string, limit: number) {
    const timers = await this.db.getRepository(SlaTimerEntity).createQueryBuilder('t')
      .innerJoin(ConversationEntity, 'c', 'c.id = t.conversation_id')
      .where(`${where} AND c.status <> 'resolved'`, { yes: true })
      .orderBy(orderBy, 'ASC').limit(limit).getMany();
    return timers.map((t) => t.conversationId);
  }

  async negative(limit: number) {
    const rows = await this.db.getRepository(ConversationRoutingEntity).createQueryBuilder('r')
      .innerJoin(ConversationEntity, 'c', 'c.id = r.conversation_id')
      .where("r.sentiment = 'negative' AND c.status <> 'resolved'")
      .orderBy('r.updated_at', 'DESC').limit(limit).getMany();
    return rows.map((r) => r.conversationId);
  }

  async dueOrder(filter: DueOrderFilter) {
    const qb = this.db.getRepository(SlaTimerEntity).createQueryBuilder('t')
      .innerJoin(ConversationEntity, 'c', 'c.id = t.conversation_id')
      .select('t.conversation_id', 'id')
      .addSelect('MIN(COALESCE(t.due_at, t.breached_at))', 'due')
      .where("t.metric <> 'overflow' AND c.status <> 'resolved'")
      .andWhere("((t.state = 'running' AND t.due_at IS NOT NULL) OR (t.state = 'breached' AND t.met_at IS NULL AND c.status = 'open'))");
    if (filter.assigneeId === null) qb.andWhere('c.assignee_id IS NULL');
    else if (filter.assigneeId) qb.andWhere('c.assignee_id = :a', { a: filter.assigneeId });
    if (filter.teamId) qb.andWhere('c.team_id = :team', { team: filter.teamId });
    if (filter.atRisk) qb.andWhere("(t.warned = :yes OR t.state = 'breached')", { yes: true });
    const rows: { id: string }[] = await qb.groupBy('t.conversation_id').orderBy('due', 'ASC').limit(filter.limit).getRawMany();
    return rows.map((r) => r.id);
  }

  async rowFacts(conversationIds: readonly string[]): Promise<SupervisorRowFacts> {
    if (!conversationIds.length) return { conversations: [], customers: [], identities: [], routing: [], timers: [] };
    const ids = [...conversationIds];
    const conversations = await this.db.getRepository(ConversationEntity).findBy({ id: In(ids) });
    const customerIds = [...new Set(conversations.map((c) => c.customerId))];
    const customers = await this.db.getRepository(CustomerEntity).findBy({ id: In(customerIds) });
    const identities = await this.db.getRepository(ChannelIdentityEntity).findBy({ customerId: In(customerIds) });
    const routing = await this.db.getRepository(ConversationRoutingEntity).findBy({ conversationId: In(ids) });
    const timers = await this.db.getRepository(SlaTimerEntity).findBy({ conversationId: In(ids) });
    return { conversations, customers, identities, routing, timers };
  }
}
