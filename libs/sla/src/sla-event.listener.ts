import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  type DispatchFacts, type DomainEvent, type DomainEventListener, DomainEventListeners, eventsOfType, LISTENER_NAMES, type MessageReceived,
  ROUTING_OUTCOMES, type RoutingOutcomeFact,
} from '@parley/domain';
import { SLA_REPOSITORY, type SlaRepository } from './ports/sla.repository';
import { SlaService } from './sla.service';

/**
 * Whether an inbound message can have moved an SLA clock whatever the conversation's state: it
 * opened the conversation, resumed it (pending, snoozed, resolved → open: paused clocks run again),
 * came from a job without that information, or routing just assigned the conversation.
 */
export function inboundMovesSla(event: { opened: boolean; resumed?: boolean }, assigned: boolean): boolean {
  return event.opened || event.resumed !== false || assigned;
}

/** Still before the first agent reply: a further customer message moves no SLA clock. */
const awaitsFirstResponse = (c: { firstResponseAt: Date | null; status: string } | null) => !!c && !c.firstResponseAt && c.status === 'open';

/**
 * SLA clocks follow the conversation: a customer's message, a reply, a status change or a
 * reassignment syncs its timers (a team change recomputes them: the policy may differ). Runs after
 * routing, so a conversation routing just assigned is seen assigned.
 */
@Injectable()
export class SlaEventListener implements DomainEventListener, OnModuleInit {
  readonly name = LISTENER_NAMES.sla;
  readonly listensTo = ['message.received', 'message.replied', 'conversation.status_changed', 'conversation.assigned'] as const;
  readonly after = [LISTENER_NAMES.routing];

  constructor(
    private readonly listeners: DomainEventListeners,
    @Inject(SLA_REPOSITORY) private readonly repo: SlaRepository,
    private readonly sla: SlaService,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async handle(events: DomainEvent[], facts: DispatchFacts): Promise<void> {
    await this.afterInbound(eventsOfType(events, 'message.received'), facts.get(ROUTING_OUTCOMES));
    for (const e of eventsOfType(events, 'message.replied')) await this.sla.sync(e.conversationId);
    for (const e of eventsOfType(events, 'conversation.status_changed')) await this.sla.sync(e.conversationId);
    for (const e of eventsOfType(events, 'conversation.assigned')) {
      const c = await this.repo.conversation(e.conversationId);
      if (!c) continue;
      if (c.teamId !== e.previousTeamId) await this.sla.recompute(c.id);
      else await this.sla.sync(c.id);
    }
  }

  /**
   * Once per conversation. `routed` absent (routing did not run in this dispatch: a retry of SLA
   * alone) is taken as "may have assigned": the clocks are synced.
   */
  private async afterInbound(events: MessageReceived[], routed: ReadonlyMap<string, RoutingOutcomeFact> | undefined): Promise<void> {
    const byConversation = new Map<string, MessageReceived[]>();
    for (const e of events) byConversation.set(e.conversationId, [...(byConversation.get(e.conversationId) ?? []), e]);
    for (const [conversationId, mine] of byConversation) {
      const outcome = routed?.get(conversationId);
      const assigned = routed ? !!outcome?.assigned : true;
      if (mine.some((e) => inboundMovesSla(e, assigned))) {
        await this.sla.sync(conversationId);
        continue;
      }
      const known = outcome?.conversation !== undefined ? outcome.conversation
        : await this.repo.conversation(conversationId);
      if (!awaitsFirstResponse(known)) await this.sla.sync(conversationId);
    }
  }
}
