import { Inject, Injectable } from '@nestjs/common';
import type { Channel, ConversationDto } from '@parley/contracts';
import { AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { ConversationsService, toConversationDto } from '@parley/conversations';
import { toTimelineDto } from '@parley/customers';
import type { AgentProfileEntity, ConversationEntity, CustomerEntity, TimelineEventEntity } from '@parley/persistence';
import { ROUTING_REPOSITORY, type RoutingRepository } from './ports/routing.repository';
import { RoutingSettingsService } from './routing-settings.service';
import { toPresenceEvent } from './teams.service';

export type ClaimOutcome = 'assigned' | 'agent_full' | 'agent_unavailable' | 'taken';

export interface ClaimOptions {
  /** Set the conversation's team at the same time. */
  teamId?: string | null;
  /** The assignee the conversation must still have (null = unassigned); a transfer names the current one. */
  expectedAssigneeId?: string | null;
  /** Manual transfer: the agent need not be online (capacity still holds). */
  allowOffline?: boolean;
  actorName?: string;
  data?: Record<string, unknown>;
  /** The conversation as the caller just read it (its channel and customer never change): saves a read. */
  known?: ConversationEntity;
  /** The customer, for the broadcast DTO. */
  customer?: CustomerEntity | null;
}

/**
 * The only way routing gives a conversation to an agent. One transaction: lock the agent's profile
 * row (SELECT … FOR UPDATE on PostgreSQL; SQLite transactions are serialized), count the agent's
 * weighted load from the conversations themselves, and claim the conversation with a conditional
 * UPDATE that only succeeds while it still has the expected assignee. Two processes racing for one
 * conversation: one UPDATE matches, the other sees 0 rows. Two processes racing for one agent's last
 * slot: the second waits for the lock and then counts the first one's conversation.
 */
@Injectable()
export class AssignmentService {
  constructor(
    @Inject(ROUTING_REPOSITORY) private readonly repo: RoutingRepository,
    private readonly settings: RoutingSettingsService,
    private readonly conversations: ConversationsService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  async claim(conversationId: string, agentId: string, opts: ClaimOptions = {}): Promise<{ outcome: ClaimOutcome; conversation?: ConversationDto }> {
    const weights = await this.settings.channelWeights();
    const now = new Date();
    const result = await this.repo.transaction(async (tx) => {
      const profile = await tx.lockProfile(agentId);
      if (!profile) return { outcome: 'agent_unavailable' as const };
      if (!opts.allowOffline && profile.status !== 'online') return { outcome: 'agent_unavailable' as const };
      const conversation = opts.known ? { ...opts.known } : await tx.conversation(conversationId);
      if (!conversation || conversation.status === 'resolved') return { outcome: 'taken' as const };
      const weight = weights[conversation.channel] ?? 1;
      const load = weigh(await tx.unresolvedByChannel(agentId), weights);
      if (load + weight > profile.capacity) {
        await tx.updateProfile(agentId, { load });
        return { outcome: 'agent_full' as const };
      }
      const expected = opts.expectedAssigneeId === undefined ? null : opts.expectedAssigneeId;
      const claimed = await tx.claimConversation(conversationId, agentId, expected, { updatedAt: now, ...(opts.teamId !== undefined ? { teamId: opts.teamId } : {}) });
      if (!claimed) return { outcome: 'taken' as const };
      await tx.updateProfile(agentId, { load: load + weight, lastAssignedAt: now });
      await tx.updateRouting(conversationId, { queuedAt: null, updatedAt: now });
      const agentName = await this.nameOf(agentId, tx.userName);
      Object.assign(conversation, { assigneeId: agentId, updatedAt: now }, opts.teamId !== undefined ? { teamId: opts.teamId } : {});
      const event = await tx.appendTimeline({
        customerId: conversation.customerId,
        type: 'assigned',
        occurredAt: now,
        channel: conversation.channel,
        conversationId,
        title: agentName,
        authorName: opts.actorName ?? 'Parley',
        data: { assigneeId: agentId, teamId: conversation.teamId, routed: true, ...(opts.data ?? {}) },
      });
      return { outcome: 'assigned' as const, conversation, event, profile: { ...profile, load: load + weight } };
    });
    if (result.outcome !== 'assigned') return { outcome: result.outcome };
    const dto = opts.customer !== undefined ? toConversationDto(result.conversation, opts.customer ?? undefined) : await this.conversations.toDto(result.conversation);
    this.realtime.toAgents(AGENT_EVENTS.conversationUpdated, dto);
    this.realtime.toAgents(AGENT_EVENTS.timelineCreated, toTimelineDto(result.event as TimelineEventEntity));
    this.realtime.toAgents(AGENT_EVENTS.presenceUpdated, toPresenceEvent(result.profile));
    return { outcome: 'assigned', conversation: dto };
  }

  /** Weighted count of the agent's unresolved conversations: the truth the cached `load` follows. */
  async loadOf(agentId: string, weights?: Record<Channel, number>): Promise<number> {
    return weigh(await this.repo.unresolvedByChannel(agentId), weights ?? (await this.settings.channelWeights()));
  }

  /** Re-counts the cached load (after a resolve, an unassignment, a reopen). */
  async refreshLoad(agentId: string): Promise<AgentProfileEntity | null> {
    const load = await this.loadOf(agentId);
    await this.repo.updateProfile(agentId, { load });
    const profile = await this.repo.profile(agentId);
    if (profile) this.realtime.toAgents(AGENT_EVENTS.presenceUpdated, toPresenceEvent(profile));
    return profile;
  }

  private readonly names = new Map<string, string>();

  /** Agent names for the timeline; renames are rare and only affect the title of later events. */
  private async nameOf(agentId: string, read: (id: string) => Promise<string | null>): Promise<string | null> {
    const cached = this.names.get(agentId);
    if (cached) return cached;
    const name = await read(agentId);
    if (name) this.names.set(agentId, name);
    return name;
  }
}

function weigh(counts: { channel: Channel; n: number }[], weights: Record<Channel, number>): number {
  return counts.reduce((sum, r) => sum + r.n * (weights[r.channel] ?? 1), 0);
}
