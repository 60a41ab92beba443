import { validateConversationFilter, validateCustomerFilter, validateViewFilter } from './view-filter-validator';

const TEAM = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const LABEL = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a6c';

describe('validateConversationFilter', () => {
  it('keeps every known condition, typed', () => {
    const result = validateConversationFilter({
      status: 'open', labelIds: [LABEL, LABEL], teamId: TEAM, channel: 'telegram', priority: 'urgent', slaState: 'breached',
      sentiment: 'negative', csat: { max: 2 }, assigneeId: 'me', waitingLongerThanMinutes: 30,
    });
    expect(result).toEqual({
      ok: true,
      filter: {
        status: 'open', labelIds: [LABEL], teamId: TEAM, channel: 'telegram', priority: 'urgent', slaState: 'breached',
        sentiment: 'negative', csat: { max: 2 }, assigneeId: 'me', waitingLongerThanMinutes: 30,
      },
    });
  });

  it('accepts an empty filter (every conversation)', () => {
    expect(validateConversationFilter({})).toEqual({ ok: true, filter: {} });
  });

  it('drops nulls rather than storing them', () => {
    expect(validateConversationFilter({ status: null, teamId: null })).toEqual({ ok: true, filter: {} });
  });

  it('lists every problem at once, each naming its field', () => {
    const result = validateConversationFilter({ status: 'закрыт', teamId: 'отдел', csat: { min: 9 }, waitingLongerThanMinutes: -5, colour: 'red' });
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toEqual(expect.arrayContaining([
      'filters.colour is not a known filter',
      'filters.status must be one of open, pending, snoozed, resolved',
      'filters.teamId must be an id',
      'filters.csat must be {min?, max?} with whole numbers from 1 to 5',
      'filters.waitingLongerThanMinutes must be a whole number from 1 to 525600',
    ]));
    expect(errors).toHaveLength(5);
  });

  it('refuses a range whose min exceeds its max', () => {
    expect(validateConversationFilter({ csat: { min: 4, max: 2 } })).toEqual({ ok: false, errors: ['filters.csat.min must not exceed max'] });
  });

  it('refuses unassigned together with an assignee', () => {
    expect(validateConversationFilter({ unassigned: true, assigneeId: 'me' })).toEqual({
      ok: false, errors: ['filters.unassigned and filters.assigneeId cannot both be set'],
    });
  });

  it('refuses something that is not an object', () => {
    expect(validateConversationFilter(['open'])).toEqual({ ok: false, errors: ['filters must be an object'] });
    expect(validateConversationFilter('open')).toEqual({ ok: false, errors: ['filters must be an object'] });
  });

  it('refuses an empty label list', () => {
    expect(validateConversationFilter({ labelIds: [] })).toEqual({ ok: false, errors: ['filters.labelIds must be a list of 1 to 50 ids'] });
  });
});

describe('validateCustomerFilter', () => {
  it('keeps a Cyrillic tag and attribute, trimmed', () => {
    expect(validateCustomerFilter({ tag: ' Постоянный ', attribute: { key: 'город', value: 'Москва' }, channel: 'email', lastScore: { min: 0, max: 6 } })).toEqual({
      ok: true, filter: { tag: 'Постоянный', attribute: { key: 'город', value: 'Москва' }, channel: 'email', lastScore: { min: 0, max: 6 } },
    });
  });

  it('normalises contact dates to ISO 8601', () => {
    expect(validateCustomerFilter({ lastContactAfter: '2026-01-01', lastContactBefore: '2026-02-01T00:00:00+03:00' })).toEqual({
      ok: true, filter: { lastContactAfter: '2026-01-01T00:00:00.000Z', lastContactBefore: '2026-01-31T21:00:00.000Z' },
    });
  });

  it('refuses an attribute key that could break out of a JSON path', () => {
    expect(validateCustomerFilter({ attribute: { key: 'a"]', value: 'x' } }).ok).toBe(false);
  });

  it('refuses a window whose start is after its end', () => {
    expect(validateCustomerFilter({ lastContactAfter: '2026-03-01', lastContactBefore: '2026-02-01' })).toEqual({
      ok: false, errors: ['filters.lastContactAfter must be before filters.lastContactBefore'],
    });
  });

  it('refuses conversation conditions on a customer view', () => {
    expect(validateViewFilter('customers', { status: 'open' })).toEqual({ ok: false, errors: ['filters.status is not a known filter'] });
  });
});
