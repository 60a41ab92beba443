import { DEFAULT_FILTER } from '../conversations/conversation-filter';
import { bulkScope, NO_SELECTION, selectedCount, toggled, viewFilterOf } from './view-filter';

describe('viewFilterOf', () => {
  it('saves "mine" as whoever opens the view, with the status, inbox and priority', () => {
    expect(viewFilterOf({ status: 'open', inboxId: 'i1', assignee: 'mine', priority: 'urgent' })).toEqual({
      status: 'open', inboxId: 'i1', priority: 'urgent', assigneeId: 'me',
    });
  });

  it('saves "unassigned" as a condition and leaves out what is not narrowed', () => {
    expect(viewFilterOf({ ...DEFAULT_FILTER, assignee: 'unassigned' })).toEqual({ status: 'open', unassigned: true });
    expect(viewFilterOf(DEFAULT_FILTER)).toEqual({ status: 'open' });
  });
});

describe('bulk selection', () => {
  it('ticks and unticks rows, and sends the ids picked', () => {
    const one = toggled(NO_SELECTION, 'c1');
    const two = toggled(one, 'c2');
    expect(bulkScope(two, 'v1')).toEqual({ conversationIds: ['c1', 'c2'] });
    expect(bulkScope(toggled(toggled(NO_SELECTION, 'c1'), 'c1'), null)).toBeNull();
  });

  it('sends the whole view once "select all" is chosen, and counts its matches', () => {
    const all = { ids: new Set(['c1']), allInView: true };
    expect(bulkScope(all, 'v1')).toEqual({ viewId: 'v1' });
    expect(selectedCount(all, 1200)).toBe(1200);
    expect(selectedCount(toggled(all, 'c2'), 1200)).toBe(2);
  });
});
