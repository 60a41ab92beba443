import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SurveyDto, SurveyType } from '@parley/contracts';
import { OutboundService } from '@parley/conversations';
import { answerModeOf, detectLanguage, newId, questionText, SURVEY_SCALES, type SurveyLanguage, textsFor } from '@parley/domain';
import type { ConversationEntity, SurveyEntity, SurveySettingEntity } from '@parley/persistence';
import { JOB_QUEUE, JobQueue } from '@parley/queue';
import { SURVEY_REPOSITORY, type SurveyRepository } from './ports/survey.repository';
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
    @Inject(SURVEY_REPOSITORY) private readonly repo: SurveyRepository,
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
    const c = await this.repo.conversation(conversationId);
    // Reopened (or resolved again later, which has its own job) since: nothing to ask about.
    if (!c || c.status !== 'resolved' || c.resolvedAt?.getTime() !== resolvedAt) return null;
    if (await this.repo.surveyedAfter(conversationId, c.resolvedAt)) return null;
    const settings = await this.settings.settingsFor(c);
    if (!settings?.enabled) return null;
    const language = await this.languageOf(c);
    const reason = await this.skipReason(c, settings);
    if (reason) {
      await this.repo.insertSurvey({ ...this.surveyRow(c, settings, c.resolvedAt, language), state: 'skipped', skipReason: reason });
      return null;
    }
    return (await this.ask(c, settings, c.resolvedAt, language, null)) ? (await this.reports.list({ conversationId }))[0] ?? null : null;
  }

  /**
   * Why a survey could not be asked now in this conversation (a macro's "send a survey now"), or
   * null. Asked by an agent, it goes out without the first-reply and throttle rules, never to a
   * customer who opted out or cannot be reached.
   */
  async refusalNow(conversationId: string): Promise<string | null> {
    const c = await this.repo.conversation(conversationId);
    if (!c) return `Conversation ${conversationId} not found`;
    const settings = await this.settings.settingsFor(c);
    if (!settings?.enabled) return 'No survey is switched on for this inbox or team';
    const reason = await this.unreachable(c);
    return reason ? `The customer cannot be surveyed (${reason})` : null;
  }

  /**
   * The survey now, as one of a macro's actions (`macro`: its timeline data). Its row carries the
   * conversation's resolution time, so the survey the resolution scheduled finds it and is not sent twice.
   */
  async sendNow(conversationId: string, macro: Record<string, unknown> | null = null): Promise<void> {
    const refusal = await this.refusalNow(conversationId);
    if (refusal) throw new Error(refusal);
    const c = (await this.repo.conversation(conversationId))!;
    // The survey this resolution scheduled went out already: asked once.
    if (c.resolvedAt && (await this.repo.surveyedAfter(c.id, c.resolvedAt))) return;
    const settings = (await this.settings.settingsFor(c))!;
    if (!(await this.ask(c, settings, c.resolvedAt ?? new Date(), await this.languageOf(c), macro))) throw new Error('The survey could not be sent');
  }

  private surveyRow(c: ConversationEntity, settings: SurveySettingEntity, resolvedAt: Date, language: SurveyLanguage): SurveyEntity {
    return {
      id: newId(), conversationId: c.id, customerId: c.customerId, inboxId: c.inboxId, teamId: c.teamId, agentId: c.assigneeId, channel: c.channel,
      type: settings.type as SurveyType, state: 'sent', skipReason: null, language, reasks: 0, resolvedAt, sentAt: null, updatedAt: new Date(),
    };
  }

  /** Asks the question through the outbound pipeline; false (the survey recorded as skipped) when it cannot go out. */
  private async ask(c: ConversationEntity, settings: SurveySettingEntity, resolvedAt: Date, language: SurveyLanguage, macro: Record<string, unknown> | null): Promise<boolean> {
    const type = settings.type as SurveyType;
    const survey = this.surveyRow(c, settings, resolvedAt, language);
    const customer = await this.repo.customer(c.customerId);
    const texts = textsFor(type, language, settings.texts);
    const brand = await this.settings.brandOf(c.inboxId);
    const mode = answerModeOf(c.channel);
    let content = questionText(texts, { name: customer?.name, type, brand }, language, mode);
    // Channels without reply buttons get one-click score links to the hosted survey page.
    if (mode === 'links') content += `\n\n${await this.links.scoreLinks(survey.id, type, language)}`;
    survey.sentAt = new Date();
    // The row exists before the question leaves, so even an instant answer finds it.
    await this.repo.insertSurvey(survey);
    try {
      // Only where they are real buttons: an SMS would get them as eleven lines of "• 7".
      const buttons = mode === 'buttons' ? { buttons: scoreButtons(type, survey.id) } : {};
      await this.outbound.reply(c.id, asBrand(brand), content, false, { survey: { id: survey.id, type }, ...buttons });
    } catch (err) {
      await this.repo.updateSurvey(survey.id, { state: 'skipped', skipReason: 'not_sendable', sentAt: null, updatedAt: new Date() });
      this.logger.warn(`survey for ${c.id} not sent: ${err.message ?? err}`);
      return false;
    }
    await this.surveyTimeline.append(c, 'survey_sent', type.toUpperCase(), content, { surveyId: survey.id, surveyType: type, ...(macro ? { macro } : {}) });
    return true;
  }

  private async skipReason(c: ConversationEntity, settings: SurveySettingEntity): Promise<string | null> {
    if (!c.firstResponseAt) return 'no_agent_reply';
    const unreachable = await this.unreachable(c);
    if (unreachable) return unreachable;
    if (settings.throttleDays > 0) {
      const since = new Date(Date.now() - settings.throttleDays * 86_400_000);
      const recent = await this.repo.surveyedSince(c.customerId, since);
      if (recent) return 'throttled';
    }
    return null;
  }

  private async unreachable(c: ConversationEntity): Promise<string | null> {
    if (await this.repo.optedOut(c.customerId)) return 'unsubscribed';
    const identity = await this.repo.latestIdentity(c.customerId, c.channel);
    if (!identity) return 'no_identity';
    if (identity.optedOut) return 'opted_out';
    if (identity.unreachable) return 'unreachable';
    return null;
  }

  private async languageOf(c: ConversationEntity): Promise<SurveyLanguage> {
    const words = await this.repo.lastCustomerWords(c.id);
    return words ? detectLanguage(words) : 'en';
  }
}

/** Reply buttons with the whole scale: Telegram shows them as an inline keyboard. */
function scoreButtons(type: SurveyType, surveyId: string): { text: string; data: string }[] {
  const { min, max } = SURVEY_SCALES[type];
  return Array.from({ length: max - min + 1 }, (_, i) => ({ text: String(min + i), data: `survey:${surveyId}:${min + i}` }));
}
