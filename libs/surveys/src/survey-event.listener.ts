import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { type DispatchFacts, type DomainEvent, type DomainEventListener, DomainEventListeners, eventsOfType, LISTENER_NAMES } from '@parley/domain';
import { SURVEY_REPOSITORY, type SurveyRepository } from './ports/survey.repository';
import { SurveyDispatchService } from './survey-dispatch.service';

/**
 * A conversation resolved (not one resolved again) schedules its survey. The survey job's id is
 * the conversation and its resolution time, so a second run of this listener schedules nothing new.
 */
@Injectable()
export class SurveyEventListener implements DomainEventListener, OnModuleInit {
  readonly name = LISTENER_NAMES.surveys;
  readonly listensTo = ['conversation.status_changed'] as const;

  constructor(
    private readonly listeners: DomainEventListeners,
    @Inject(SURVEY_REPOSITORY) private readonly repo: SurveyRepository,
    private readonly dispatch: SurveyDispatchService,
  ) {}

  onModuleInit(): void {
    this.listeners.register(this);
  }

  async handle(events: DomainEvent[], _facts: DispatchFacts): Promise<void> {
    for (const e of eventsOfType(events, 'conversation.status_changed')) {
      if (e.to !== 'resolved' || e.from === 'resolved') continue;
      const c = await this.repo.conversation(e.conversationId);
      // Reopened since: its resolution time is gone, and so is the survey about it.
      if (c?.status === 'resolved') await this.dispatch.scheduleAfterResolution(c);
    }
  }
}
