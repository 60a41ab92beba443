import type { SavedViewEntity } from '@parley/persistence';
import type { SavedViewRepository } from '../ports/saved-view.repository';

/** Saved views in memory, for unit specs. */
export class InMemorySavedViewRepository implements SavedViewRepository {
  rows = new Map<string, SavedViewEntity>();
  /** team id → member user ids */
  members = new Map<string, string[]>();

  async view(id: string) { return this.rows.get(id) ?? null; }

  async visibleTo(ownerId: string, teamIds: string[], allShared: boolean) {
    return [...this.rows.values()]
      .filter((v) => (v.teamId === null && v.ownerId === ownerId) || (v.teamId !== null && (allShared || teamIds.includes(v.teamId))))
      .sort((a, b) => a.position - b.position || a.createdAt.getTime() - b.createdAt.getTime());
  }

  async insert(row: SavedViewEntity) { this.rows.set(row.id, { ...row }); }

  async update(id: string, changes: Partial<SavedViewEntity>) {
    const row = this.rows.get(id);
    if (row) Object.assign(row, changes);
  }

  async delete(id: string) { this.rows.delete(id); }

  async nextPosition(ownerId: string) {
    const mine = [...this.rows.values()].filter((v) => v.ownerId === ownerId).map((v) => v.position);
    return mine.length ? Math.max(...mine) + 1 : 0;
  }

  async teamIdsOf(userId: string) { return [...this.members].filter(([, users]) => users.includes(userId)).map(([team]) => team); }

  async teamExists(id: string) { return this.members.has(id); }
}
