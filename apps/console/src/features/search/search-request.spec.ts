import { datesInOrder, MAX_QUERY_LENGTH, NO_FILTERS, queryProblem, searchRequest } from './search-request';

describe('search request', () => {
  it('calls a blank query empty and a query over 500 characters too long', () => {
    expect(queryProblem('   ')).toBe('empty');
    expect(queryProblem('ч'.repeat(MAX_QUERY_LENGTH + 1))).toBe('tooLong');
    expect(queryProblem(` ${'ч'.repeat(MAX_QUERY_LENGTH)} `)).toBeNull();
  });

  it('sends only the filters that are set, the query trimmed', () => {
    expect(searchRequest('  заказы ')).toEqual({ q: 'заказы' });
    expect(searchRequest('заказы', { ...NO_FILTERS, channel: 'telegram', status: 'open', assigneeId: 'me', sort: 'newest' }, 'messages')).toEqual({
      q: 'заказы',
      type: 'messages',
      channel: 'telegram',
      status: 'open',
      assigneeId: 'me',
      sort: 'newest',
    });
  });

  it('turns a date range into local midnights, the last day included', () => {
    const request = searchRequest('возврат', { ...NO_FILTERS, from: '2026-03-01', to: '2026-03-01' });
    expect(request.from).toBe(new Date(2026, 2, 1).toISOString());
    expect(request.to).toBe(new Date(2026, 2, 2).toISOString());
  });

  it('checks the range is in order', () => {
    expect(datesInOrder({ from: '2026-03-02', to: '2026-03-01' })).toBe(false);
    expect(datesInOrder({ from: '2026-03-01', to: '' })).toBe(true);
  });
});
