import { applicationOrder, cleanMacroName, statusToRestore, stillAsSet, validateMacroActions } from './macro-rules';

const ID = '0193aaaa-0000-7000-8000-000000000001';

describe('macro rules', () => {
  it('takes a name in any script, trimmed, and refuses a blank or long one', () => {
    expect(cleanMacroName('  Возврат:   запросить номер ')).toEqual({ ok: true, value: 'Возврат: запросить номер' });
    expect(cleanMacroName('  ')).toEqual({ ok: false, errors: ['A macro needs a name'] });
    expect(cleanMacroName('я'.repeat(101))).toMatchObject({ ok: false });
  });

  it('validates every action and names each bad one', () => {
    expect(validateMacroActions([{ type: 'label', labelId: ID.toUpperCase() }, { type: 'assign', agentId: null }, { type: 'snooze', minutes: 90 }]))
      .toEqual({ ok: true, value: [{ type: 'label', labelId: ID }, { type: 'assign', agentId: null }, { type: 'snooze', minutes: 90 }] });
    expect(validateMacroActions([{ type: 'priority', priority: 'срочно' }, { type: 'note', text: '  ' }, null])).toEqual({
      ok: false, errors: ['actions[0].priority must be one of low, normal, high, urgent', 'actions[1].text must not be blank', 'actions[2] must be an object'],
    });
    expect(validateMacroActions([])).toMatchObject({ ok: false });
    expect(validateMacroActions(Array.from({ length: 21 }, () => ({ type: 'resolve' })))).toMatchObject({ ok: false });
    expect(validateMacroActions([{ type: 'note', text: 'Здравствуйте, {{customer.name}} {{agent.фамилия}}' }]))
      .toEqual({ ok: false, errors: ['actions[0].text: unknown variable {{agent.фамилия}}'] });
  });

  it('applies what undo can take back first (what points at a label, team or agent before the rest), messages and surveys last, each group in the macro’s order', () => {
    expect(applicationOrder([{ type: 'reply', cannedResponseId: ID }, { type: 'resolve' }, { type: 'survey' }, { type: 'label', labelId: ID }, { type: 'note', text: 'x' }]))
      .toEqual([3, 1, 0, 2, 4]);
    expect(applicationOrder([{ type: 'priority', priority: 'high' }, { type: 'assign', agentId: ID }, { type: 'snooze', minutes: 5 }, { type: 'label', labelId: ID }]))
      .toEqual([1, 3, 0, 2]);
  });

  it('puts a field back only while it holds what the run set, and a lapsed snooze back as open', () => {
    expect(stillAsSet({ to: 'a' }, 'a')).toBe(true);
    expect(stillAsSet({ to: 'a' }, 'b')).toBe(false);
    expect(stillAsSet(undefined, 'a')).toBe(false);
    const now = new Date('2026-12-01T10:00:00Z');
    expect(statusToRestore({ status: 'pending', snoozedUntil: null }, now)).toEqual({ status: 'pending' });
    expect(statusToRestore({ status: 'snoozed', snoozedUntil: '2026-12-01T12:00:00.000Z' }, now)).toEqual({ status: 'snoozed', snoozeUntil: '2026-12-01T12:00:00.000Z' });
    expect(statusToRestore({ status: 'snoozed', snoozedUntil: '2026-12-01T09:00:00.000Z' }, now)).toEqual({ status: 'open' });
  });
});
