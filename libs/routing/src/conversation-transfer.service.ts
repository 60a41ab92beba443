import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { ConversationDto } from '@parley/contracts';
import { AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { type Actor, ConversationsService, OutboundService } from '@parley/conversations';
import { toTimelineDto } from '@parley/customers';
import type { ConversationEntity } from '@parley/persistence';
import { ROUTING_REPOSITORY, type RoutingRepository } from './ports/routing.repository';
import { AssignmentService } from './assignment.service';
import { RoutingDecisionService } from './routing-decision.service';

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'Parley' };

/** A conversation moved on: by an agent's transfer with a note, or by a team's overflow deadline. */
@Injectable()
export class ConversationTransferService {
  constructor(
    @Inject(ROUTING_REPOSITORY) private readonly repo: RoutingRepository,
    private readonly decision: RoutingDecisionService,
    private readonly assignment: AssignmentService,
    private readonly conversations: ConversationsService,
    private readonly outbound: OutboundService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  /** Manual transfer with a note: to an agent (capacity holds) or to a team's queue. */
  async transfer(conversationId: string, input: { teamId?: string; agentId?: string; note: string }, actor: Actor): Promise<{ conversation: ConversationDto; transfers: number }> {
    if (!input.teamId && !input.agentId) throw new BadRequestException('Name a teamId or an agentId to transfer to');
    if (!input.note?.trim()) throw new BadRequestException('A transfer needs a note');
    const c = await this.repo.conversation(conversationId);
    if (!c) throw new NotFoundException(`Conversation ${conversationId} not found`);
    if (c.status === 'resolved') throw new ConflictException('A resolved conversation cannot be transferred');
    if (input.teamId && !(await this.repo.exists('team', input.teamId))) throw new BadRequestException(`Unknown team ${input.teamId}`);
    if (input.agentId) {
      if (!(await this.repo.exists('user', input.agentId))) throw new BadRequestException(`Unknown agent ${input.agentId}`);
      await this.repo.ensureProfile({
        userId: input.agentId, status: 'offline', autoAway: true, capacity: 10, load: 0, skills: [], lastAssignedAt: null, updatedAt: new Date(),
      });
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
      await this.repo.updateConversation(c.id, { teamId: toTeam, assigneeId: null, updatedAt: now });
      await this.decision.ensureRoutingRow(c.id);
      await this.repo.updateRouting(c.id, { queuedAt: now, updatedAt: now });
    }
    await this.outbound.reply(c.id, actor, input.note.trim(), true);
    await this.decision.ensureRoutingRow(c.id);
    const transfers = await this.repo.incrementTransfers(c.id);
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
    const c = await this.repo.conversation(conversationId);
    if (!c || c.assigneeId || c.status !== 'open' || c.teamId !== fromTeamId) return false;
    const team = await this.repo.team(fromTeamId);
    if (!team?.overflowTeamId) return false;
    const now = new Date();
    if (!(await this.repo.moveUnassigned(c.id, fromTeamId, team.overflowTeamId, now))) return false;
    await this.repo.updateRouting(c.id, { queuedAt: now, updatedAt: now });
    await this.record(c, 'transferred', 'Parley', { from: { teamId: fromTeamId, agentId: null }, to: { teamId: team.overflowTeamId, agentId: null }, overflow: true });
    this.realtime.toAgents(AGENT_EVENTS.conversationUpdated, await this.conversations.get(c.id));
    await this.decision.route(c.id);
    return true;
  }

  private async record(c: ConversationEntity, type: 'transferred', authorName: string, data: Record<string, unknown>): Promise<void> {
    const event = await this.repo.transaction((tx) =>
      tx.appendTimeline({ customerId: c.customerId, type, occurredAt: new Date(), channel: c.channel, conversationId: c.id, authorName, data }),
    );
    this.realtime.toAgents(AGENT_EVENTS.timelineCreated, toTimelineDto(event));
  }
}
