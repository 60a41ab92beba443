import type { MacroProblemDto } from '@parley/contracts';
import { describeAction, duration, problemText, type MacroNames } from './macro-text';

const t = (key: string, options: Record<string, unknown> = {}) => `${key}${JSON.stringify(options)}`;
const names: MacroNames = { label: (id) => (id === 'l1' ? 'Возврат' : undefined), team: () => undefined, agent: () => 'Анна', canned: () => undefined };

describe('macro texts', () => {
  it('names what an action points at, by the name saved with the macro when it is gone', () => {
    expect(describeAction({ type: 'label', labelId: 'l1' }, names, undefined, t)).toBe('macros.describe.label{"name":"Возврат"}');
    expect(describeAction({ type: 'label', labelId: 'l2' }, names, 'Удалённая', t)).toBe('macros.describe.label{"name":"Удалённая"}');
    expect(describeAction({ type: 'assign', agentId: null }, names, undefined, t)).toBe('macros.describe.unassign{}');
  });

  it('writes a snooze in days, hours and minutes', () => {
    expect(duration(90, t)).toBe('macros.units.h{"n":1} macros.units.m{"n":30}');
    expect(duration(2880, t)).toBe('macros.units.d{"n":2}');
  });

  it('words a problem from its code, numbering actions from 1', () => {
    const p: MacroProblemDto = { action: 1, code: 'label_deleted', message: 'Action 2: the label "X" was deleted', params: { name: 'X' } };
    expect(problemText(p, t)).toBe('macros.problems.label_deleted{"name":"X","n":2,"defaultValue":"Action 2: the label \\"X\\" was deleted"}');
  });
});
