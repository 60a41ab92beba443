import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Page, TimelineEventDto } from '@parley/contracts';
import { newId } from '@parley/domain';
import { decodeCursor, encodeCursor, TimelineEventEntity } from '@parley/persistence';
import { toTimelineDto } from './customer.mapper';

export type NewTimelineEvent = Omit<TimelineEventEntity, 'id' | 'occurredAt' | 'channel' | 'conversationId' | 'messageId' | 'direction' | 'content' | 'title' | 'authorName' | 'data'> &
  Partial<TimelineEventEntity>;

@Injectable()
export class TimelineService {
  constructor(private readonly db: DataSource) {}

  async append(em: EntityManager, event: NewTimelineEvent): Promise<TimelineEventEntity> {
    const row = this.row(event);
    await em.insert(TimelineEventEntity, row);
    return row;
  }

  /** The event as it will be stored (id and defaults filled in), for callers that write it themselves. */
  row(event: NewTimelineEvent): TimelineEventEntity {
    return this.db.manager.create(TimelineEventEntity, {
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

  /** Newest first; `before` is the cursor of the previous page. Served by ix_timeline_customer_occurred. */
  async page(customerId: string, before: string | undefined, limit: number): Promise<Page<TimelineEventDto>> {
    const cursor = decodeCursor(before);
    const qb = this.db
      .getRepository(TimelineEventEntity)
      .createQueryBuilder('e')
      .where('e.customerId = :customerId', { customerId })
      .orderBy('e.occurredAt', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(limit + 1);
    if (cursor) {
      qb.andWhere('(e.occurredAt < :at OR (e.occurredAt = :at AND e.id < :id))', { at: cursor.at, id: cursor.id });
    }
    const rows = await qb.getMany();
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(toTimelineDto), nextCursor: more && last ? encodeCursor(last.occurredAt, last.id) : null };
  }
}
