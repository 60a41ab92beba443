import type { ConversationEntity, InboxEntity, SurveySettingEntity } from '@parley/persistence';
import type { SurveyScope, SurveySettingsRepository } from '../ports/survey-settings.repository';

const copy = <T>(row: T): T => ({ ...row });
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Survey settings in memory, for unit specs. */
export class InMemorySurveySettingsRepository implements SurveySettingsRepository {
  rows = new Map<string, SurveySettingEntity>();
  inboxes = new Map<string, InboxEntity>();
  teams = new Set<string>();

  async all() {
    return [...this.rows.values()]
      .sort((a, b) => byText(a.scope, b.scope) || byText(a.scopeId, b.scopeId))
      .map(copy);
  }

  async find(scope: SurveyScope, scopeId: string) {
    const row = [...this.rows.values()].find((r) => r.scope === scope && r.scopeId === scopeId);
    return row ? copy(row) : null;
  }

  async settingsFor(c: Pick<ConversationEntity, 'teamId' | 'inboxId'>) {
    const team = c.teamId ? await this.find('team', c.teamId) : null;
    return team ?? (await this.find('inbox', c.inboxId));
  }

  async save(row: SurveySettingEntity) { this.rows.set(row.id, copy(row)); }

  async delete(scope: SurveyScope, scopeId: string) {
    const row = [...this.rows.values()].find((r) => r.scope === scope && r.scopeId === scopeId);
    if (row) this.rows.delete(row.id);
    return row ? 1 : 0;
  }

  async scopeExists(scope: SurveyScope, scopeId: string) {
    return scope === 'inbox' ? this.inboxes.has(scopeId) : this.teams.has(scopeId);
  }

  async inbox(id: string) { const i = this.inboxes.get(id); return i ? copy(i) : null; }
}
