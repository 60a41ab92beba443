import { Inject, Injectable } from '@nestjs/common';
import { AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { ConversationsService } from '@parley/conversations';
import { newId, rankCandidates, SLA_TIMER_TOPIC } from '@parley/domain';
import type { ConversationEntity, ConversationRoutingEntity, TeamEntity } from '@parley/persistence';
import { SCHEDULER, type Scheduler } from '@parley/queue';
import { AssignmentService } from './assignment.service';
import { RoutingCandidatesService } from './routing-candidates.service';
import { RoutingRulesService } from './routing-rules.service';
import { RoutingSettingsService } from './routing-settings.service';
import { ROUTING_REPOSITORY, type RoutingRepository } from './ports/routing.repository';

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
    @Inject(ROUTING_REPOSITORY) private readonly repo: RoutingRepository,
    private readonly assignment: AssignmentService,
    private readonly settings: RoutingSettingsService,
    private readonly rules: RoutingRulesService,
    private readonly candidates: RoutingCandidatesService,
    private readonly conversations: ConversationsService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
    @Inject(SCHEDULER) private readonly scheduler: Scheduler,
  ) {}

  /** Finds the conversation's team (rules) and agent (the team's strategy), or queues it. */
  async route(conversationId: string, opts: { exclude?: string[]; known?: ConversationEntity | null } = {}): Promise<RouteResult> {
    // `known`: the caller just read the conversation (a batch of follow-ups reads them in one query).
    let c = opts.known !== undefined ? opts.known : await this.repo.conversation(conversationId);
    if (!c || c.status === 'resolved' || c.assigneeId) return { outcome: 'not_waiting', conversation: c ?? undefined };
    if (!c.teamId && !(await this.rules.cachedRules()).length) return { outcome: 'no_team', teamId: null, conversation: c };
    const routing = await this.ensureRoutingRow(conversationId);
    if (!c.teamId) {
      const teamId = await this.rules.teamByRules(c, routing.language);
      if (!teamId) return { outcome: 'no_team', teamId: null };
      if (!(await this.repo.exists('team', teamId))) {
        this.rules.forgetRules();
        return { outcome: 'no_team', teamId: null };
      }
      await this.repo.setTeamIfNone(c.id, teamId, new Date());
      c = await this.repo.conversation(conversationId);
      if (!c?.teamId) return { outcome: 'no_team' };
      this.realtime.toAgents(AGENT_EVENTS.conversationUpdated, await this.conversations.toDto(c));
    }
    const team = await this.repo.team(c.teamId);
    if (!team) return { outcome: 'no_team' };
    const candidates = await this.candidates.candidates(team.id);
    const customer = await this.repo.customer(c.customerId);
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
    const profile = await this.repo.profile(agentId);
    if (!profile || profile.status !== 'online') return 0;
    const teamIds = await this.repo.teamIdsOf(agentId);
    if (!teamIds.length) return 0;
    let assigned = 0;
    for (const id of await this.repo.waitingIn(teamIds, max)) {
      const res = await this.assignment.claim(id, agentId, { expectedAssigneeId: null, data: { pulled: true } });
      if (res.outcome === 'assigned') assigned++;
      else if (res.outcome !== 'taken') break;
    }
    return assigned;
  }

  /** Safety net for missed triggers: online agents with room pull from their teams' queues. */
  async drain(): Promise<number> {
    const teams = await this.repo.teamsWithWaiting();
    if (!teams.length) return 0;
    let n = 0;
    for (const agentId of await this.repo.onlineMembersWithRoom(teams)) n += await this.assignNextFor(agentId);
    return n;
  }

  async ensureRoutingRow(conversationId: string): Promise<ConversationRoutingEntity> {
    const existing = await this.repo.routing(conversationId);
    if (existing) return existing;
    await this.repo.insertRouting({
      conversationId, language: null, sentiment: null, sentimentScore: 0, boost: 0, transfers: 0, queuedAt: null, updatedAt: new Date(),
    });
    return (await this.repo.routing(conversationId))!;
  }

  /** Agents with a status of online among these ids (supervisor screens). */
  async onlineCount(ids: string[]): Promise<number> {
    return this.repo.countOnline(ids);
  }

  private async queue(c: ConversationEntity, team: TeamEntity): Promise<void> {
    const now = new Date();
    await this.repo.markQueued(c.id, now);
    if (!team.overflowTeamId || !team.overflowAfterMinutes) return;
    const routing = (await this.repo.routing(c.id)) as ConversationRoutingEntity;
    const dueAt = new Date((routing.queuedAt ?? now).getTime() + team.overflowAfterMinutes * 60_000);
    const existing = await this.repo.overflowTimer(c.id);
    const fields = {
      state: 'running' as const, policyId: team.id, targetSeconds: team.overflowAfterMinutes * 60, consumedSeconds: 0, segmentStartedAt: routing.queuedAt ?? now,
      startedAt: routing.queuedAt ?? now, dueAt, warnAt: null, nextFireAt: dueAt, warned: true, breachedAt: null, metAt: null, updatedAt: now,
    };
    let timerId = existing?.id;
    if (existing) {
      if (existing.state === 'running' && existing.policyId === team.id && existing.dueAt?.getTime() === dueAt.getTime()) return;
      await this.repo.updateTimer(existing.id, { ...fields, version: existing.version + 1 });
    } else {
      timerId = newId();
      await this.repo.insertTimer({ id: timerId, conversationId: c.id, metric: OVERFLOW_METRIC as never, version: 0, ...fields });
    }
    // Fires to the second (the SLA timers' handler moves it on); a schedule lost with Redis is
    // found by the SLA sweep, which schedules every row due within two minutes.
    await this.scheduler.schedule(SLA_TIMER_TOPIC, timerId!, dueAt).catch(() => undefined);
  }

  private lastAgentOf(c: ConversationEntity): Promise<string | null> {
    return this.repo.lastAgentOf(c);
  }
}
