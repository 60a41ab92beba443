import type { Role } from '@parley/contracts';
import type { MacroEntity, MacroRunEntity, MacroRunItemEntity } from '@parley/persistence';
import type { MacrosRepository } from '../ports/macros.repository';

/** Macros, runs, teams and users in memory, for unit specs. */
export class InMemoryMacrosRepository implements MacrosRepository {
  rows = new Map<string, MacroEntity>();
  runs = new Map<string, MacroRunEntity>();
  items = new Map<string, MacroRunItemEntity>();
  teams = new Map<string, { name: string; members: string[] }>();
  users = new Map<string, { id: string; name: string; role: Role; disabled?: boolean }>();

  async list(scopeKeys: string[], allTeams: boolean) {
    return [...this.rows.values()].filter((r) => scopeKeys.includes(r.scopeKey) || (allTeams && r.scope === 'team')).map((r) => structuredClone(r))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(id: string) { return this.rows.has(id) ? structuredClone(this.rows.get(id)!) : null; }
  async insert(row: MacroEntity) { this.rows.set(row.id, structuredClone(row)); }
  async update(id: string, changes: Partial<MacroEntity>) { Object.assign(this.rows.get(id)!, structuredClone(changes)); }
  async delete(id: string) { this.rows.delete(id); }
  async teamIdsOf(userId: string) { return [...this.teams].filter(([, t]) => t.members.includes(userId)).map(([id]) => id); }
  async teamNames(ids: string[]) { return new Map(ids.filter((id) => this.teams.has(id)).map((id) => [id, this.teams.get(id)!.name])); }
  async agentNames(ids: string[]) { return new Map(ids.filter((id) => this.users.has(id) && !this.users.get(id)!.disabled).map((id) => [id, this.users.get(id)!.name])); }
  async user(id: string) { return this.users.get(id) ?? null; }

  async insertRun(run: MacroRunEntity) { this.runs.set(run.id, structuredClone(run)); }
  async run(id: string) { return this.runs.has(id) ? structuredClone(this.runs.get(id)!) : null; }
  async updateRun(id: string, changes: Partial<MacroRunEntity>) { Object.assign(this.runs.get(id)!, changes); }

  async lastRun(userId: string) {
    const mine = [...this.runs.values()].filter((r) => r.userId === userId && r.state !== 'failed');
    return mine.length ? structuredClone(mine[mine.length - 1]) : null;
  }

  async item(runId: string, conversationId: string) { const i = this.items.get(`${runId}/${conversationId}`); return i ? structuredClone(i) : null; }

  async insertItem(item: MacroRunItemEntity) {
    const key = `${item.runId}/${item.conversationId}`;
    if (this.items.has(key)) return false;
    this.items.set(key, structuredClone(item));
    return true;
  }

  async itemsOf(runId: string, conversationIds: string[]) {
    return conversationIds.flatMap((id) => (this.items.has(`${runId}/${id}`) ? [structuredClone(this.items.get(`${runId}/${id}`)!)] : []));
  }

  async settleItems(items: MacroRunItemEntity[]) { for (const i of items) this.items.set(`${i.runId}/${i.conversationId}`, structuredClone(i)); }

  async updateItem(runId: string, conversationId: string, changes: Partial<MacroRunItemEntity>) { Object.assign(this.items.get(`${runId}/${conversationId}`)!, structuredClone(changes)); }
  async itemIds(runId: string, outcome: MacroRunItemEntity['outcome']) {
    return [...this.items.values()].filter((i) => i.runId === runId && i.outcome === outcome).map((i) => i.conversationId).sort();
  }

  async outcomes(runId: string) {
    const out: Partial<Record<MacroRunItemEntity['outcome'], number>> = {};
    for (const i of this.items.values()) if (i.runId === runId) out[i.outcome] = (out[i.outcome] ?? 0) + 1;
    return out;
  }
}
