import { bulkActionChanges, finalBulkState, validateBulkAction, type BulkTarget } from './bulk-action';

const AGENT = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const NOW = new Date('2026-12-07T10:00:00Z');
const open: BulkTarget = { status: 'open', assigneeId: null, teamId: null, priority: 'normal', snoozedUntil: null };

describe('validateBulkAction', () => {
  it('reads each kind of action', () => {
    expect(validateBulkAction({ type: 'assign', assigneeId: AGENT })).toEqual({ ok: true, filter: { type: 'assign', assigneeId: AGENT } });
    expect(validateBulkAction({ type: 'assign', assigneeId: null })).toEqual({ ok: true, filter: { type: 'assign', assigneeId: null } });
    expect(validateBulkAction({ type: 'priority', priority: 'urgent' })).toEqual({ ok: true, filter: { type: 'priority', priority: 'urgent' } });
    expect(validateBulkAction({ type: 'status', status: 'resolved' })).toEqual({ ok: true, filter: { type: 'status', status: 'resolved' } });
  });

  it('needs a future moment to snooze until', () => {
    expect(validateBulkAction({ type: 'status', status: 'snoozed', snoozeUntil: '2026-12-07T09:00:00Z' }, NOW)).toEqual({
      ok: false, errors: ['action.snoozeUntil must be a future ISO 8601 date when snoozing'],
    });
    expect(validateBulkAction({ type: 'status', status: 'snoozed', snoozeUntil: '2026-12-08T09:00:00Z' }, NOW)).toEqual({
      ok: true, filter: { type: 'status', status: 'snoozed', snoozeUntil: '2026-12-08T09:00:00.000Z' },
    });
  });

  it('refuses an unknown action or a malformed target', () => {
    expect(validateBulkAction({ type: 'удалить' })).toEqual({ ok: false, errors: ['action.type must be one of assign, team, status, priority, label, unlabel'] });
    expect(validateBulkAction({ type: 'assign', assigneeId: 'Анна' })).toEqual({ ok: false, errors: ['action.assigneeId must be an id or null'] });
    expect(validateBulkAction(null)).toEqual({ ok: false, errors: ['action must be an object'] });
  });
});

describe('bulkActionChanges', () => {
  it('skips a conversation already in the target state (a retried job)', () => {
    expect(bulkActionChanges({ type: 'status', status: 'open' }, open)).toBe(false);
    expect(bulkActionChanges({ type: 'status', status: 'resolved' }, open)).toBe(true);
    expect(bulkActionChanges({ type: 'assign', assigneeId: null }, open)).toBe(false);
    expect(bulkActionChanges({ type: 'assign', assigneeId: AGENT }, open)).toBe(true);
    expect(bulkActionChanges({ type: 'priority', priority: 'normal' }, open)).toBe(false);
  });

  it('re-snoozes a snoozed conversation to a different moment', () => {
    const snoozed = { ...open, status: 'snoozed', snoozedUntil: new Date('2026-12-08T09:00:00Z') };
    expect(bulkActionChanges({ type: 'status', status: 'snoozed', snoozeUntil: '2026-12-08T09:00:00.000Z' }, snoozed)).toBe(false);
    expect(bulkActionChanges({ type: 'status', status: 'snoozed', snoozeUntil: '2026-12-09T09:00:00.000Z' }, snoozed)).toBe(true);
  });

  it('labels only what lacks the label', () => {
    const labelled = { ...open, labelIds: [AGENT] };
    expect(bulkActionChanges({ type: 'label', labelId: AGENT }, labelled)).toBe(false);
    expect(bulkActionChanges({ type: 'unlabel', labelId: AGENT }, labelled)).toBe(true);
  });
});

describe('finalBulkState', () => {
  it('is done when some changes failed, failed only when all did', () => {
    expect(finalBulkState(10, 3)).toBe('done');
    expect(finalBulkState(10, 10)).toBe('failed');
    expect(finalBulkState(0, 0)).toBe('done');
  });
});
