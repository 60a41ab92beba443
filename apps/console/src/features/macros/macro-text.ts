import type { MacroAction, MacroActionType, MacroProblemDto } from '@parley/contracts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Names of what actions point at, as the console knows them now; `refs` (the macro's) names what is gone. */
export interface MacroNames {
  label(id: string): string | undefined;
  team(id: string): string | undefined;
  agent(id: string): string | undefined;
  canned(id: string): string | undefined;
}

export const ACTION_TYPES: readonly MacroActionType[] = ['reply', 'note', 'label', 'unlabel', 'assign', 'team', 'priority', 'snooze', 'resolve', 'survey'];

/** A new action of a type, with the first choice filled in where there is one. */
export function blankAction(type: MacroActionType, first: { label?: string; canned?: string }): MacroAction {
  switch (type) {
    case 'reply': return { type, cannedResponseId: first.canned ?? '' };
    case 'note': return { type, text: '' };
    case 'label':
    case 'unlabel': return { type, labelId: first.label ?? '' };
    case 'assign': return { type, agentId: null };
    case 'team': return { type, teamId: null };
    case 'priority': return { type, priority: 'high' };
    case 'snooze': return { type, minutes: 60 };
    case 'resolve':
    case 'survey': return { type };
  }
}

/** "1 h 30 min", "2 d": a snooze's length in the UI's language. */
export function duration(minutes: number, t: Translate): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days && t('macros.units.d', { n: days }), hours && t('macros.units.h', { n: hours }), rest && t('macros.units.m', { n: rest })].filter(Boolean).join(' ');
}

/** One line saying what the action does: "Add label «Возврат»", "Snooze for 1 h". */
export function describeAction(a: MacroAction, names: MacroNames, refName: string | undefined, t: Translate): string {
  const named = (found: string | undefined, id: string) => found ?? refName ?? id;
  switch (a.type) {
    case 'reply': return t('macros.describe.reply', { name: named(names.canned(a.cannedResponseId), a.cannedResponseId) });
    case 'note': return t('macros.describe.note', { text: a.text.length > 60 ? `${a.text.slice(0, 59)}…` : a.text });
    case 'label': return t('macros.describe.label', { name: named(names.label(a.labelId), a.labelId) });
    case 'unlabel': return t('macros.describe.unlabel', { name: named(names.label(a.labelId), a.labelId) });
    case 'assign': return a.agentId ? t('macros.describe.assign', { name: named(names.agent(a.agentId), a.agentId) }) : t('macros.describe.unassign');
    case 'team': return a.teamId ? t('macros.describe.team', { name: named(names.team(a.teamId), a.teamId) }) : t('macros.describe.noTeam');
    case 'priority': return t('macros.describe.priority', { priority: t(`priority.${a.priority}`) });
    case 'snooze': return t('macros.describe.snooze', { duration: duration(a.minutes, t) });
    case 'resolve': return t('macros.describe.resolve');
    case 'survey': return t('macros.describe.survey');
  }
}

/** A problem in the UI's language, from its code and values (the server's English sentence is the fallback). */
export function problemText(p: MacroProblemDto, t: Translate): string {
  return t(`macros.problems.${p.code}`, { ...p.params, n: p.action + 1, defaultValue: p.message });
}
