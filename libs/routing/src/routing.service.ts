import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { ConversationDto, Sentiment } from '@parley/contracts';
import { AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { type Actor, ConversationsService, oneStatement, OutboundService } from '@parley/conversations';
import { TimelineService, toTimelineDto } from '@parley/customers';
import { newId } from '@parley/domain';
import {
  AgentProfileEntity, bulkInsert, ConversationEntity, ConversationRoutingEntity, CustomerEntity, MessageEntity, MessageSentimentEntity, RoutingRuleEntity,
  InboxEntity, runPrepared, SlaTimerEntity, TeamEntity, TeamMemberEntity, UserEntity, withTransaction,
} from '@parley/persistence';
import { AssignmentService } from './assignment.service';
import { RoutingSettingsService } from './routing-settings.service';
import { boostFor, matchRule, rankCandidates, type RoutingCandidate } from './routing-strategy';
import { analyzeSentiment } from './sentiment/sentiment-analyzer';

export interface RoutingRuleInput {
  teamId: string;
  inboxId?: string | null;
  language?: string | null;
  keywords?: string[];
  position?: number;
}

export const RULE_LANGUAGES = ['ru', 'en'];

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'Parley' };
/** Timer metric of the overflow deadline in `sla_timers`; its policy_id column holds the team it waits in. */
export const OVERFLOW_METRIC = 'overflow';
/** How many ranked agents one decision tries before queueing (each failed claim was a stale load). */
const MAX_CLAIM_TRIES = 8;
/**
 * A team's online members are read at most this often per process. A stale entry only costs a
 * retry: the claim re-checks status and load under the agent's row lock.
 */
const CANDIDATES_TTL_MS = 2_000;
const RULES_TTL_MS = 5_000;
/** What a new inbound message updates on an existing routing row (the rest, e.g. transfers, stays). */
const ROUTING_COLUMNS = ['language', 'sentiment', 'sentiment_score', 'boost', 'updated_at'];
const ROUTING_UPSERT = `ON CONFLICT ("conversation_id") DO UPDATE SET ${ROUTING_COLUMNS.map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ')}`;

export interface InboundAnalysis {
  sentiment: Sentiment;
  language: string;
  conversationId: string;
}

export interface RouteResult {
  outcome: 'assigned' | 'queued' | 'no_team' | 'not_waiting';
  agentId?: string;
  teamId?: string | null;
  /** The conversation as routing read it, when it decided without changing it. */
  conversation?: ConversationEntity;
}

@Injectable()
export class RoutingService {
  private readonly logger = new Logger(RoutingService.name);
  private readonly candidateCache = new Map<string, { at: number; list: RoutingCandidate[] }>();
  private ruleCache: { at: number; rules: RoutingRuleEntity[] } | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly assignment: AssignmentService,
    private readonly settings: RoutingSettingsService,
    private readonly conversations: ConversationsService,
    private readonly outbound: OutboundService,
    private readonly timeline: TimelineService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  /** Sentiment and language of a new inbound message, kept for the queue boost, XLA and the supervisor. */
  async analyzeInbound(messageId: string): Promise<InboundAnalysis | null> {
    return (await this.analyzeInboundMany([messageId])).get(messageId) ?? null;
  }

  /**
   * `analyzeInbound` for several messages (one group commit's): one read, and on PostgreSQL one
   * statement for every sentiment row and routing upsert. Keyed by message id; outbound and
   * unknown messages are left out.
   */
  async analyzeInboundMany(messageIds: string[]): Promise<Map<string, InboundAnalysis>> {
    const out = new Map<string, InboundAnalysis>();
    if (messageIds.length === 0) return out;
    // The messages with their customers (for the VIP boost) in one read: this runs for every inbound message.
    const messages = await this.db.getRepository(MessageEntity).createQueryBuilder('m')
      .leftJoinAndMapOne('m.customer', CustomerEntity, 'c', 'c.id = m.customerId')
      .where('m.id IN (:...messageIds)', { messageIds })
      .getMany() as (MessageEntity & { customer?: CustomerEntity })[];
    const now = new Date();
    const sentiments: MessageSentimentEntity[] = [];
    // One routing row per conversation (an upsert may not touch a row twice): the latest message's.
    const routing = new Map<string, ConversationRoutingEntity>();
    for (const message of messages.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
      if (message.direction !== 'inbound') continue;
      const result = analyzeSentiment(message.content ?? '');
      const boost = boostFor(message.customer ?? {}, result.label);
      sentiments.push({ messageId: message.id, conversationId: message.conversationId, language: result.language, score: result.score, label: result.label, createdAt: now });
      routing.set(message.conversationId, {
        conversationId: message.conversationId, language: result.language, sentiment: result.label, sentimentScore: result.score, boost,
        transfers: 0, queuedAt: null, updatedAt: now,
      });
      out.set(message.id, { sentiment: result.label, language: result.language, conversationId: message.conversationId });
    }
    if (sentiments.length === 0) return out;
    if (this.db.options.type === 'postgres') {
      // One statement whose text does not depend on the batch size.
      await runPrepared(this.db, 'parley_sentiments_batch', oneStatement([
        bulkInsert(this.db, MessageSentimentEntity, sentiments, 'ON CONFLICT DO NOTHING'),
        bulkInsert(this.db, ConversationRoutingEntity, [...routing.values()], ROUTING_UPSERT),
      ]));
    } else {
      await this.db.createQueryBuilder().insert().into(MessageSentimentEntity).values(sentiments).orIgnore().updateEntity(false).execute();
      // One upsert: the conversation's routing row is created by its first message and kept current after.
      await this.db.createQueryBuilder().insert().into(ConversationRoutingEntity).values([...routing.values()])
        .orUpdate(ROUTING_COLUMNS, ['conversation_id']).updateEntity(false).execute();
    }
    return out;
  }

  /** Finds the conversation's team (rules) and agent (the team's strategy), or queues it. */
  async route(conversationId: string, opts: { exclude?: string[]; known?: ConversationEntity | null } = {}): Promise<RouteResult> {
    // `known`: the caller just read the conversation (a batch of follow-ups reads them in one query).
    let c = opts.known !== undefined ? opts.known : await this.db.getRepository(ConversationEntity).findOneBy({ id: conversationId });
    if (!c || c.status === 'resolved' || c.assigneeId) return { outcome: 'not_waiting', conversation: c ?? undefined };
    if (!c.teamId && !(await this.cachedRules()).length) return { outcome: 'no_team', teamId: null, conversation: c };
    const routing = await this.ensureRoutingRow(conversationId);
    if (!c.teamId) {
      const teamId = await this.teamByRules(c, routing.language);
      if (!teamId) return { outcome: 'no_team', teamId: null };
      if (!(await this.db.getRepository(TeamEntity).existsBy({ id: teamId }))) {
        // A cached rule of a team deleted meanwhile (on another node): read the rules again next time.
        this.ruleCache = null;
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
    const candidates = await this.candidates(team.id);
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
      // Full or gone since the list was read: the list is stale, read it again next time.
      this.candidateCache.delete(team.id);
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

  /** Manual transfer with a note: to an agent (capacity holds) or to a team's queue. */
  async transfer(conversationId: string, input: { teamId?: string; agentId?: string; note: string }, actor: Actor): Promise<{ conversation: ConversationDto; transfers: number }> {
    if (!input.teamId && !input.agentId) throw new BadRequestException('Name a teamId or an agentId to transfer to');
    if (!input.note?.trim()) throw new BadRequestException('A transfer needs a note');
    const c = await this.db.getRepository(ConversationEntity).findOneBy({ id: conversationId });
    if (!c) throw new NotFoundException(`Conversation ${conversationId} not found`);
    if (c.status === 'resolved') throw new ConflictException('A resolved conversation cannot be transferred');
    if (input.teamId && !(await this.db.getRepository(TeamEntity).existsBy({ id: input.teamId }))) throw new BadRequestException(`Unknown team ${input.teamId}`);
    if (input.agentId) {
      if (!(await this.db.getRepository(UserEntity).existsBy({ id: input.agentId }))) throw new BadRequestException(`Unknown agent ${input.agentId}`);
      await this.db.createQueryBuilder().insert().into(AgentProfileEntity).values({
        userId: input.agentId, status: 'offline', autoAway: true, capacity: 10, load: 0, skills: [], lastAssignedAt: null, updatedAt: new Date(),
      }).orIgnore().execute();
    }
    const from = { teamId: c.teamId, agentId: c.assigneeId };
    const toTeam = input.teamId ?? c.teamId;
    if (input.agentId) {
      if (input.agentId === c.assigneeId && toTeam === c.teamId) throw new ConflictException('The conversation is already with this agent');
      const res = await this.assignment.claim(c.id, input.agentId, { expectedAssigneeId: c.assigneeId, teamId: toTeam, allowOffline: true, actorName: actor.name, data: { transfer: true } });
      if (res.outcome === 'agent_full') throw new ConflictException('The agent has no capacity left for this conversation');
      if (res.outcome !== 'assigned') throw new ConflictException('The conversation changed meanwhile; try again');
    } else {
      const now = new Date();
      await withTransaction(this.db, async (em) => {
        await em.update(ConversationEntity, { id: c.id }, { teamId: toTeam, assigneeId: null, updatedAt: now });
      });
      await this.ensureRoutingRow(c.id);
      await this.db.getRepository(ConversationRoutingEntity).update({ conversationId: c.id }, { queuedAt: now, updatedAt: now });
    }
    await this.outbound.reply(c.id, actor, input.note.trim(), true);
    await this.ensureRoutingRow(c.id);
    await this.db.getRepository(ConversationRoutingEntity).increment({ conversationId: c.id }, 'transfers', 1);
    const transfers = (await this.db.getRepository(ConversationRoutingEntity).findOneByOrFail({ conversationId: c.id })).transfers;
    await this.record(c, 'transferred', actor.name, { from, to: { teamId: toTeam, agentId: input.agentId ?? null }, note: input.note.trim(), transfers });
    if (from.agentId && from.agentId !== input.agentId) await this.assignment.refreshLoad(from.agentId);
    if (!input.agentId) await this.route(c.id, { exclude: from.agentId ? [from.agentId] : [] });
    if (from.agentId && from.agentId !== input.agentId) await this.assignNextFor(from.agentId);
    const conversation = await this.conversations.get(c.id);
    this.realtime.toAgents(AGENT_EVENTS.conversationUpdated, conversation);
    return { conversation, transfers };
  }

  /** Overflow deadline: still unassigned in the same team → the next team's queue. */
  async overflow(conversationId: string, fromTeamId: string): Promise<boolean> {
    const c = await this.db.getRepository(ConversationEntity).findOneBy({ id: conversationId });
    if (!c || c.assigneeId || c.status !== 'open' || c.teamId !== fromTeamId) return false;
    const team = await this.db.getRepository(TeamEntity).findOneBy({ id: fromTeamId });
    if (!team?.overflowTeamId) return false;
    const now = new Date();
    const moved = await this.db.createQueryBuilder().update(ConversationEntity).set({ teamId: team.overflowTeamId, updatedAt: now })
      .where('id = :id AND team_id = :from AND assignee_id IS NULL', { id: c.id, from: fromTeamId }).execute();
    if (!moved.affected) return false;
    await this.db.getRepository(ConversationRoutingEntity).update({ conversationId: c.id }, { queuedAt: now, updatedAt: now });
    await this.record(c, 'transferred', 'Parley', { from: { teamId: fromTeamId, agentId: null }, to: { teamId: team.overflowTeamId, agentId: null }, overflow: true });
    this.realtime.toAgents(AGENT_EVENTS.conversationUpdated, await this.conversations.get(c.id));
    await this.route(c.id);
    return true;
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

  private readonly refreshing = new Set<string>();

  /** Served from the cache; an expired entry is served once more while it is read again in the background. */
  private async candidates(teamId: string): Promise<RoutingCandidate[]> {
    const hit = this.candidateCache.get(teamId);
    if (hit && Date.now() - hit.at < CANDIDATES_TTL_MS) return hit.list;
    if (hit && Date.now() - hit.at < 15 * CANDIDATES_TTL_MS) {
      if (!this.refreshing.has(teamId)) {
        this.refreshing.add(teamId);
        void this.readCandidates(teamId)
          .catch((err) => this.logger.warn(`team ${teamId} candidates: ${err.message}`))
          .finally(() => this.refreshing.delete(teamId));
      }
      return hit.list;
    }
    return this.readCandidates(teamId);
  }

  private async readCandidates(teamId: string): Promise<RoutingCandidate[]> {
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
    const list = rows.map((p) => ({
      id: p.id,
      online: true,
      capacity: Number(p.capacity),
      load: Number(p.load),
      skills: p.skills ? (JSON.parse(p.skills) as string[]) : [],
      lastAssignedAt: p.last ? new Date(typeof p.last === 'string' && !/[zZ+]/.test(p.last.slice(10)) ? `${p.last.replace(' ', 'T')}Z` : p.last).getTime() : null,
    }));
    this.candidateCache.set(teamId, { at: Date.now(), list });
    return list;
  }

  /** Presence or capacity changed: read the team lists again. */
  forgetCandidates(): void {
    this.candidateCache.clear();
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

  /**
   * The rules, read at most every few seconds: routing runs for every inbound message and rules
   * change rarely. This process's own edits apply at once; another node's within RULES_TTL_MS.
   */
  private async cachedRules(): Promise<RoutingRuleEntity[]> {
    if (this.ruleCache && Date.now() - this.ruleCache.at < RULES_TTL_MS) return this.ruleCache.rules;
    const rules = await this.rules();
    this.ruleCache = { at: Date.now(), rules };
    return rules;
  }

  private async teamByRules(c: ConversationEntity, language: string | null): Promise<string | null> {
    const rules = await this.cachedRules();
    if (!rules.length) return null;
    const inbound = await this.db.getRepository(MessageEntity).find({
      select: { content: true }, where: { conversationId: c.id, direction: 'inbound' }, order: { createdAt: 'ASC' }, take: 5,
    });
    const text = inbound.map((m) => m.content).join('\n');
    return matchRule(rules, { inboxId: c.inboxId, language: language ?? (text ? analyzeSentiment(text).language : null), text })?.teamId ?? null;
  }

  private async record(c: ConversationEntity, type: 'transferred', authorName: string, data: Record<string, unknown>): Promise<void> {
    const event = await withTransaction(this.db, (em) =>
      this.timeline.append(em, { customerId: c.customerId, type, occurredAt: new Date(), channel: c.channel, conversationId: c.id, authorName, data }),
    );
    this.realtime.toAgents(AGENT_EVENTS.timelineCreated, toTimelineDto(event));
  }

  /** Rules CRUD lives here too: they are routing's configuration. */
  async rules() {
    return this.db.getRepository(RoutingRuleEntity).find({ order: { position: 'ASC', createdAt: 'ASC' } });
  }

  async addRule(input: RoutingRuleInput) {
    await this.checkRule(input);
    const keywords = this.keywords(input.keywords);
    const last = await this.db.getRepository(RoutingRuleEntity).createQueryBuilder('r').select('MAX(r.position)', 'max').getRawOne<{ max: number | null }>();
    const rule: RoutingRuleEntity = {
      id: newId(),
      position: input.position ?? Number(last?.max ?? 0) + 1,
      teamId: input.teamId,
      inboxId: input.inboxId ?? null,
      language: input.language ?? null,
      keywords,
      createdAt: new Date(),
    };
    await this.db.getRepository(RoutingRuleEntity).insert(rule);
    this.ruleCache = null;
    return rule;
  }

  /** Changes what a rule matches or where it sends; fields left out stay. */
  async updateRule(id: string, input: Partial<RoutingRuleInput>) {
    const repo = this.db.getRepository(RoutingRuleEntity);
    const rule = await repo.findOneBy({ id });
    if (!rule) throw new NotFoundException(`Rule ${id} not found`);
    await this.checkRule(input);
    const changes: Partial<RoutingRuleEntity> = {};
    if (input.teamId !== undefined) changes.teamId = input.teamId;
    if (input.inboxId !== undefined) changes.inboxId = input.inboxId;
    if (input.language !== undefined) changes.language = input.language;
    if (input.keywords !== undefined) changes.keywords = this.keywords(input.keywords);
    if (input.position !== undefined) changes.position = input.position;
    if (Object.keys(changes).length) await repo.update({ id }, changes);
    this.ruleCache = null;
    return repo.findOneByOrFail({ id });
  }

  private async checkRule(input: Partial<RoutingRuleInput>): Promise<void> {
    if (input.teamId !== undefined && !(await this.db.getRepository(TeamEntity).existsBy({ id: input.teamId }))) throw new BadRequestException(`Unknown team ${input.teamId}`);
    if (input.inboxId && !(await this.db.getRepository(InboxEntity).existsBy({ id: input.inboxId }))) throw new BadRequestException(`Unknown inbox ${input.inboxId}`);
    // The detector tells Russian from English only; a rule on another language would never match.
    if (input.language && !RULE_LANGUAGES.includes(input.language)) throw new BadRequestException(`language must be one of ${RULE_LANGUAGES.join(', ')} (or null for any)`);
    if (input.position !== undefined && (!Number.isInteger(input.position) || input.position < 1 || input.position > 100_000)) {
      throw new BadRequestException('position must be an integer 1…100000');
    }
  }

  private keywords(list: string[] | undefined): string[] {
    return [...new Set((list ?? []).map((k) => k.trim().toLowerCase()).filter(Boolean))];
  }

  async removeRule(id: string): Promise<void> {
    const res = await this.db.getRepository(RoutingRuleEntity).delete({ id });
    this.ruleCache = null;
    if (!res.affected) throw new NotFoundException(`Rule ${id} not found`);
  }

  /** Agents with a status of online among these ids (supervisor screens). */
  async onlineCount(ids: string[]): Promise<number> {
    return ids.length ? this.db.getRepository(AgentProfileEntity).countBy({ userId: In(ids), status: 'online' }) : 0;
  }
}
