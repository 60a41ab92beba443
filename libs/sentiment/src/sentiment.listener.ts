import { Injectable, OnModuleInit } from '@nestjs/common';
import { type DomainEvent, type DomainEventListener, DomainEventListeners, type DispatchFacts, eventsOfType, LISTENER_NAMES, MESSAGE_SENTIMENTS } from '@parley/domain';
import { MessageSentimentService } from './message-sentiment.service';

/** Analyses each customer's message; routing (queue boost) and XLA (negative messages) read the result. */
@Injectable()
export class SentimentListener implements DomainEventListener, OnModuleInit {
  readonly name = LISTENER_NAMES.sentiment;
  readonly listensTo = ['message.received'] as const;

  constructor(
    private readonly listeners: DomainEventListeners,
    private readonly sentiments: MessageSentimentService,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async handle(events: DomainEvent[], facts: DispatchFacts): Promise<void> {
    const ids = eventsOfType(events, 'message.received').map((e) => e.messageId);
    facts.set(MESSAGE_SENTIMENTS, await this.sentiments.analyze(ids));
  }
}
