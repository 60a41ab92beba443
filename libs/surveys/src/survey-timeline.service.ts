import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { TimelineService, toTimelineDto } from '@parley/customers';
import { ConversationEntity, withTransaction } from '@parley/persistence';

/** A survey sent or answered shows on the customer's timeline, live in the agents' consoles. */
@Injectable()
export class SurveyTimelineService {
  constructor(
    private readonly db: DataSource,
    private readonly timeline: TimelineService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  async append(c: ConversationEntity, type: 'survey_sent' | 'survey_answered', title: string, content: string | null, data: Record<string, unknown>, messageId: string | null = null): Promise<void> {
    const event = await withTransaction(this.db, (em) => this.timeline.append(em, {
      customerId: c.customerId, type, occurredAt: new Date(), channel: c.channel, conversationId: c.id, messageId, title, content, authorName: null, data,
    }));
    this.realtime.toAgents(AGENT_EVENTS.timelineCreated, toTimelineDto(event));
  }
}
