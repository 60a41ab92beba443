import type { CannedLanguage, ConversationStatus, MacroRef, Priority, Role } from '@parley/contracts';
import type { CannedValues } from '@parley/domain';
import type { ConversationEntity } from '@parley/persistence';

/** Who runs a macro: the user, named on every change, with the macro's run. */
export interface MacroActor {
  id: string;
  name: string;
  role: Role;
}

/** A conversation as a macro sees it before and while acting on it. */
export interface MacroConversation {
  id: string;
  customerName: string | null;
  status: ConversationStatus;
  snoozedUntil: string | null;
  assigneeId: string | null;
  teamId: string | null;
  priority: Priority;
  labelIds: string[];
  /** What a note's placeholders are filled from. */
  customer: CannedValues['customer'];
}

/** A canned response made ready for a conversation (null: it is gone or not the user's to use). */
export interface RenderedReply {
  text: string;
  language: CannedLanguage;
  missing: string[];
  /** The channel's limit when the text is over it. */
  tooLong: { length: number; max: number } | null;
  attachmentIds: string[];
}

/** Which of the referenced labels, teams and agents still exist, with their names. */
export interface LiveReferences {
  labels: Map<string, string>;
  teams: Map<string, string>;
  /** Enabled users. */
  agents: Map<string, string>;
}

/** Who made a change: the user, through a macro's run. */
export type MacroChangeActor = { id: string; name: string; macro: MacroRef };

/**
 * What a macro reads and changes in the other capabilities: each change goes through the same call
 * a single change by hand uses (its timeline event, broadcast, follow-up), marked with the macro.
 */
export interface MacroTargets {
  conversation(id: string): Promise<MacroConversation | null>;
  /** A bulk page's conversations, from the rows the runner read: their customers and labels in one read each. */
  conversations(rows: ConversationEntity[]): Promise<MacroConversation[]>;
  references(ids: { labels: string[]; teams: string[]; agents: string[] }): Promise<LiveReferences>;
  /** The canned response's title, when the user may use it. */
  cannedTitle(actor: MacroActor, id: string): Promise<string | null>;
  renderReply(actor: MacroActor, cannedResponseId: string, conversationId: string): Promise<RenderedReply | null>;
  /** Why a reply could not go out now (opted out, WhatsApp window…), or null. */
  sendRefusal(conversationId: string): Promise<string | null>;
  surveyRefusal(conversationId: string): Promise<string | null>;

  setStatus(conversationId: string, status: ConversationStatus, snoozeUntil: string | undefined, actor: MacroChangeActor): Promise<void>;
  assign(conversationId: string, change: { agentId?: string | null; teamId?: string | null }, actor: MacroChangeActor): Promise<void>;
  setPriority(conversationId: string, priority: Priority, actor: MacroChangeActor): Promise<void>;
  addLabel(conversationId: string, labelId: string, actor: MacroChangeActor): Promise<void>;
  removeLabel(conversationId: string, labelId: string, actor: MacroChangeActor): Promise<void>;
  send(conversationId: string, text: string, isPrivate: boolean, attachmentIds: string[], actor: MacroChangeActor): Promise<void>;
  sendSurvey(conversationId: string, actor: MacroChangeActor): Promise<void>;
}

export const MACRO_TARGETS = Symbol('MACRO_TARGETS');
