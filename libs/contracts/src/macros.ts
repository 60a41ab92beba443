// Macros (issue 17, item 2): a named, ordered list of actions run on one conversation or a selection.
import type { CannedLanguage, CannedScope } from './canned-responses';
import type { Priority } from './routing-sla';
import type { BulkOperationDto } from './views';

/** One step of a macro. `assign`/`team` with null take the conversation off its agent or team. */
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
export const MACRO_ACTION_TYPES: readonly MacroActionType[] = ['reply', 'note', 'label', 'unlabel', 'assign', 'team', 'priority', 'snooze', 'resolve', 'survey'];
/** What a run cannot take back: a message or a survey the customer (or the team) has seen. */
export const IRREVERSIBLE_MACRO_ACTIONS: readonly MacroActionType[] = ['reply', 'note', 'survey'];

/** Why an action cannot run (`action`: its index in the macro, from 0). The console words it in RU/EN. */
export type MacroProblemCode =
  | 'label_deleted'
  | 'team_deleted'
  | 'agent_deleted'
  | 'canned_deleted'
  | 'unfilled_variable'
  | 'too_long'
  | 'not_sendable'
  | 'survey_off';

export interface MacroProblemDto {
  action: number;
  code: MacroProblemCode;
  /** The English sentence (the API's 422 joins them). */
  message: string;
  /** `name` (what was referred to, as last seen), `names` (placeholders), `length`/`max`, `reason`. */
  params: Record<string, string | number>;
}

/** A saved macro; `refs` holds the names of what its actions point at, as seen when it was saved. */
export interface MacroDto {
  id: string;
  name: string;
  scope: CannedScope;
  ownerId: string;
  teamId: string | null;
  actions: MacroAction[];
  /** Per action index: the label's, team's, agent's or canned response's name when saved. */
  refs: Record<number, string>;
  /** What no longer exists among the references: running refuses until it is fixed. */
  problems: MacroProblemDto[];
  editable: boolean;
  createdAt: string;
  updatedAt: string;
}

/** POST /api/macros; PATCH takes any part of it. */
export interface MacroInputDto {
  name: string;
  scope?: CannedScope;
  teamId?: string | null;
  actions: MacroAction[];
}

/** What one action will do on one conversation. */
export interface MacroActionPreviewDto {
  action: number;
  type: MacroActionType;
  /** False when the conversation already is so (label there, same priority…). */
  changes: boolean;
  /** reply/note: the rendered text; reply: its language. */
  text?: string;
  language?: CannedLanguage;
  /** Undo cannot take it back. */
  irreversible: boolean;
  problems: MacroProblemDto[];
}

export interface MacroConversationPreviewDto {
  conversationId: string;
  customerName: string | null;
  /** Every action can run: nothing is applied otherwise. */
  ok: boolean;
  actions: MacroActionPreviewDto[];
}

/** POST /api/macros/:id/preview */
export interface MacroPreviewDto {
  macro: { id: string; name: string };
  /** Conversations in the selection (a view's count); the first ones are previewed. */
  total: number;
  conversations: MacroConversationPreviewDto[];
  /** Problems of the macro itself (deleted references), for any conversation. */
  problems: MacroProblemDto[];
}

export type MacroRunState = 'running' | 'applied' | 'failed' | 'undone';

export interface MacroRunDto {
  id: string;
  macroId: string;
  macroName: string;
  state: MacroRunState;
  total: number;
  /** Conversations the macro was applied to, and those where nothing was applied. */
  applied: number;
  failed: number;
  /** A bulk run's operation (its progress comes as `bulk.progress`). */
  bulkOperationId: string | null;
  /** Actions undo cannot take back (messages and surveys sent). */
  irreversible: MacroActionType[];
  createdAt: string;
  undoneAt: string | null;
}

/** POST /api/macros/:id/run: one conversation (synchronous) or a selection (202, in the background). */
export interface MacroRunResultDto {
  run: MacroRunDto;
  /** A bulk run's operation. */
  operation?: BulkOperationDto;
}

/** POST /api/macros/runs/last/undo */
export interface MacroUndoResultDto {
  run: MacroRunDto;
  /** Conversations reverted now (a bulk run's undo goes on in the background: see `operation`). */
  reverted: number;
  /** Changes left alone because someone changed the field since: `<conversation id>: <what>`. */
  kept: string[];
  /** What could not be taken back (messages, surveys already sent). */
  irreversible: MacroActionType[];
  operation?: BulkOperationDto;
}

/** Timeline event `data.macro` and message `metadata.macro`: the change was made by this macro's run. */
export interface MacroRef {
  id: string;
  name: string;
  runId: string;
  /** Set on the changes of an undo. */
  undo?: boolean;
}

/** `/agents` event: the macro list changed (no content: personal macros are their owner's business). */
export const MACRO_EVENTS = {
  changed: 'macro.changed',
} as const;
