import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Page, TimelineEventDto } from '@parley/contracts';
import { newId } from '@parley/domain';
import { decodeCursor, encodeCursor, TimelineEventEntity } from '@parley/persistence';
import { toTimelineDto } from './customer.mapper';
import { CUSTOMER_REPOSITORY, type CustomerRepository } from './ports/customer.repository';

export type NewTimelineEvent = Omit<TimelineEventEntity, 'id' | 'occurredAt' | 'channel' | 'conversationId' | 'messageId' | 'direction' | 'content' | 'title' | 'authorName' | 'data'> &
  Partial<TimelineEventEntity>;

/** The event as it will be stored (id and defaults filled in). */
export function timelineRow(event: NewTimelineEvent): TimelineEventEntity {
  return Object.assign(new TimelineEventEntity(), {
    id: newId(),
    occurredAt: new Date(),
    channel: null,
    conversationId: null,
    messageId: null,
    direction: null,
    content: null,
    title: null,
    authorName: null,
    data: null,
    ...event,
  });
}

@Injectable()
export class TimelineService {
  constructor(@Inject(CUSTOMER_REPOSITORY) private readonly repo: CustomerRepository) {}

  /** Appends inside a transaction another capability holds (its TypeORM repository's EntityManager). */
  append(em: EntityManager, event: NewTimelineEvent): Promise<TimelineEventEntity> {
    return this.repo.join(em).appendTimeline(event);
  }

  /** The event as it will be stored (id and defaults filled in), for callers that write it themselves. */
  row(event: NewTimelineEvent): TimelineEventEntity {
    return timelineRow(event);
  }

  /** Newest first; `before` is the cursor of the previous page. */
  async page(customerId: string, before: string | undefined, limit: number): Promise<Page<TimelineEventDto>> {
    const rows = await this.repo.timeline(customerId, decodeCursor(before), limit + 1);
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(toTimelineDto), nextCursor: more && last ? encodeCursor(last.occurredAt, last.id) : null };
  }
}
