import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ConversationDto } from '@parley/contracts';
import { AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { type Actor, ConversationsService, OutboundService } from '@parley/conversations';
import { TimelineService, toTimelineDto } from '@parley/customers';
import { AgentProfileEntity, ConversationEntity, ConversationRoutingEntity, TeamEntity, UserEntity, withTransaction } from '@parley/persistence';
import { AssignmentService } from './assignment.service';
import { RoutingDecisionService } from './routing-decision.service';

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'Parley' };

/** A conversation moved on: by an agent's transfer with a note, or by a team's overflow deadline. */
@Injectable()
export class ConversationTransferService {
  constructor(
    private readonly db: DataSource,
    private readonly decision: RoutingDecisionService,
    private readonly assignment: AssignmentService,
    private readonly conversations: ConversationsService,
    private readonly outbound: OutboundService,
    private readonly timeline: TimelineService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

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
      await this.decision.ensureRoutingRow(c.id);
      await this.db.getRepository(ConversationRoutingEntity).update({ conversationId: c.id }, { queuedAt: now, updatedAt: now });
    }
    await this.outbound.reply(c.id, actor, input.note.trim(), true);
    await this.decision.ensureRoutingRow(c.id);
    await this.db.getRepository(ConversationRoutingEntity).increment({ conversationId: c.id }, 'transfers', 1);
    const transfers = (await this.db.getRepository(ConversationRoutingEntity).findOneByOrFail({ conversationId: c.id })).transfers;
    await this.record(c, 'transferred', actor.name, { from, to: { teamId: toTeam, agentId: input.agentId ?? null }, note: input.note.trim(), transfers });
    if (from.agentId && from.agentId !== input.agentId) await this.assignment.refreshLoad(from.agentId);
    if (!input.agentId) await this.decision.route(c.id, { exclude: from.agentId ? [from.agentId] : [] });
    if (from.agentId && from.agentId !== input.agentId) await this.decision.assignNextFor(from.agentId);
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
    await this.decision.route(c.id);
    return true;
  }

  private async record(c: ConversationEntity, type: 'transferred', authorName: string, data: Record<string, unknown>): Promise<void> {
    const event = await withTransaction(this.db, (em) =>
      this.timeline.append(em, { customerId: c.customerId, type, occurredAt: new Date(), channel: c.channel, conversationId: c.id, authorName, data }),
    );
    this.realtime.toAgents(AGENT_EVENTS.timelineCreated, toTimelineDto(event));
  }
}
