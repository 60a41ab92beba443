import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConversationHooks } from '@parley/conversations';
import { SurveyAnswersService } from './survey-answers.service';
import { SurveyDispatchService } from './survey-dispatch.service';
import { SURVEYS_HOOK } from './survey-jobs';

/**
 * Where surveys meet the conversation pipeline: a resolution schedules one, and an inbound message
 * that answers one is claimed instead of reopening the conversation.
 */
@Injectable()
export class SurveyConversationHooks implements OnModuleInit {
  constructor(
    private readonly hooks: ConversationHooks,
    private readonly dispatch: SurveyDispatchService,
    private readonly answers: SurveyAnswersService,
  ) {}

  onModuleInit(): void {
    this.hooks.register({
      name: SURVEYS_HOOK,
      resolved: (c) => this.dispatch.scheduleAfterResolution(c),
      claimInbound: (em, ctx) => this.answers.claimAnswer(em, ctx),
      mayClaim: (em, ctxs) => this.answers.mayClaim(em, ctxs),
      claimed: (claim, message) => this.answers.afterAnswer(claim, message),
    });
  }
}
