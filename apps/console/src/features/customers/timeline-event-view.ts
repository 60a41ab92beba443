import type { TimelineEventDto } from '@parley/contracts';

/** What a timeline row says, as an i18n key plus values; rendering stays in the component. */
export interface TimelineSummary {
  key: string;
  values: Record<string, string>;
  /** Free text shown under the summary (message text, note, CRM details) as plain React text. */
  body: string | null;
  /** Values that are codes, with the i18n key prefix that names them (`metric` → `timeline.slaMetrics.<metric>`). */
  translate?: Record<string, string>;
  /** A label's names: `label` is filled with the one of the console's language. */
  labelNames?: { en: string; ru: string };
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
    case 'priority_changed':
      return { key: 'timeline.priorityChangedTo', values: { priority: pick(data, 'to') ?? event.title ?? '' }, body: null, translate: { priority: 'priority' } };
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
    case 'transferred':
      return data?.overflow === true
        ? { key: 'timeline.transferredOverflow', values: {}, body: null }
        : { key: 'timeline.transferred', values: { author }, body: pick(data, 'note') };
    case 'sla_breached':
      return { key: 'timeline.slaBreached', values: { metric: pick(data, 'metric') ?? event.title ?? '' }, body: null, translate: { metric: 'timeline.slaMetrics' } };
    case 'xla_breached':
      return { key: 'timeline.xlaBreached', values: { kind: pick(data, 'kind') ?? event.title ?? '' }, body: null, translate: { kind: 'timeline.xlaKinds' } };
    case 'survey_sent':
      return { key: 'timeline.surveySent', values: { survey: surveyName(data) }, body: event.content ?? null };
    case 'survey_answered': {
      const score = pick(data, 'score');
      const comment = pick(data, 'comment');
      if (score === null) return { key: 'timeline.surveyAnsweredNoScore', values: { survey: surveyName(data) }, body: comment };
      return { key: 'timeline.surveyAnswered', values: { survey: surveyName(data), score, max: surveyMax(data) }, body: comment };
    }
    case 'label_added':
    case 'label_removed': {
      // Both names travel in the event, so a label renamed or deleted since still reads as it was.
      const labelNames = { en: pick(data, 'nameEn', 'nameRu') ?? event.title ?? '', ru: pick(data, 'nameRu', 'nameEn') ?? event.title ?? '' };
      const added = event.type === 'label_added';
      return event.authorName
        ? { key: added ? 'timeline.labelAddedBy' : 'timeline.labelRemovedBy', values: { label: labelNames.en, agent: event.authorName }, body: null, labelNames }
        : { key: added ? 'timeline.labelAdded' : 'timeline.labelRemoved', values: { label: labelNames.en }, body: null, labelNames };
    }
    default:
      return { key: 'timeline.other', values: {}, body: event.title ?? event.content ?? null };
  }
}

/** Survey types are acronyms (CSAT, NPS, CES): the same in both languages. */
function surveyName(data: TimelineEventDto['data']): string {
  return (pick(data, 'surveyType') ?? '').toUpperCase();
}

/** Older events carry no `max`: the scale's top follows from the survey type. */
const SCALE_MAX: Record<string, string> = { csat: '5', nps: '10', ces: '7' };
function surveyMax(data: TimelineEventDto['data']): string {
  return pick(data, 'max') ?? SCALE_MAX[pick(data, 'surveyType') ?? ''] ?? '?';
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The summary line in the active language. Values naming a code (a status, an SLA metric) are
 * translated first; an unknown code is shown as it is rather than as a missing key.
 */
export function timelineLabel(event: TimelineEventDto, t: Translate, language = 'en'): string {
  const summary = summarizeTimelineEvent(event);
  const values: Record<string, string> = { ...summary.values };
  if (summary.labelNames) values.label = language.startsWith('ru') ? summary.labelNames.ru : summary.labelNames.en;
  if ('status' in values) values.status = t(`status.${values.status}`, { defaultValue: values.status });
  for (const [name, prefix] of Object.entries(summary.translate ?? {})) {
    if (values[name]) values[name] = t(`${prefix}.${values[name]}`, { defaultValue: values[name] });
  }
  if ('author' in values && !values.author) values.author = t(event.direction === 'outbound' ? 'conversation.agent' : 'timeline.customer');
  return t(summary.key, values);
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
