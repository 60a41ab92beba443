import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { SurveyDefaultTextsDto, SurveySettingsDto, SurveySettingsInput, SurveyType } from '@parley/contracts';
import {
  DEFAULT_COMMENT_WINDOW_HOURS,
  defaultTexts,
  MAX_COMMENT_WINDOW_HOURS,
  newId,
  SURVEY_TEXT_KEYS,
  SURVEY_TYPES,
  type SurveyTexts,
  surveyTextsProblems,
  isId,
} from '@parley/domain';
import type { ConversationEntity, SurveySettingEntity } from '@parley/persistence';
import { SURVEY_SETTINGS_REPOSITORY, type SurveySettingsRepository } from './ports/survey-settings.repository';

const DEFAULT_THROTTLE_DAYS = 30;

/** Survey messages come from the inbox's brand: the sender name the customer sees, never "Parley". */
export const asBrand = (brand: string) => ({ id: 'system', name: brand });

const toSettingsDto = (s: SurveySettingEntity): SurveySettingsDto => ({
  id: s.id, scope: s.scope, scopeId: s.scopeId, enabled: s.enabled, type: s.type as SurveyType, delayMinutes: s.delayMinutes,
  throttleDays: s.throttleDays, commentWindowHours: s.commentWindowHours ?? DEFAULT_COMMENT_WINDOW_HOURS, texts: s.texts ?? {},
});

/** Which survey an inbox or team sends, with what texts and delay, and in whose name. */
@Injectable()
export class SurveySettingsService {
  constructor(@Inject(SURVEY_SETTINGS_REPOSITORY) private readonly repo: SurveySettingsRepository) {}

  async listSettings(): Promise<SurveySettingsDto[]> {
    return (await this.repo.all()).map(toSettingsDto);
  }

  async saveSettings(input: SurveySettingsInput): Promise<SurveySettingsDto> {
    if (input.scope !== 'inbox' && input.scope !== 'team') throw new BadRequestException('scope must be inbox or team');
    if (!SURVEY_TYPES.includes(input.type)) throw new BadRequestException(`type must be one of ${SURVEY_TYPES.join(', ')}`);
    const delay = Number(input.delayMinutes ?? 0);
    const throttle = Number(input.throttleDays ?? DEFAULT_THROTTLE_DAYS);
    if (!Number.isInteger(delay) || delay < 0 || delay > 7 * 24 * 60) throw new BadRequestException('delayMinutes must be 0…10080');
    if (!Number.isInteger(throttle) || throttle < 0 || throttle > 365) throw new BadRequestException('throttleDays must be 0…365');
    const commentWindow = Number(input.commentWindowHours ?? DEFAULT_COMMENT_WINDOW_HOURS);
    if (!Number.isInteger(commentWindow) || commentWindow < 1 || commentWindow > MAX_COMMENT_WINDOW_HOURS) {
      throw new BadRequestException(`commentWindowHours must be 1…${MAX_COMMENT_WINDOW_HOURS}`);
    }
    const problems = surveyTextsProblems(input.texts);
    if (problems.length) throw new BadRequestException(problems);
    // A scope id that is not a UUID names nothing (and a uuid column on PostgreSQL would refuse it).
    const exists = isId(input.scopeId) && await this.repo.scopeExists(input.scope, input.scopeId);
    if (!exists) throw new BadRequestException(`Unknown ${input.scope} ${input.scopeId}`);
    const texts: SurveySettingEntity['texts'] = {};
    for (const lang of ['ru', 'en'] as const) {
      const own = input.texts?.[lang];
      if (!own) continue;
      const kept = Object.entries(own).filter(([k, v]) => SURVEY_TEXT_KEYS.includes(k as keyof SurveyTexts) && typeof v === 'string' && v.trim());
      if (kept.length) texts[lang] = Object.fromEntries(kept.map(([k, v]) => [k, String(v).trim()]));
    }
    const current = await this.repo.find(input.scope, input.scopeId);
    const row: SurveySettingEntity = {
      id: current?.id ?? newId(), scope: input.scope, scopeId: input.scopeId, enabled: input.enabled !== false, type: input.type,
      delayMinutes: delay, throttleDays: throttle, commentWindowHours: commentWindow, texts, updatedAt: new Date(),
    };
    await this.repo.save(row);
    return toSettingsDto(row);
  }

  /** Back to no setting: a team then falls back to its inbox's survey, an inbox sends none. */
  async deleteSettings(scope: 'inbox' | 'team', scopeId: string): Promise<void> {
    if (!(await this.repo.delete(scope, scopeId))) throw new NotFoundException(`No survey settings for ${scope} ${scopeId}`);
  }

  /** The texts a customer reads where a setting leaves one empty. */
  defaultTexts(): SurveyDefaultTextsDto {
    return Object.fromEntries(SURVEY_TYPES.map((type) => [type, { ru: defaultTexts(type, 'ru'), en: defaultTexts(type, 'en') }])) as SurveyDefaultTextsDto;
  }

  /** The team's settings win over the inbox's; none means no survey. */
  settingsFor(c: Pick<ConversationEntity, 'teamId' | 'inboxId'>): Promise<SurveySettingEntity | null> {
    return this.repo.settingsFor(c);
  }

  /** An explicit brand in the inbox settings, else the email sender name, else the inbox's own name. */
  async brandOf(inboxId: string): Promise<string> {
    const inbox = await this.repo.inbox(inboxId);
    const configured = [inbox?.config?.brandName, inbox?.config?.fromName].find((v): v is string => typeof v === 'string' && !!v.trim());
    return (configured ?? inbox?.name ?? '').trim();
  }
}
