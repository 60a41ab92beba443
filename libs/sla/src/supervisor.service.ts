import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { Priority, SupervisorQueueDto, SupervisorQueueRow } from '@parley/contracts';
import { ConversationEntity, ConversationRoutingEntity, CustomerEntity, SlaTimerEntity, TeamEntity } from '@parley/persistence';
import { TeamsService } from '@parley/routing';
import { SLA_CLOCK, type SlaClock } from './sla-clock.port';
import { XlaService } from './xla.service';

const LIST = 50;

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
      .where("c.assignee_id IS NULL AND c.status = 'open'")
      .groupBy('c.team_id')
      .getRawMany();
    const toDate = (v: Date | string | null) => (v ? new Date(typeof v === 'string' && !v.endsWith('Z') && !v.includes('+') ? `${v.replace(' ', 'T')}Z` : v) : null);
    const teams = await this.db.getRepository(TeamEntity).find({ order: { name: 'ASC' } });
    const waiting = waitingRows.reduce((s, r) => s + Number(r.n), 0);
    const sinces = waitingRows.map((r) => toDate(r.since)).filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime());
    const teamRows = await Promise.all(teams.map(async (t) => {
      const row = waitingRows.find((r) => r.teamId === t.id);
      return {
        teamId: t.id,
        name: t.name,
        waiting: Number(row?.n ?? 0),
        longestWaitSince: toDate(row?.since ?? null)?.toISOString() ?? null,
        csatPercent: await this.xla.csatPercent(t.id),
        csatTargetPercent: (await this.xla.policyFor(t.id))?.csatTargetPercent ?? null,
      };
    }));
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
    const rows = await this.rows(ids);
    const pick = (list: string[]) => [...new Set(list)].map((id) => rows.get(id)).filter((r): r is SupervisorQueueRow => !!r);
    return {
      generatedAt: now.toISOString(),
      waiting,
      longestWaitSince: sinces[0]?.toISOString() ?? null,
      teams: teamRows,
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

  private async rows(ids: string[]): Promise<Map<string, SupervisorQueueRow>> {
    if (!ids.length) return new Map();
    const conversations = await this.db.getRepository(ConversationEntity).findBy({ id: In(ids) });
    const customers = new Map((await this.db.getRepository(CustomerEntity).findBy({ id: In(conversations.map((c) => c.customerId)) })).map((c) => [c.id, c]));
    const routing = new Map((await this.db.getRepository(ConversationRoutingEntity).findBy({ conversationId: In(ids) })).map((r) => [r.conversationId, r]));
    const timers = await this.db.getRepository(SlaTimerEntity).findBy({ conversationId: In(ids) });
    return new Map(conversations.map((c) => {
      const mine = timers.filter((t) => t.conversationId === c.id && t.metric !== ('overflow' as never));
      const due = mine.filter((t) => t.state === 'running' && t.dueAt).map((t) => t.dueAt!).sort((a, b) => a.getTime() - b.getTime())[0];
      const missed = mine.filter((t) => t.state === 'breached' && !t.metAt).map((t) => t.dueAt ?? t.breachedAt).filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime())[0];
      return [c.id, {
        conversationId: c.id,
        customerName: customers.get(c.customerId)?.name ?? null,
        teamId: c.teamId,
        assigneeId: c.assigneeId,
        priority: c.priority as Priority,
        status: c.status,
        waitingSince: (routing.get(c.id)?.queuedAt ?? c.lastInboundAt ?? c.createdAt).toISOString(),
        nextDueAt: due?.toISOString() ?? null,
        missedDueAt: missed?.toISOString() ?? null,
        breached: mine.some((t) => t.state === 'breached' && !t.metAt),
        sentiment: routing.get(c.id)?.sentiment ?? null,
      }];
    }));
  }
}
