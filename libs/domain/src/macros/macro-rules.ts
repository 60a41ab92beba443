import { unknownVariables } from '../canned-responses';
import { isId } from '../ids';
import type { Priority } from '../routing/routing-strategy';
import { PRIORITIES_FOR_VIEWS } from '../views/view-filters';

/** One step of a macro (the same words as the api's MacroAction). */
export type MacroAction =
  | { type: 'reply'; cannedResponseId: string }
  | { type: 'note'; text: string }
  | { type: 'label' | 'unlabel'; labelId: string }
  | { type: 'assign'; agentId: string | null }
  | { type: 'team'; teamId: string | null }
  | { type: 'priority'; priority: Priority }
  | { type: 'snooze'; minutes: number }
  | { type: 'resolve' }
  | { type: 'survey' };

export type MacroActionType = MacroAction['type'];

export const MACRO_NAME_MAX = 100;
export const MACRO_MAX_ACTIONS = 20;
export const MACRO_NOTE_MAX = 10_000;
/** A snooze of up to a year. */
export const MACRO_SNOOZE_MAX_MINUTES = 525_600;

/** Messages and surveys: what a run cannot take back, applied after every change it can. */
export const IRREVERSIBLE_ACTIONS: readonly MacroActionType[] = ['reply', 'note', 'survey'];

export type MacroCheck<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** The name trimmed, 1 to 100 characters (any script). */
export function cleanMacroName(raw: unknown): MacroCheck<string> {
  const name = typeof raw === 'string' ? raw.trim().replace(/\s+/g, ' ') : '';
  if (!name) return { ok: false, errors: ['A macro needs a name'] };
  if ([...name].length > MACRO_NAME_MAX) return { ok: false, errors: [`A macro name must be at most ${MACRO_NAME_MAX} characters long`] };
  return { ok: true, value: name };
}

/** JSON from the API → the macro's actions, or every reason why not (`actions[2].labelId must be an id`). */
export function validateMacroActions(raw: unknown): MacroCheck<MacroAction[]> {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MACRO_MAX_ACTIONS) {
    return { ok: false, errors: [`actions must be a list of 1 to ${MACRO_MAX_ACTIONS} actions`] };
  }
  const errors: string[] = [];
  const actions: MacroAction[] = [];
  raw.forEach((item, i) => {
    const checked = validateAction(item, `actions[${i}]`);
    if (typeof checked === 'string') errors.push(checked);
    else actions.push(checked);
  });
  const snoozeAndResolve = actions.some((a) => a.type === 'snooze') && actions.some((a) => a.type === 'resolve');
  if (snoozeAndResolve) errors.push('A macro either snoozes or resolves, not both');
  return errors.length ? { ok: false, errors } : { ok: true, value: actions };
}

function validateAction(raw: unknown, at: string): MacroAction | string {
  const a = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  if (!a) return `${at} must be an object`;
  switch (a.type) {
    case 'reply':
      return isId(a.cannedResponseId) ? { type: 'reply', cannedResponseId: a.cannedResponseId.toLowerCase() } : `${at}.cannedResponseId must be an id`;
    case 'note': {
      const text = typeof a.text === 'string' ? a.text.trim() : '';
      if (!text) return `${at}.text must not be blank`;
      if ([...text].length > MACRO_NOTE_MAX) return `${at}.text must be at most ${MACRO_NOTE_MAX} characters long`;
      const unknown = unknownVariables(text);
      if (unknown.length) return `${at}.text: unknown variable ${unknown.map((n) => `{{${n}}}`).join(', ')}`;
      return { type: 'note', text };
    }
    case 'label':
    case 'unlabel':
      return isId(a.labelId) ? { type: a.type, labelId: a.labelId.toLowerCase() } : `${at}.labelId must be an id`;
    case 'assign':
      return a.agentId === null || isId(a.agentId) ? { type: 'assign', agentId: a.agentId === null ? null : String(a.agentId).toLowerCase() } : `${at}.agentId must be an id or null`;
    case 'team':
      return a.teamId === null || isId(a.teamId) ? { type: 'team', teamId: a.teamId === null ? null : String(a.teamId).toLowerCase() } : `${at}.teamId must be an id or null`;
    case 'priority':
      return PRIORITIES_FOR_VIEWS.includes(a.priority as Priority)
        ? { type: 'priority', priority: a.priority as Priority }
        : `${at}.priority must be one of ${PRIORITIES_FOR_VIEWS.join(', ')}`;
    case 'snooze':
      return Number.isInteger(a.minutes) && (a.minutes as number) >= 1 && (a.minutes as number) <= MACRO_SNOOZE_MAX_MINUTES
        ? { type: 'snooze', minutes: a.minutes as number }
        : `${at}.minutes must be a whole number from 1 to ${MACRO_SNOOZE_MAX_MINUTES}`;
    case 'resolve':
    case 'survey':
      return { type: a.type };
    default:
      return `${at}.type must be one of reply, note, label, unlabel, assign, team, priority, snooze, resolve, survey`;
  }
}

/** Actions pointing at something that may be deleted while a run goes on (a label, a team, an agent). */
const REFERENCING_ACTIONS: readonly MacroAction['type'][] = ['label', 'unlabel', 'team', 'assign'];

/**
 * The order a run applies the actions in: every change undo can take back first, those pointing at
 * a label, team or agent before the others, then messages and surveys; each group in the macro's
 * order. A reference deleted mid-run then fails the conversation before anything changed on it, a
 * change refused at the last moment leaves no message sent, and a survey asked after "resolve" finds
 * the conversation resolved.
 */
export function applicationOrder(actions: readonly MacroAction[]): number[] {
  const indexes = actions.map((_, i) => i);
  const group = (i: number) => (IRREVERSIBLE_ACTIONS.includes(actions[i].type) ? 2 : REFERENCING_ACTIONS.includes(actions[i].type) ? 0 : 1);
  return [0, 1, 2].flatMap((g) => indexes.filter((i) => group(i) === g));
}

/** What a run changed on one conversation: enough to put it back. */
export interface MacroUndoRecord {
  labelsAdded: string[];
  labelsRemoved: string[];
  assigneeId?: { from: string | null; to: string | null };
  teamId?: { from: string | null; to: string | null };
  priority?: { from: string; to: string };
  status?: { from: { status: string; snoozedUntil: string | null }; to: { status: string; snoozedUntil: string | null } };
  /** Actions applied that undo cannot take back. */
  sent: MacroActionType[];
}

export const emptyUndoRecord = (): MacroUndoRecord => ({ labelsAdded: [], labelsRemoved: [], sent: [] });

/** A field is put back only while it still holds what the run set: a later change by someone else wins. */
export function stillAsSet<T>(change: { to: T } | undefined, current: T): boolean {
  return !!change && change.to === current;
}

/**
 * The status to go back to. A snooze whose time has passed since would wake the conversation at
 * once: it comes back open instead.
 */
export function statusToRestore(from: { status: string; snoozedUntil: string | null }, now: Date): { status: string; snoozeUntil?: string } {
  if (from.status !== 'snoozed') return { status: from.status };
  return from.snoozedUntil && new Date(from.snoozedUntil).getTime() > now.getTime() ? { status: 'snoozed', snoozeUntil: from.snoozedUntil } : { status: 'open' };
}
