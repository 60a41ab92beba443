import { Inject, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import {
  type DispatchFacts, type DomainEvent, type DomainEventListener, DomainEventListeners, eventsOfType, LISTENER_NAMES, MESSAGE_SENTIMENTS,
} from '@parley/domain';
import { XLA_REPOSITORY, type XlaRepository } from './ports/xla.repository';
import { XlaService } from './xla.service';

/**
 * Experience targets after a customer's message: a new conversation may be a repeat contact, a
 * negative message starts the human-answer clock (reads the sentiment listener's result, and runs
 * after routing: the team routing picks chooses the XLA policy). A survey score counts towards the
 * team's CSAT.
 */
@Injectable()
export class XlaEventListener implements DomainEventListener, OnModuleInit {
  readonly name = LISTENER_NAMES.xla;
  readonly listensTo = ['message.received', 'survey.answered'] as const;
  readonly after = [LISTENER_NAMES.sentiment, LISTENER_NAMES.routing];

  constructor(
    private readonly listeners: DomainEventListeners,
    @Inject(XLA_REPOSITORY) private readonly repo: XlaRepository,
    private readonly xla: XlaService,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async handle(events: DomainEvent[], facts: DispatchFacts): Promise<void> {
    await this.afterInbound(events, facts);
    for (const e of eventsOfType(events, 'survey.answered')) {
      // A conversation gone since has nothing to count towards.
      await this.xla.recordCsat({ conversationId: e.conversationId, satisfied: e.satisfied, score: e.score, occurredAt: new Date(e.answeredAt) })
        .catch((err) => {
          if (!(err instanceof NotFoundException)) throw err;
        });
    }
  }

  private async afterInbound(events: DomainEvent[], facts: DispatchFacts): Promise<void> {
    const received = eventsOfType(events, 'message.received');
    if (received.length === 0) return;
    const ids = received.map((e) => e.messageId);
    // Without the sentiment listener's result in this dispatch (a retry of XLA alone), the stored one.
    const sentiments = facts.get(MESSAGE_SENTIMENTS)
      ?? new Map((await this.repo.sentimentsOf(ids)).map((s) => [s.messageId, s]));
    // XLA acts on a new conversation (repeat contact) or a negative message; the rest is a no-op.
    const acting = received.filter((e) => e.opened || sentiments.get(e.messageId)?.label === 'negative');
    if (acting.length === 0) return;
    const messages = await this.repo.messageTimes(acting.map((e) => e.messageId));
    const at = new Map(messages.map((m) => [m.id, m.createdAt]));
    for (const e of acting) {
      await this.xla.onInbound(e.conversationId, e.opened, sentiments.get(e.messageId)?.label ?? null, at.get(e.messageId) ?? new Date());
    }
  }
}
