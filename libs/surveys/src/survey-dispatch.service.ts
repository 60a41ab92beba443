import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, MoreThanOrEqual, Not } from 'typeorm';
import type { SurveyDto, SurveyType } from '@parley/contracts';
import { OutboundService } from '@parley/conversations';
import { answerModeOf, detectLanguage, newId, questionText, SURVEY_SCALES, type SurveyLanguage, textsFor } from '@parley/domain';
import { ChannelIdentityEntity, ConversationEntity, CustomerEntity, MessageEntity, SurveyEntity, SurveyOptOutEntity, SurveySettingEntity } from '@parley/persistence';
import { JOB_QUEUE, JobQueue } from '@parley/queue';
import { SURVEYS_QUEUE } from './survey-jobs';
import { SurveyLinksService } from './survey-links.service';
import { SurveyReportService } from './survey-report.service';
import { asBrand, SurveySettingsService } from './survey-settings.service';
import { SurveyTimelineService } from './survey-timeline.service';

/**
 * Surveys after resolution: scheduled when a conversation is resolved, sent after the delay in the
 * customer's own channel through the outbound pipeline, unless a rule says to skip this one.
 */
@Injectable()
export class SurveyDispatchService {
  private readonly logger = new Logger('surveys');

  constructor(
    private readonly db: DataSource,
    private readonly settings: SurveySettingsService,
    private readonly links: SurveyLinksService,
    private readonly reports: SurveyReportService,
    private readonly surveyTimeline: SurveyTimelineService,
    private readonly outbound: OutboundService,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  /** Resolution hook: the survey goes out after the configured delay, as a durable queue job. */
  async scheduleAfterResolution(c: ConversationEntity): Promise<void> {
    const settings = await this.settings.settingsFor(c);
    if (!settings?.enabled || !c.resolvedAt) return;
    const resolvedAt = c.resolvedAt.getTime();
    await this.queue.add(SURVEYS_QUEUE, 'send', { conversationId: c.id, resolvedAt }, {
      jobId: `survey-${c.id}-${resolvedAt}`,
      delayMs: settings.delayMinutes * 60_000,
    });
  }

  /** The delayed job. The rules are checked now, not at resolution: things change in between. */
  async send(conversationId: string, resolvedAt: number): Promise<SurveyDto | null> {
    const c = await this.db.getRepository(ConversationEntity).findOneBy({ id: conversationId });
    // Reopened (or resolved again later, which has its own job) since: nothing to ask about.
    if (!c || c.status !== 'resolved' || c.resolvedAt?.getTime() !== resolvedAt) return null;
    if (await this.db.getRepository(SurveyEntity).existsBy({ conversationId, resolvedAt: c.resolvedAt })) return null;
    const settings = await this.settings.settingsFor(c);
    if (!settings?.enabled) return null;
    const type = settings.type as SurveyType;
    const language = await this.languageOf(c);
    const survey: SurveyEntity = {
      id: newId(), conversationId, customerId: c.customerId, inboxId: c.inboxId, teamId: c.teamId, agentId: c.assigneeId, channel: c.channel, type,
      state: 'sent', skipReason: null, language, reasks: 0, resolvedAt: c.resolvedAt, sentAt: null, updatedAt: new Date(),
    };
    const reason = await this.skipReason(c, settings);
    if (reason) {
      await this.db.getRepository(SurveyEntity).insert({ ...survey, state: 'skipped', skipReason: reason });
      return null;
    }
    const customer = await this.db.getRepository(CustomerEntity).findOneBy({ id: c.customerId });
    const texts = textsFor(type, language, settings.texts);
    const brand = await this.settings.brandOf(c.inboxId);
    const mode = answerModeOf(c.channel);
    let content = questionText(texts, { name: customer?.name, type, brand }, language, mode);
    // Channels without reply buttons get one-click score links to the hosted survey page.
    if (mode === 'links') content += `\n\n${await this.links.scoreLinks(survey.id, type, language)}`;
    survey.sentAt = new Date();
    // The row exists before the question leaves, so even an instant answer finds it.
    await this.db.getRepository(SurveyEntity).insert(survey);
    try {
      // Only where they are real buttons: an SMS would get them as eleven lines of "• 7".
      const buttons = mode === 'buttons' ? { buttons: scoreButtons(type, survey.id) } : {};
      await this.outbound.reply(conversationId, asBrand(brand), content, false, { survey: { id: survey.id, type }, ...buttons });
    } catch (err) {
      await this.db.getRepository(SurveyEntity).update({ id: survey.id }, { state: 'skipped', skipReason: 'not_sendable', sentAt: null, updatedAt: new Date() });
      this.logger.warn(`survey for ${conversationId} not sent: ${err.message ?? err}`);
      return null;
    }
    await this.surveyTimeline.append(c, 'survey_sent', type.toUpperCase(), content, { surveyId: survey.id, surveyType: type });
    return (await this.reports.list({ conversationId }))[0] ?? null;
  }

  private async skipReason(c: ConversationEntity, settings: SurveySettingEntity): Promise<string | null> {
    if (!c.firstResponseAt) return 'no_agent_reply';
    if (await this.db.getRepository(SurveyOptOutEntity).existsBy({ customerId: c.customerId })) return 'unsubscribed';
    const identity = await this.db.getRepository(ChannelIdentityEntity).findOne({ where: { customerId: c.customerId, channel: c.channel }, order: { createdAt: 'DESC' } });
    if (!identity) return 'no_identity';
    if (identity.optedOut) return 'opted_out';
    if (identity.unreachable) return 'unreachable';
    if (settings.throttleDays > 0) {
      const since = new Date(Date.now() - settings.throttleDays * 86_400_000);
      const recent = await this.db.getRepository(SurveyEntity).existsBy({ customerId: c.customerId, state: Not('skipped'), sentAt: MoreThanOrEqual(since) });
      if (recent) return 'throttled';
    }
    return null;
  }

  private async languageOf(c: ConversationEntity): Promise<SurveyLanguage> {
    const last = await this.db.getRepository(MessageEntity).findOne({
      select: { content: true },
      // A photo without a caption says nothing about the language: the last words the customer wrote do.
      where: { conversationId: c.id, direction: 'inbound', content: Not('') },
      order: { createdAt: 'DESC' },
    });
    return last?.content ? detectLanguage(last.content) : 'en';
  }
}

/** Reply buttons with the whole scale: Telegram shows them as an inline keyboard. */
function scoreButtons(type: SurveyType, surveyId: string): { text: string; data: string }[] {
  const { min, max } = SURVEY_SCALES[type];
  return Array.from({ length: max - min + 1 }, (_, i) => ({ text: String(min + i), data: `survey:${surveyId}:${min + i}` }));
}
