import type { ConversationEntity, InboxEntity, SurveySettingEntity } from '@parley/persistence';

export type SurveyScope = 'inbox' | 'team';

/** Survey settings per inbox or team, and the inbox facts (its name, its brand) they speak in. */
export interface SurveySettingsRepository {
  /** Every setting, by scope then scope id. */
  all(): Promise<SurveySettingEntity[]>;
  find(scope: SurveyScope, scopeId: string): Promise<SurveySettingEntity | null>;
  /** The team's settings if it has any, else the inbox's; none means no survey. */
  settingsFor(c: Pick<ConversationEntity, 'teamId' | 'inboxId'>): Promise<SurveySettingEntity | null>;
  /** Inserts, or replaces the row with the same id. */
  save(row: SurveySettingEntity): Promise<void>;
  /** How many rows went (0 or 1). */
  delete(scope: SurveyScope, scopeId: string): Promise<number>;
  /** Whether the inbox or team exists; `scopeId` is a UUID already. */
  scopeExists(scope: SurveyScope, scopeId: string): Promise<boolean>;
  inbox(id: string): Promise<InboxEntity | null>;
}

export const SURVEY_SETTINGS_REPOSITORY = Symbol('SURVEY_SETTINGS_REPOSITORY');
