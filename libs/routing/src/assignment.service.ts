import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Channel, ConversationDto } from '@parley/contracts';
import { AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { ConversationsService, toConversationDto } from '@parley/conversations';
import { toTimelineDto, TimelineService } from '@parley/customers';
import { AgentProfileEntity, ConversationEntity, ConversationRoutingEntity, CustomerEntity, TimelineEventEntity, UserEntity, withTransaction } from '@parley/persistence';
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

const UNRESOLVED = ['open', 'pending', 'snoozed'];

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
    private readonly db: DataSource,
    private readonly settings: RoutingSettingsService,
    private readonly conversations: ConversationsService,
    private readonly timeline: TimelineService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  async claim(conversationId: string, agentId: string, opts: ClaimOptions = {}): Promise<{ outcome: ClaimOutcome; conversation?: ConversationDto }> {
    const weights = await this.settings.channelWeights();
    const now = new Date();
    const result = await withTransaction(this.db, async (em) => {
      const profile = await this.lockProfile(em, agentId);
      if (!profile) return { outcome: 'agent_unavailable' as const };
      if (!opts.allowOffline && profile.status !== 'online') return { outcome: 'agent_unavailable' as const };
      const conversation = opts.known ? { ...opts.known } : await em.findOneBy(ConversationEntity, { id: conversationId });
      if (!conversation || conversation.status === 'resolved') return { outcome: 'taken' as const };
      const weight = weights[conversation.channel] ?? 1;
      const load = await this.loadOf(em, agentId, weights);
      if (load + weight > profile.capacity) {
        await em.update(AgentProfileEntity, { userId: agentId }, { load });
        return { outcome: 'agent_full' as const };
      }
      const expected = opts.expectedAssigneeId === undefined ? null : opts.expectedAssigneeId;
      const qb = em.createQueryBuilder().update(ConversationEntity).set({
        assigneeId: agentId,
        updatedAt: now,
        ...(opts.teamId !== undefined ? { teamId: opts.teamId } : {}),
      }).where('id = :id', { id: conversationId });
      if (expected === null) qb.andWhere('assignee_id IS NULL');
      else qb.andWhere('assignee_id = :expected', { expected });
      const updated = await qb.andWhere('status <> :resolved', { resolved: 'resolved' }).execute();
      if (!updated.affected) return { outcome: 'taken' as const };
      await em.update(AgentProfileEntity, { userId: agentId }, { load: load + weight, lastAssignedAt: now });
      await em.update(ConversationRoutingEntity, { conversationId }, { queuedAt: null, updatedAt: now });
      const agentName = await this.nameOf(em, agentId);
      Object.assign(conversation, { assigneeId: agentId, updatedAt: now }, opts.teamId !== undefined ? { teamId: opts.teamId } : {});
      const event = await this.timeline.append(em, {
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
  async loadOf(em: EntityManager, agentId: string, weights?: Record<Channel, number>): Promise<number> {
    const w = weights ?? (await this.settings.channelWeights());
    const rows: { channel: Channel; n: string | number }[] = await em
      .createQueryBuilder(ConversationEntity, 'c')
      .select('c.channel', 'channel')
      .addSelect('COUNT(*)', 'n')
      .where('c.assigneeId = :agentId', { agentId })
      .andWhere('c.status IN (:...statuses)', { statuses: UNRESOLVED })
      .groupBy('c.channel')
      .getRawMany();
    return rows.reduce((sum, r) => sum + Number(r.n) * (w[r.channel] ?? 1), 0);
  }

  /** Re-counts the cached load (after a resolve, an unassignment, a reopen). */
  async refreshLoad(agentId: string): Promise<AgentProfileEntity | null> {
    const load = await this.loadOf(this.db.manager, agentId);
    await this.db.getRepository(AgentProfileEntity).update({ userId: agentId }, { load });
    const profile = await this.db.getRepository(AgentProfileEntity).findOneBy({ userId: agentId });
    if (profile) this.realtime.toAgents(AGENT_EVENTS.presenceUpdated, toPresenceEvent(profile));
    return profile;
  }

  private readonly names = new Map<string, string>();

  /** Agent names for the timeline; renames are rare and only affect the title of later events. */
  private async nameOf(em: EntityManager, agentId: string): Promise<string | null> {
    const cached = this.names.get(agentId);
    if (cached) return cached;
    const user = await em.findOneBy(UserEntity, { id: agentId });
    if (user) this.names.set(agentId, user.name);
    return user?.name ?? null;
  }

  private async lockProfile(em: EntityManager, agentId: string): Promise<AgentProfileEntity | null> {
    const qb = em.createQueryBuilder(AgentProfileEntity, 'p').where('p.userId = :agentId', { agentId });
    if (this.db.options.type === 'postgres') qb.setLock('pessimistic_write');
    return qb.getOne();
  }
}
