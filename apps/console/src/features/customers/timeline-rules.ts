import type { TimelineEventDto } from '@parley/contracts';
import { flattenPages, newestFirst, upsertInPages, type Pages } from '../../api/page-merge';

export const compareEvents = newestFirst<TimelineEventDto>(
  (e) => e.occurredAt,
  (e) => e.id,
);

const byId = (e: TimelineEventDto) => e.id;

/** Newest first, every page read so far. */
export const timelineItems = (data: Pages<TimelineEventDto> | undefined): TimelineEventDto[] =>
  flattenPages(data, { id: byId, compare: compareEvents });

export const timelineEventReceived = (data: Pages<TimelineEventDto>, event: TimelineEventDto): Pages<TimelineEventDto> =>
  upsertInPages(data, event, { id: byId });
