import type { TimelineEventDto } from '@parley/contracts';

/** What a timeline row says, as an i18n key plus values; rendering stays in the component. */
export interface TimelineSummary {
  key: string;
  values: Record<string, string>;
  /** Free text shown under the summary (message text, note, CRM details) as plain React text. */
  body: string | null;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function pick(data: TimelineEventDto['data'], ...keys: string[]): string | null {
  for (const key of keys) {
    const value = text(data?.[key]);
    if (value) return value;
  }
  return null;
}

export function summarizeTimelineEvent(event: TimelineEventDto): TimelineSummary {
  const data = event.data ?? null;
  const author = event.authorName ?? '';
  switch (event.type) {
    case 'message':
      return {
        key: event.direction === 'outbound' ? 'timeline.messageOutbound' : 'timeline.messageInbound',
        values: { author },
        body: event.content ?? null,
      };
    case 'note':
      return { key: 'timeline.note', values: { author }, body: event.content ?? null };
    case 'conversation_opened':
      return { key: 'timeline.conversationOpened', values: {}, body: event.title ?? null };
    case 'status_changed': {
      const status = pick(data, 'status', 'to', 'newStatus');
      return status
        ? { key: 'timeline.statusChangedTo', values: { status }, body: null }
        : { key: 'timeline.statusChanged', values: {}, body: event.title ?? event.content ?? null };
    }
    case 'assigned': {
      // The api names the new assignee in the title; data carries the ids.
      const assignee = pick(data, 'assigneeName', 'agentName') ?? event.title ?? null;
      if (assignee) return { key: 'timeline.assignedTo', values: { assignee }, body: null };
      const cleared = data && (data.assigneeId === null || data.agentId === null);
      return { key: cleared ? 'timeline.unassigned' : 'timeline.assigned', values: {}, body: null };
    }
    case 'crm_event':
      return {
        key: 'timeline.crmEvent',
        values: { title: event.title ?? pick(data, 'eventType', 'type') ?? '' },
        body: crmDetails(data),
      };
    case 'customer_unmerged':
      return {
        key: 'merge.timelineUnmerged',
        values: { name: event.title ?? pick(data, 'sourceName', 'sourceCustomerId') ?? '' },
        body: null,
      };
    case 'customer_merged':
      return {
        key: 'timeline.customerMerged',
        values: { name: event.title ?? pick(data, 'sourceName', 'sourceCustomerId') ?? '' },
        body: null,
      };
    default:
      return { key: 'timeline.other', values: { type: String(event.type) }, body: event.title ?? event.content ?? null };
  }
}

/** The kind of CRM event (order, payment…); the api stores it as `eventType` in the data. */
export function crmEventType(event: TimelineEventDto): string | null {
  return event.type === 'crm_event' ? pick(event.data ?? null, 'eventType', 'type') : null;
}

/** CRM payloads are arbitrary: show simple fields as "key: value" lines, skip nested ones. */
export function crmDetails(data: Record<string, unknown> | null): string | null {
  if (!data) return null;
  const lines = Object.entries(data)
    .filter(([key]) => key !== 'type' && key !== 'eventType')
    .map(([key, value]) => [key, text(value)] as const)
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `${key}: ${value}`);
  return lines.length ? lines.join('\n') : null;
}
