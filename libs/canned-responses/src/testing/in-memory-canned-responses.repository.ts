import type { AttachmentDto } from '@parley/contracts';
import type { CannedResponseEntity } from '@parley/persistence';
import type { CannedRenderContext, CannedResponsesRepository } from '../ports/canned-responses.repository';

/** Canned responses, teams, uploads and conversations in memory, for unit specs. */
export class InMemoryCannedResponsesRepository implements CannedResponsesRepository {
  rows = new Map<string, CannedResponseEntity>();
  teamsById = new Map<string, { id: string; name: string; members: string[] }>();
  files = new Map<string, AttachmentDto>();
  contexts = new Map<string, CannedRenderContext>();

  async list(scopeKeys: string[], allTeams: boolean) {
    return [...this.rows.values()]
      .filter((r) => scopeKeys.includes(r.scopeKey) || (allTeams && r.scope === 'team'))
      .map((r) => structuredClone(r))
      .sort((a, b) => (a.shortcode < b.shortcode ? -1 : a.shortcode > b.shortcode ? 1 : a.id.localeCompare(b.id)));
  }

  async get(id: string) {
    const row = this.rows.get(id);
    return row ? structuredClone(row) : null;
  }

  async byShortcode(scopeKey: string, shortcode: string) {
    return [...this.rows.values()].find((r) => r.scopeKey === scopeKey && r.shortcode === shortcode) ?? null;
  }

  async insert(row: CannedResponseEntity) {
    if (await this.byShortcode(row.scopeKey, row.shortcode)) return false;
    this.rows.set(row.id, structuredClone(row));
    return true;
  }

  async update(id: string, changes: Partial<CannedResponseEntity>) {
    const next = { ...this.rows.get(id)!, ...changes };
    const clash = await this.byShortcode(next.scopeKey, next.shortcode);
    if (clash && clash.id !== id) return false;
    this.rows.set(id, structuredClone(next));
    return true;
  }

  async delete(id: string) {
    this.rows.delete(id);
  }

  async teamIdsOf(userId: string) {
    return [...this.teamsById.values()].filter((t) => t.members.includes(userId)).map((t) => t.id);
  }

  async teams() {
    return [...this.teamsById.values()].map(({ id, name }) => ({ id, name }));
  }

  async attachments(ids: string[]) {
    return ids.flatMap((id) => this.files.get(id) ?? []);
  }

  async renderContext(conversationId: string) {
    return this.contexts.get(conversationId) ?? null;
  }
}
