import type { ConversationDto } from '@parley/contracts';
import { DEFAULT_FILTER, filterToQuery, matchesFilter, parseFilter } from './conversation-filter';

const conversation = (over: Partial<ConversationDto> = {}): ConversationDto =>
  ({ id: 'c1', status: 'open', inboxId: 'i1', assigneeId: null, ...over }) as ConversationDto;

describe('matchesFilter', () => {
  it('keeps to the selected status tab', () => {
    expect(matchesFilter(conversation(), DEFAULT_FILTER, 'me')).toBe(true);
    expect(matchesFilter(conversation({ status: 'resolved' }), DEFAULT_FILTER, 'me')).toBe(false);
  });

  it('keeps to the selected inbox', () => {
    const filter = { ...DEFAULT_FILTER, inboxId: 'i2' };
    expect(matchesFilter(conversation(), filter, 'me')).toBe(false);
    expect(matchesFilter(conversation({ inboxId: 'i2' }), filter, 'me')).toBe(true);
  });

  it('tells mine from unassigned', () => {
    const mine = { ...DEFAULT_FILTER, assignee: 'mine' as const };
    const unassigned = { ...DEFAULT_FILTER, assignee: 'unassigned' as const };
    expect(matchesFilter(conversation({ assigneeId: 'u1' }), mine, 'u1')).toBe(true);
    expect(matchesFilter(conversation({ assigneeId: 'u2' }), mine, 'u1')).toBe(false);
    expect(matchesFilter(conversation({ assigneeId: null }), unassigned, 'u1')).toBe(true);
    expect(matchesFilter(conversation({ assigneeId: 'u1' }), unassigned, 'u1')).toBe(false);
  });

  it('keeps to the selected label, and leaves out a conversation whose labels are unknown', () => {
    const filter = { ...DEFAULT_FILTER, labelId: 'l1' };
    const refund = { id: 'l1', nameEn: 'Refund', nameRu: 'Возврат', colour: '#e5484d' };
    expect(matchesFilter(conversation({ labels: [refund] }), filter, 'me')).toBe(true);
    expect(matchesFilter(conversation({ labels: [] }), filter, 'me')).toBe(false);
    expect(matchesFilter(conversation(), filter, 'me')).toBe(false);
  });
});

describe('priority', () => {
  it('keeps to the selected priority and sends it', () => {
    const urgent = { ...DEFAULT_FILTER, priority: 'urgent' as const };
    expect(matchesFilter(conversation({ priority: 'urgent' }), urgent, 'me')).toBe(true);
    expect(matchesFilter(conversation({ priority: 'normal' }), urgent, 'me')).toBe(false);
    expect(filterToQuery(urgent).priority).toBe('urgent');
    expect(parseFilter('{"status":"open","priority":"urgent"}').priority).toBe('urgent');
    expect(parseFilter('{"status":"open","priority":"срочно"}').priority).toBeUndefined();
  });
});

describe('filterToQuery', () => {
  it('maps the assignee scope to the api keywords', () => {
    expect(filterToQuery({ status: 'pending', inboxId: 'i1', assignee: 'mine', labelId: 'l1' })).toEqual({
      status: 'pending',
      inboxId: 'i1',
      assigneeId: 'me',
      label: 'l1',
      following: null,
    });
    expect(filterToQuery({ ...DEFAULT_FILTER, assignee: 'unassigned' }).assigneeId).toBe('none');
    expect(filterToQuery(DEFAULT_FILTER).assigneeId).toBeNull();
  });

  it('asks for the conversations I follow in the Mentions / Following view', () => {
    expect(filterToQuery({ ...DEFAULT_FILTER, assignee: 'following' })).toMatchObject({ assigneeId: null, following: 'me' });
  });
});

describe('parseFilter', () => {
  it('restores a saved filter', () => {
    expect(parseFilter('{"status":"snoozed","inboxId":"i9","assignee":"unassigned","labelId":"l1"}')).toEqual({
      status: 'snoozed',
      inboxId: 'i9',
      assignee: 'unassigned',
      labelId: 'l1',
    });
  });

  it('falls back to defaults for junk', () => {
    expect(parseFilter('{"status":"deleted","assignee":7}')).toEqual(DEFAULT_FILTER);
    expect(parseFilter('not json')).toEqual(DEFAULT_FILTER);
    expect(parseFilter(null)).toEqual(DEFAULT_FILTER);
  });
});
