import { CONVERSATION_STATUSES } from '../conversation-rules';
import { isId } from '../ids';
import {
  ASSIGNEE_ME, type ConversationFilter, PRIORITIES_FOR_VIEWS, SENTIMENTS_FOR_VIEWS, type CustomerFilter, type ScoreRange, SLA_STATES, type Validated, VIEW_CHANNELS, type ViewKind,
} from './view-filters';


const MAX_LABELS = 50;
const MAX_WAIT_MINUTES = 60 * 24 * 365;
/** Attribute keys are written by agents and integrations; quotes and control characters would break the JSON path. */
const ATTRIBUTE_KEY = /^[\p{L}\p{N}_\- .]{1,64}$/u;

type Raw = Record<string, unknown>;

class Reader {
  readonly errors: string[] = [];

  constructor(private readonly raw: Raw, private readonly known: readonly string[]) {
    for (const key of Object.keys(raw)) if (!known.includes(key)) this.errors.push(`filters.${key} is not a known filter`);
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    this.errors.push(`filters.${key} must be one of ${allowed.join(', ')}`);
    return undefined;
  }

  id(key: string, also: readonly string[] = []): string | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (isId(v) || (typeof v === 'string' && also.includes(v))) return v as string;
    this.errors.push(`filters.${key} must be an id${also.length ? ` or ${also.join(', ')}` : ''}`);
    return undefined;
  }

  ids(key: string): string[] | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (Array.isArray(v) && v.length > 0 && v.length <= MAX_LABELS && v.every(isId)) return [...new Set(v as string[])];
    this.errors.push(`filters.${key} must be a list of 1 to ${MAX_LABELS} ids`);
    return undefined;
  }

  flag(key: string): boolean | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    this.errors.push(`filters.${key} must be true or false`);
    return undefined;
  }

  integer(key: string, min: number, max: number): number | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (Number.isInteger(v) && (v as number) >= min && (v as number) <= max) return v as number;
    this.errors.push(`filters.${key} must be a whole number from ${min} to ${max}`);
    return undefined;
  }

  range(key: string, min: number, max: number): ScoreRange | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    const r = v as ScoreRange;
    const inRange = (n: unknown) => n === undefined || (Number.isInteger(n) && (n as number) >= min && (n as number) <= max);
    if (typeof v !== 'object' || Array.isArray(v) || Object.keys(v).some((k) => k !== 'min' && k !== 'max') || !inRange(r.min) || !inRange(r.max)
      || (r.min === undefined && r.max === undefined)) {
      this.errors.push(`filters.${key} must be {min?, max?} with whole numbers from ${min} to ${max}`);
      return undefined;
    }
    if (r.min !== undefined && r.max !== undefined && r.min > r.max) {
      this.errors.push(`filters.${key}.min must not exceed max`);
      return undefined;
    }
    return { ...(r.min !== undefined ? { min: r.min } : {}), ...(r.max !== undefined ? { max: r.max } : {}) };
  }

  text(key: string, maxLength: number): string | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string' && v.trim().length > 0 && v.length <= maxLength) return v.trim();
    this.errors.push(`filters.${key} must be text of 1 to ${maxLength} characters`);
    return undefined;
  }

  date(key: string): string | undefined {
    const v = this.raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(new Date(v).getTime())) return new Date(v).toISOString();
    this.errors.push(`filters.${key} must be an ISO 8601 date`);
    return undefined;
  }

  value(key: string): unknown {
    return this.raw[key];
  }
}

/** Drops the conditions left undefined, so a stored filter holds only what was asked for. */
const compact = <T extends object>(filter: T): T =>
  Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as T;

const asObject = (raw: unknown): Raw | null => (raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Raw) : null);

const CONVERSATION_KEYS = [
  'status', 'labelIds', 'teamId', 'channel', 'inboxId', 'priority', 'slaState', 'sentiment', 'csat', 'unassigned', 'assigneeId', 'waitingLongerThanMinutes',
];

/** JSON from the API → a ConversationFilter, or the list of what is wrong with it. */
export function validateConversationFilter(raw: unknown): Validated<ConversationFilter> {
  const obj = asObject(raw);
  if (!obj) return { ok: false, errors: ['filters must be an object'] };
  const r = new Reader(obj, CONVERSATION_KEYS);
  const filter = compact<ConversationFilter>({
    status: r.oneOf('status', CONVERSATION_STATUSES),
    labelIds: r.ids('labelIds'),
    teamId: r.id('teamId'),
    channel: r.oneOf('channel', VIEW_CHANNELS),
    inboxId: r.id('inboxId'),
    priority: r.oneOf('priority', PRIORITIES_FOR_VIEWS),
    slaState: r.oneOf('slaState', SLA_STATES),
    sentiment: r.oneOf('sentiment', SENTIMENTS_FOR_VIEWS),
    csat: r.range('csat', 1, 5),
    unassigned: r.flag('unassigned'),
    assigneeId: r.id('assigneeId', [ASSIGNEE_ME]),
    waitingLongerThanMinutes: r.integer('waitingLongerThanMinutes', 1, MAX_WAIT_MINUTES),
  });
  if (filter.unassigned && filter.assigneeId) r.errors.push('filters.unassigned and filters.assigneeId cannot both be set');
  return r.errors.length ? { ok: false, errors: r.errors } : { ok: true, filter };
}

const CUSTOMER_KEYS = ['tag', 'attribute', 'channel', 'lastContactBefore', 'lastContactAfter', 'lastScore'];

/** JSON from the API → a CustomerFilter, or the list of what is wrong with it. */
export function validateCustomerFilter(raw: unknown): Validated<CustomerFilter> {
  const obj = asObject(raw);
  if (!obj) return { ok: false, errors: ['filters must be an object'] };
  const r = new Reader(obj, CUSTOMER_KEYS);
  const filter = compact<CustomerFilter>({
    tag: r.text('tag', 100),
    attribute: attribute(r),
    channel: r.oneOf('channel', VIEW_CHANNELS),
    lastContactBefore: r.date('lastContactBefore'),
    lastContactAfter: r.date('lastContactAfter'),
    // Survey scores run 0–10 (NPS) at most; CSAT and CES fit inside.
    lastScore: r.range('lastScore', 0, 10),
  });
  if (filter.lastContactBefore && filter.lastContactAfter && filter.lastContactAfter >= filter.lastContactBefore) {
    r.errors.push('filters.lastContactAfter must be before filters.lastContactBefore');
  }
  return r.errors.length ? { ok: false, errors: r.errors } : { ok: true, filter };
}

function attribute(r: Reader): CustomerFilter['attribute'] {
  const v = r.value('attribute');
  if (v === undefined || v === null) return undefined;
  const a = asObject(v);
  if (a && typeof a.key === 'string' && ATTRIBUTE_KEY.test(a.key) && typeof a.value === 'string' && a.value.length <= 200
    && Object.keys(a).every((k) => k === 'key' || k === 'value')) {
    return { key: a.key, value: a.value };
  }
  r.errors.push('filters.attribute must be {key, value}: a key of letters, digits, spaces, _ - . (up to 64) and a text value (up to 200)');
  return undefined;
}

export function validateViewFilter(kind: ViewKind, raw: unknown): Validated<ConversationFilter | CustomerFilter> {
  return kind === 'conversations' ? validateConversationFilter(raw) : validateCustomerFilter(raw);
}
