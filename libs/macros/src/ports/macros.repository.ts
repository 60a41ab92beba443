import type { Role } from '@parley/contracts';
import type { MacroEntity, MacroRunEntity, MacroRunItemEntity } from '@parley/persistence';

/** Macros, their runs and what each run did to each conversation. */
export interface MacrosRepository {
  /** Macros under these scope keys (every team's too with `allTeams`), by name. */
  list(scopeKeys: string[], allTeams: boolean): Promise<MacroEntity[]>;
  get(id: string): Promise<MacroEntity | null>;
  insert(row: MacroEntity): Promise<void>;
  update(id: string, changes: Partial<MacroEntity>): Promise<void>;
  delete(id: string): Promise<void>;
  /** The teams a user is a member of. */
  teamIdsOf(userId: string): Promise<string[]>;
  /** The names of the teams among these ids that exist. */
  teamNames(ids: string[]): Promise<Map<string, string>>;
  /** The names of the enabled users among these ids. */
  agentNames(ids: string[]): Promise<Map<string, string>>;
  /** A user as a run acts for them (a bulk job knows only the requester's id). */
  user(id: string): Promise<{ id: string; name: string; role: Role } | null>;

  insertRun(run: MacroRunEntity): Promise<void>;
  run(id: string): Promise<MacroRunEntity | null>;
  updateRun(id: string, changes: Partial<MacroRunEntity>): Promise<void>;
  /** The user's newest run that applied something (or is still running), undone or not. */
  lastRun(userId: string): Promise<MacroRunEntity | null>;

  item(runId: string, conversationId: string): Promise<MacroRunItemEntity | null>;
  /** The run's rows for these conversations (a bulk page), in one read. */
  itemsOf(runId: string, conversationIds: string[]): Promise<MacroRunItemEntity[]>;
  /** False when the run already has a row for that conversation (a retried job). */
  insertItem(item: MacroRunItemEntity): Promise<boolean>;
  updateItem(runId: string, conversationId: string, changes: Partial<MacroRunItemEntity>): Promise<void>;
  /** Several rows' outcomes at once (the end of a bulk page): each row of the run written as given. */
  settleItems(items: MacroRunItemEntity[]): Promise<void>;
  /** The conversations of a run with this outcome, by id. */
  itemIds(runId: string, outcome: MacroRunItemEntity['outcome']): Promise<string[]>;
  /** How many conversations of the run ended in each outcome. */
  outcomes(runId: string): Promise<Partial<Record<MacroRunItemEntity['outcome'], number>>>;
}

export const MACROS_REPOSITORY = Symbol('MACROS_REPOSITORY');
