import type { SavedViewEntity } from '@parley/persistence';

/** Where saved views are kept, and the team membership that decides who sees a shared one. */
export interface SavedViewRepository {
  view(id: string): Promise<SavedViewEntity | null>;
  /** The owner's personal views and the views shared with these teams (every shared view when `allShared`), by position. */
  visibleTo(ownerId: string, teamIds: string[], allShared: boolean): Promise<SavedViewEntity[]>;
  insert(row: SavedViewEntity): Promise<void>;
  update(id: string, changes: Partial<SavedViewEntity>): Promise<void>;
  delete(id: string): Promise<void>;
  /** The position after the owner's last view. */
  nextPosition(ownerId: string): Promise<number>;
  teamIdsOf(userId: string): Promise<string[]>;
  teamExists(id: string): Promise<boolean>;
}

export const SAVED_VIEW_REPOSITORY = Symbol('SAVED_VIEW_REPOSITORY');
