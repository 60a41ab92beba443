import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { ConversationsService } from '@parley/conversations';
import { newId, rankCandidates } from '@parley/domain';
import { AgentProfileEntity, ConversationEntity, ConversationRoutingEntity, CustomerEntity, SlaTimerEntity, TeamEntity, TeamMemberEntity } from '@parley/persistence';
import { AssignmentService } from './assignment.service';
import { RoutingCandidatesService } from './routing-candidates.service';
import { RoutingRulesService } from './routing-rules.service';
import { RoutingSettingsService } from './routing-settings.service';

/** Timer metric of the overflow deadline in `sla_timers`; its policy_id column holds the team it waits in. */
export const OVERFLOW_METRIC = 'overflow';
/** How many ranked agents one decision tries before queueing (each failed claim was a stale load). */
const MAX_CLAIM_TRIES = 8;

export interface RouteResult {
  outcome: 'assigned' | 'queued' | 'no_team' | 'not_waiting';
  agentId?: string;
  teamId?: string | null;
  /** The conversation as routing read it, when it decided without changing it. */
  conversation?: ConversationEntity;
}

/** Who takes a waiting conversation: its team (by the rules) and an agent (by the team's strategy), or the team's queue. */
@Injectable()
export class RoutingDecisionService {
  constructor(
    private readonly db: DataSource,
    private readonly assignment: AssignmentService,
    private readonly settings: RoutingSettingsService,
    private readonly rules: RoutingRulesService,
    private readonly candidates: RoutingCandidatesService,
    private readonly conversations: ConversationsService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  /** Finds the conversation's team (rules) and agent (the team's strategy), or queues it. */
  async route(conversationId: string, opts: { exclude?: string[]; known?: ConversationEntity | null } = {}): Promise<RouteResult> {
    // `known`: the caller just read the conversation (a batch of follow-ups reads them in one query).
    let c = opts.known !== undefined ? opts.known : await this.db.getRepository(ConversationEntity).findOneBy({ id: conversationId });
    if (!c || c.status === 'resolved' || c.assigneeId) return { outcome: 'not_waiting', conversation: c ?? undefined };
    if (!c.teamId && !(await this.rules.cachedRules()).length) return { outcome: 'no_team', teamId: null, conversation: c };
    const routing = await this.ensureRoutingRow(conversationId);
    if (!c.teamId) {
      const teamId = await this.rules.teamByRules(c, routing.language);
      if (!teamId) return { outcome: 'no_team', teamId: null };
      if (!(await this.db.getRepository(TeamEntity).existsBy({ id: teamId }))) {
        this.rules.forgetRules();
        return { outcome: 'no_team', teamId: null };
      }
      await this.db.createQueryBuilder().update(ConversationEntity).set({ teamId, updatedAt: new Date() })
        .where('id = :id AND team_id IS NULL', { id: c.id }).execute();
      c = await this.db.getRepository(ConversationEntity).findOneByOrFail({ id: conversationId });
      if (!c.teamId) return { outcome: 'no_team' };
      this.realtime.toAgents(AGENT_EVENTS.conversationUpdated, await this.conversations.toDto(c));
    }
    const team = await this.db.getRepository(TeamEntity).findOneBy({ id: c.teamId! });
    if (!team) return { outcome: 'no_team' };
    const candidates = await this.candidates.candidates(team.id);
    const customer = await this.db.getRepository(CustomerEntity).findOneBy({ id: c.customerId });
    const skills = [`channel:${c.channel}`, ...(routing.language ? [`lang:${routing.language}`] : []), ...(customer?.tags ?? []).map((t) => `tag:${t.toLowerCase()}`)];
    const ranked = rankCandidates(team.strategy, candidates, {
      weight: await this.settings.weightOf(c.channel),
      skills,
      stickyAgentId: team.sticky ? await this.lastAgentOf(c) : null,
      exclude: opts.exclude,
    });
    for (const agentId of ranked.slice(0, MAX_CLAIM_TRIES)) {
      const claimed = await this.assignment.claim(c.id, agentId, { expectedAssigneeId: null, data: { strategy: team.strategy }, known: c, customer });
      const cached = candidates.find((x) => x.id === agentId);
      if (claimed.outcome === 'assigned') {
        if (cached) Object.assign(cached, { load: cached.load + (await this.settings.weightOf(c.channel)), lastAssignedAt: Date.now() });
        return { outcome: 'assigned', agentId, teamId: team.id };
      }
      if (claimed.outcome === 'taken') return { outcome: 'not_waiting' };
      this.candidates.forgetTeam(team.id);
    }
    await this.queue(c, team);
    return { outcome: 'queued', teamId: team.id };
  }

  /** The agent has room (came online, resolved something): take waiting conversations of their teams, best first. */
  async assignNextFor(agentId: string, max = 20): Promise<number> {
    const profile = await this.db.getRepository(AgentProfileEntity).findOneBy({ userId: agentId });
    if (!profile || profile.status !== 'online') return 0;
    const teamIds = (await this.db.getRepository(TeamMemberEntity).findBy({ agentId })).map((m) => m.teamId);
    if (!teamIds.length) return 0;
    // Waiting conversations carry queued_at (set when routing found no agent, cleared by the
    // claim), so its index finds them without scanning every open conversation.
    const waiting: { id: string }[] = await this.db
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
      .limit(max)
      .getRawMany();
    let assigned = 0;
    for (const { id } of waiting) {
      const res = await this.assignment.claim(id, agentId, { expectedAssigneeId: null, data: { pulled: true } });
      if (res.outcome === 'assigned') assigned++;
      else if (res.outcome !== 'taken') break;
    }
    return assigned;
  }

  /** Safety net for missed triggers: online agents with room pull from their teams' queues. */
  async drain(): Promise<number> {
    const teams: { teamId: string }[] = await this.db
      .createQueryBuilder(ConversationRoutingEntity, 'r')
      .innerJoin(ConversationEntity, 'c', 'c.id = r.conversation_id')
      .select('DISTINCT c.team_id', 'teamId')
      .where('r.queued_at IS NOT NULL')
      .andWhere('c.assignee_id IS NULL AND c.team_id IS NOT NULL')
      .andWhere("c.status = 'open'")
      .getRawMany();
    if (!teams.length) return 0;
    const agents: { agentId: string }[] = await this.db
      .createQueryBuilder(TeamMemberEntity, 'm')
      .innerJoin(AgentProfileEntity, 'p', 'p.user_id = m.agent_id')
      .select('DISTINCT m.agent_id', 'agentId')
      .where('m.team_id IN (:...ids)', { ids: teams.map((t) => t.teamId) })
      .andWhere("p.status = 'online' AND p.load < p.capacity")
      .getRawMany();
    let n = 0;
    for (const a of agents) n += await this.assignNextFor(a.agentId);
    return n;
  }

  async ensureRoutingRow(conversationId: string): Promise<ConversationRoutingEntity> {
    const repo = this.db.getRepository(ConversationRoutingEntity);
    const existing = await repo.findOneBy({ conversationId });
    if (existing) return existing;
    await this.db.createQueryBuilder().insert().into(ConversationRoutingEntity).values({
      conversationId, language: null, sentiment: null, sentimentScore: 0, boost: 0, transfers: 0, queuedAt: null, updatedAt: new Date(),
    }).orIgnore().execute();
    return repo.findOneByOrFail({ conversationId });
  }

  /** Agents with a status of online among these ids (supervisor screens). */
  async onlineCount(ids: string[]): Promise<number> {
    return ids.length ? this.db.getRepository(AgentProfileEntity).countBy({ userId: In(ids), status: 'online' }) : 0;
  }

  private async queue(c: ConversationEntity, team: TeamEntity): Promise<void> {
    const now = new Date();
    await this.db.createQueryBuilder().update(ConversationRoutingEntity).set({ queuedAt: now, updatedAt: now })
      .where('conversation_id = :id AND queued_at IS NULL', { id: c.id }).execute();
    if (!team.overflowTeamId || !team.overflowAfterMinutes) return;
    const routing = await this.db.getRepository(ConversationRoutingEntity).findOneByOrFail({ conversationId: c.id });
    const dueAt = new Date((routing.queuedAt ?? now).getTime() + team.overflowAfterMinutes * 60_000);
    const repo = this.db.getRepository(SlaTimerEntity);
    const existing = await repo.findOneBy({ conversationId: c.id, metric: OVERFLOW_METRIC as never });
    const fields = {
      state: 'running' as const, policyId: team.id, targetSeconds: team.overflowAfterMinutes * 60, consumedSeconds: 0, segmentStartedAt: routing.queuedAt ?? now,
      startedAt: routing.queuedAt ?? now, dueAt, warnAt: null, nextFireAt: dueAt, warned: true, breachedAt: null, metAt: null, updatedAt: now,
    };
    if (existing) {
      if (existing.state === 'running' && existing.policyId === team.id && existing.dueAt?.getTime() === dueAt.getTime()) return;
      await repo.update({ id: existing.id }, { ...fields, version: existing.version + 1 });
    } else {
      await this.db.createQueryBuilder().insert().into(SlaTimerEntity).values({ id: newId(), conversationId: c.id, metric: OVERFLOW_METRIC as never, version: 0, ...fields }).orIgnore().execute();
    }
  }

  private async lastAgentOf(c: ConversationEntity): Promise<string | null> {
    const previous = await this.db.getRepository(ConversationEntity).createQueryBuilder('c')
      .select(['c.id', 'c.assigneeId'])
      .where('c.customerId = :customerId AND c.id <> :id AND c.assigneeId IS NOT NULL', { customerId: c.customerId, id: c.id })
      .orderBy('c.createdAt', 'DESC')
      .limit(1)
      .getOne();
    return previous?.assigneeId ?? null;
  }
}
