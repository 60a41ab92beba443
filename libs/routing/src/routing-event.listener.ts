import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  type ConversationAssigned, type ConversationStatusChanged, type DispatchFacts, type DomainEvent, type DomainEventListener, DomainEventListeners,
  eventsOfType, LISTENER_NAMES, MESSAGE_SENTIMENTS, type MessageReceived, ROUTING_OUTCOMES, type RoutingOutcomeFact,
} from '@parley/domain';
import type { ConversationEntity } from '@parley/persistence';
import { AssignmentService } from './assignment.service';
import { InboundAnalysisService } from './inbound-analysis.service';
import { ROUTING_REPOSITORY, type RoutingRepository } from './ports/routing.repository';
import { RoutingDecisionService } from './routing-decision.service';

/**
 * Routing's reactions: a customer's message updates the routing row (after the sentiment listener,
 * whose result it reads) and routes a waiting conversation; a resolution or reassignment frees
 * capacity that goes back to the queue. What it did is handed on as `ROUTING_OUTCOMES` (the SLA
 * listener runs after it).
 */
@Injectable()
export class RoutingEventListener implements DomainEventListener, OnModuleInit {
  readonly name = LISTENER_NAMES.routing;
  readonly listensTo = ['message.received', 'conversation.status_changed', 'conversation.assigned'] as const;
  readonly after = [LISTENER_NAMES.sentiment];

  constructor(
    private readonly listeners: DomainEventListeners,
    @Inject(ROUTING_REPOSITORY) private readonly repo: RoutingRepository,
    private readonly routing: RoutingDecisionService,
    private readonly analysis: InboundAnalysisService,
    private readonly assignment: AssignmentService,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async handle(events: DomainEvent[], facts: DispatchFacts): Promise<void> {
    const received = eventsOfType(events, 'message.received');
    if (received.length) await this.afterInbound(received, facts);
    for (const e of eventsOfType(events, 'conversation.status_changed')) await this.afterStatus(e);
    for (const e of eventsOfType(events, 'conversation.assigned')) await this.afterAssignment(e);
  }

  private async afterInbound(events: MessageReceived[], facts: DispatchFacts): Promise<void> {
    await this.analysis.recordSignals(events.map((e) => e.messageId), facts.get(MESSAGE_SENTIMENTS));
    // A group commit's conversations in one read; one message's is read by `route` itself.
    const known = events.length > 1 ? await this.conversations(events.map((e) => e.conversationId)) : null;
    const outcomes = new Map<string, RoutingOutcomeFact>();
    for (const e of events) {
      const routed = await this.routing.route(e.conversationId, known ? { known: known.get(e.conversationId) ?? null } : {});
      const assigned = routed.outcome === 'assigned' || !!outcomes.get(e.conversationId)?.assigned;
      outcomes.set(e.conversationId, { assigned, conversation: routed.conversation });
    }
    facts.set(ROUTING_OUTCOMES, outcomes);
  }

  private async afterStatus(event: ConversationStatusChanged): Promise<void> {
    const c = await this.repo.conversation(event.conversationId);
    if (!c) return;
    if (c.status === 'resolved') await this.unqueue(c.id);
    if (c.assigneeId && (event.to === 'resolved' || event.from === 'resolved')) {
      await this.assignment.refreshLoad(c.assigneeId);
      if (event.to === 'resolved') await this.routing.assignNextFor(c.assigneeId);
    }
    if (c.status === 'open' && !c.assigneeId) await this.routing.route(c.id);
  }

  private async afterAssignment(event: ConversationAssigned): Promise<void> {
    const c = await this.repo.conversation(event.conversationId);
    if (!c) return;
    if (c.assigneeId) {
      await this.unqueue(c.id);
      await this.assignment.refreshLoad(c.assigneeId);
    }
    if (event.previousAssigneeId && event.previousAssigneeId !== c.assigneeId) {
      await this.assignment.refreshLoad(event.previousAssigneeId);
      await this.routing.assignNextFor(event.previousAssigneeId);
    }
    if (!c.assigneeId && c.status === 'open') await this.routing.route(c.id);
  }

  private async conversations(ids: string[]): Promise<Map<string, ConversationEntity>> {
    const rows = await this.repo.conversationsByIds([...new Set(ids)]);
    return new Map(rows.map((c) => [c.id, c]));
  }

  /** No longer waiting (assigned by hand, resolved): off the queue index routing drains from. */
  private async unqueue(conversationId: string): Promise<void> {
    await this.repo.updateRouting(conversationId, { queuedAt: null });
  }
}
