import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ConversationEntity, InboxEntity, SurveySettingEntity, TeamEntity } from '@parley/persistence';
import type { SurveyScope, SurveySettingsRepository } from './ports/survey-settings.repository';

/**
 * The settings that apply to a conversation, read through `em`: the ingest hook reads them inside
 * the message's transaction (no second pooled connection while it holds one).
 */
export async function surveySettingsIn(em: EntityManager, c: Pick<ConversationEntity, 'teamId' | 'inboxId'>): Promise<SurveySettingEntity | null> {
  const repo = em.getRepository(SurveySettingEntity);
  const team = c.teamId ? await repo.findOneBy({ scope: 'team', scopeId: c.teamId }) : null;
  return team ?? (await repo.findOneBy({ scope: 'inbox', scopeId: c.inboxId }));
}

/** Survey settings on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmSurveySettingsRepository implements SurveySettingsRepository {
  constructor(private readonly db: DataSource) {}

  all() { return this.db.getRepository(SurveySettingEntity).find({ order: { scope: 'ASC', scopeId: 'ASC' } }); }
  find(scope: SurveyScope, scopeId: string) { return this.db.getRepository(SurveySettingEntity).findOneBy({ scope, scopeId }); }
  settingsFor(c: Pick<ConversationEntity, 'teamId' | 'inboxId'>) { return surveySettingsIn(this.db.manager, c); }
  async save(row: SurveySettingEntity) { await this.db.getRepository(SurveySettingEntity).save(row); }

  async delete(scope: SurveyScope, scopeId: string) {
    const result = await this.db.getRepository(SurveySettingEntity).delete({ scope, scopeId });
    return result.affected ?? 0;
  }

  scopeExists(scope: SurveyScope, scopeId: string) {
    return scope === 'inbox'
      ? this.db.getRepository(InboxEntity).existsBy({ id: scopeId })
      : this.db.getRepository(TeamEntity).existsBy({ id: scopeId });
  }

  inbox(id: string) { return this.db.getRepository(InboxEntity).findOneBy({ id }); }
}
