import { Inject, Injectable } from '@nestjs/common';
import type { EscalationAction, Priority, SlaEscalationEvent, SlaMetric } from '@parley/contracts';
import { AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { ConversationsService } from '@parley/conversations';
import { toTimelineDto } from '@parley/customers';
import { newId } from '@parley/domain';
import type { ConversationEntity, SlaTimerEntity } from '@parley/persistence';
import { AssignmentService, RoutingDecisionService } from '@parley/routing';
import { SLA_CLOCK, type SlaClock } from './sla-clock.port';
import { SLA_REPOSITORY, type SlaRepository } from './ports/sla.repository';

const NEXT_PRIORITY: Record<Priority, Priority> = { low: 'normal', normal: 'high', high: 'urgent', urgent: 'urgent' };

/** What a fired SLA timer does beyond its own row: the breach on the timeline, and the policy's escalation. */
@Injectable()
export class SlaEscalationService {
  constructor(
    @Inject(SLA_REPOSITORY) private readonly repo: SlaRepository,
    private readonly conversations: ConversationsService,
    private readonly routing: RoutingDecisionService,
    private readonly assignment: AssignmentService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
    @Inject(SLA_CLOCK) private readonly clock: SlaClock,
  ) {}

  /** A breach on the customer's timeline (and, for the negative-reply XLA, its XLA event). */
  async recordBreach(c: ConversationEntity, t: SlaTimerEntity): Promise<void> {
    const xla = t.metric === 'negative_reply';
    const event = await this.repo.transaction(async (tx) => {
      if (xla) await tx.insertXlaEvent({ id: newId(), conversationId: c.id, teamId: c.teamId, kind: 'negative_reply', value: t.targetSeconds, breached: true, occurredAt: t.dueAt ?? this.clock.now() });
      return tx.appendTimeline({
        customerId: c.customerId,
        type: xla ? 'xla_breached' : 'sla_breached',
        occurredAt: t.dueAt ?? this.clock.now(),
        channel: c.channel,
        conversationId: c.id,
        title: t.metric,
        authorName: 'Parley',
        data: { metric: t.metric, dueAt: t.dueAt?.toISOString() ?? null, targetSeconds: t.targetSeconds, policyId: t.policyId, ...(xla ? { kind: 'negative_reply' } : {}) },
      });
    });
    this.realtime.toAgents(AGENT_EVENTS.timelineCreated, toTimelineDto(event));
  }

  /** The policy's actions for a warning or a breach; `recompute` re-derives the timers after the priority is raised. */
  async escalate(c: ConversationEntity, metric: SlaMetric, phase: 'warning' | 'breach', actions: EscalationAction[], recompute: () => Promise<void>): Promise<void> {
    if (!actions.length) return;
    const event: SlaEscalationEvent = { conversationId: c.id, metric, phase, actions };
    if (actions.includes('notify_supervisors')) this.realtime.toAgents(AGENT_EVENTS.slaEscalated, event);
    if (actions.includes('raise_priority') && c.priority !== 'urgent') {
      const priority = NEXT_PRIORITY[c.priority];
      if (await this.repo.changePriority(c.id, c.priority, priority, this.clock.now())) {
        this.realtime.toAgents(AGENT_EVENTS.conversationUpdated, await this.conversations.get(c.id));
        await recompute();
      }
    }
    if (actions.includes('reassign') && c.assigneeId) {
      const previous = c.assigneeId;
      if (await this.repo.unassign(c.id, previous, this.clock.now())) {
        await this.assignment.refreshLoad(previous);
        const routed = await this.routing.route(c.id, { exclude: [previous] });
        if (routed.outcome !== 'assigned') this.realtime.toAgents(AGENT_EVENTS.conversationUpdated, await this.conversations.get(c.id));
        await this.routing.assignNextFor(previous);
      }
    }
  }
}
