import { Inject, Injectable } from '@nestjs/common';
import { AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { toTimelineDto } from '@parley/customers';
import type { ConversationEntity } from '@parley/persistence';
import { SURVEY_REPOSITORY, type SurveyRepository } from './ports/survey.repository';

/** A survey sent or answered shows on the customer's timeline, live in the agents' consoles. */
@Injectable()
export class SurveyTimelineService {
  constructor(
    @Inject(SURVEY_REPOSITORY) private readonly repo: SurveyRepository,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  async append(c: ConversationEntity, type: 'survey_sent' | 'survey_answered', title: string, content: string | null, data: Record<string, unknown>, messageId: string | null = null): Promise<void> {
    const event = await this.repo.appendTimeline({
      customerId: c.customerId, type, occurredAt: new Date(), channel: c.channel, conversationId: c.id, messageId, title, content, authorName: null, data,
    });
    this.realtime.toAgents(AGENT_EVENTS.timelineCreated, toTimelineDto(event));
  }
}
