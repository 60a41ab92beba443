import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConversationHooks } from '@parley/conversations';
import { SurveyAnswersService } from './survey-answers.service';
import { SURVEYS_HOOK } from './survey-jobs';

/**
 * Where surveys meet the ingest transaction: an inbound message that answers a survey is claimed
 * instead of reopening the conversation. (A resolution schedules one: SurveyEventListener.)
 */
@Injectable()
export class SurveyConversationHooks implements OnModuleInit {
  constructor(
    private readonly hooks: ConversationHooks,
    private readonly answers: SurveyAnswersService,
  ) {}

  onModuleInit(): void {
    this.hooks.register({
      name: SURVEYS_HOOK,
      claimInbound: (em, ctx) => this.answers.claimAnswer(em, ctx),
      mayClaim: (em, ctxs) => this.answers.mayClaim(em, ctxs),
      claimed: (claim, message) => this.answers.afterAnswer(claim, message),
    });
  }
}
