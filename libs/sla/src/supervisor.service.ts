import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SUPERVISOR_WAITING_LIST, type SupervisorQueueDto, type SupervisorQueueRow, type SupervisorWaitingGroup } from '@parley/contracts';
import { ConversationEntity, ConversationRoutingEntity, RoutingRuleEntity, SlaTimerEntity, TeamEntity, TeamMemberEntity } from '@parley/persistence';
import { TeamsService } from '@parley/routing';
import { SLA_CLOCK, type SlaClock } from './sla-clock.port';
import { supervisorRows } from './supervisor-rows';
import { XlaService } from './xla.service';

const LIST = 50;
const WAITING = "c.assignee_id IS NULL AND c.status = 'open'";

const toDate = (v: Date | string | null) => (v ? new Date(typeof v === 'string' && !v.endsWith('Z') && !v.includes('+') ? `${v.replace(' ', 'T')}Z` : v) : null);

/** The supervisor's queue view in one read: waiting work, agents and their load, risk and mood. */
@Injectable()
export class SupervisorService {
  constructor(
    private readonly db: DataSource,
    private readonly teams: TeamsService,
    private readonly xla: XlaService,
    @Inject(SLA_CLOCK) private readonly clock: SlaClock,
  ) {}

  async queue(): Promise<SupervisorQueueDto> {
    const waitingRows: { teamId: string | null; n: string | number; since: Date | string | null }[] = await this.db
      .createQueryBuilder(ConversationEntity, 'c')
      .leftJoin(ConversationRoutingEntity, 'r', 'r.conversation_id = c.id')
      .select('c.team_id', 'teamId')
      .addSelect('COUNT(*)', 'n')
      .addSelect('MIN(COALESCE(r.queued_at, c.created_at))', 'since')
      .where(WAITING)
      .groupBy('c.team_id')
      .getRawMany();
    const teams = await this.db.getRepository(TeamEntity).find({ order: { name: 'ASC' } });
    const waiting = waitingRows.reduce((s, r) => s + Number(r.n), 0);
    const sinces = waitingRows.map((r) => toDate(r.since)).filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime());
    const lists = await this.waitingLists();
    const members = await this.db.getRepository(TeamMemberEntity).find();
    const routed = new Set((await this.db.getRepository(RoutingRuleEntity).find()).map((r) => r.teamId));
    const group = (teamId: string | null): SupervisorWaitingGroup => {
      const row = waitingRows.find((r) => r.teamId === teamId);
      return { waiting: Number(row?.n ?? 0), longestWaitSince: toDate(row?.since ?? null)?.toISOString() ?? null, conversations: lists.get(teamId) ?? [] };
    };
    const teamRows = await Promise.all(teams.map(async (t) => ({
      teamId: t.id,
      name: t.name,
      ...group(t.id),
      memberCount: members.filter((m) => m.teamId === t.id).length,
      hasRoutingRule: routed.has(t.id),
      csatPercent: await this.xla.csatPercent(t.id),
      csatTargetPercent: (await this.xla.policyFor(t.id))?.csatTargetPercent ?? null,
    })));
    // A team deleted under its conversations leaves them without a row: they count as team-less.
    const known = new Set(teams.map((t) => t.id));
    const orphans = waitingRows.filter((r) => r.teamId !== null && !known.has(r.teamId));
    const noTeam = group(null);
    if (orphans.length) {
      noTeam.waiting += orphans.reduce((s, r) => s + Number(r.n), 0);
      noTeam.conversations = [...noTeam.conversations, ...[...lists].filter(([id]) => id !== null && !known.has(id)).flatMap(([, l]) => l)]
        .sort((a, b) => a.waitingSince.localeCompare(b.waitingSince)).slice(0, SUPERVISOR_WAITING_LIST);
    }
    const now = this.clock.now();
    const atRiskTimers = await this.db.getRepository(SlaTimerEntity).createQueryBuilder('t')
      .innerJoin(ConversationEntity, 'c', 'c.id = t.conversation_id')
      .where("t.state = 'running' AND t.warned = :yes AND t.metric <> 'overflow' AND c.status <> 'resolved'", { yes: true })
      .orderBy('t.due_at', 'ASC').limit(LIST).getMany();
    const breachedTimers = await this.db.getRepository(SlaTimerEntity).createQueryBuilder('t')
      .innerJoin(ConversationEntity, 'c', 'c.id = t.conversation_id')
      .where("t.state = 'breached' AND t.met_at IS NULL AND c.status <> 'resolved'")
      .orderBy('t.breached_at', 'ASC').limit(LIST).getMany();
    const negative = await this.db.getRepository(ConversationRoutingEntity).createQueryBuilder('r')
      .innerJoin(ConversationEntity, 'c', 'c.id = r.conversation_id')
      .where("r.sentiment = 'negative' AND c.status <> 'resolved'")
      .orderBy('r.updated_at', 'DESC').limit(LIST).getMany();
    const ids = [...new Set([...atRiskTimers, ...breachedTimers].map((t) => t.conversationId).concat(negative.map((r) => r.conversationId)))];
    const rows = await supervisorRows(this.db, ids);
    const pick = (list: string[]) => [...new Set(list)].map((id) => rows.get(id)).filter((r): r is SupervisorQueueRow => !!r);
    return {
      generatedAt: now.toISOString(),
      waiting,
      longestWaitSince: sinces[0]?.toISOString() ?? null,
      teams: teamRows,
      noTeam,
      agents: (await this.teams.agents()).sort((a, b) => (a.status === b.status ? a.name.localeCompare(b.name) : a.status === 'online' ? -1 : b.status === 'online' ? 1 : 0)),
      atRisk: pick(atRiskTimers.map((t) => t.conversationId)),
      breached: pick(breachedTimers.map((t) => t.conversationId)),
      negative: pick(negative.map((r) => r.conversationId)),
    };
  }

  /**
   * Conversations with a running SLA clock or a missed deadline still owed, soonest deadline first
   * (missed ones lead): "my SLA at risk" and sort by due.
   */
  async dueOrder(filter: { assigneeId?: string | null; teamId?: string; atRisk?: boolean; limit: number }): Promise<string[]> {
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

  /** The longest-waiting unassigned open conversations of every team (key null: no team yet). */
  private async waitingLists(): Promise<Map<string | null, SupervisorQueueRow[]>> {
    const found: { id: string; teamId: string | null }[] = [];
    for (const teamId of await this.waitingTeamIds()) {
      const qb = this.db.createQueryBuilder(ConversationEntity, 'c')
        .leftJoin(ConversationRoutingEntity, 'r', 'r.conversation_id = c.id')
        .select('c.id', 'id')
        .addSelect('COALESCE(r.queued_at, c.created_at)', 'since')
        .where(WAITING);
      if (teamId === null) qb.andWhere('c.team_id IS NULL');
      else qb.andWhere('c.team_id = :teamId', { teamId });
      const ids: { id: string }[] = await qb.orderBy('since', 'ASC').limit(SUPERVISOR_WAITING_LIST).getRawMany();
      found.push(...ids.map((r) => ({ id: r.id, teamId })));
    }
    const rows = await supervisorRows(this.db, found.map((f) => f.id));
    const lists = new Map<string | null, SupervisorQueueRow[]>();
    for (const f of found) {
      const row = rows.get(f.id);
      if (row) lists.set(f.teamId, [...(lists.get(f.teamId) ?? []), row]);
    }
    return lists;
  }

  private async waitingTeamIds(): Promise<(string | null)[]> {
    const rows: { teamId: string | null }[] = await this.db.createQueryBuilder(ConversationEntity, 'c')
      .select('DISTINCT c.team_id', 'teamId').where(WAITING).getRawMany();
    return rows.map((r) => r.teamId ?? null);
  }
}
