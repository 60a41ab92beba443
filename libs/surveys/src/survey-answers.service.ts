import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { MessageDto, SurveyType } from '@parley/contracts';
import { OutboundService, publishDomainEvents, type InboundClaim, type InboundClaimContext } from '@parley/conversations';
import {
  analyzeSentiment,
  DEFAULT_COMMENT_WINDOW_HOURS,
  expectedAnswer,
  inScale,
  isDetractor,
  isSatisfied,
  isUnsubscribe,
  looksLikeAnswerAttempt,
  parseScore,
  personalize,
  SURVEY_SCALES,
  type SurveyLanguage,
  type SurveyTexts,
  textsFor,
} from '@parley/domain';
import { SurveyEntity, SurveyOptOutEntity, SurveyResponseEntity } from '@parley/persistence';
import { JOB_QUEUE, JobQueue } from '@parley/queue';
import { SURVEY_REPOSITORY, type SurveyRepository } from './ports/survey.repository';
import { SURVEYS_HOOK, SURVEYS_QUEUE, WAITING_FOR_ANSWER, type AnswerAction, type AnsweredJob } from './survey-jobs';
import { SurveyRecoveryService } from './survey-recovery.service';
import { asBrand, SurveySettingsService } from './survey-settings.service';
import { SurveyTimelineService } from './survey-timeline.service';
import { surveyAnswerWrites } from './typeorm-survey-answer-writes';
import { surveySettingsIn } from './typeorm-survey-settings.repository';

/**
 * Answers in the customer's channel: an ordinary inbound message that the conversation hooks route
 * here instead of reopening the conversation, recorded in the message's transaction, followed up
 * (the "why?", the timeline, the XLA, a detractor's recovery) by a queue job after the commit.
 */
@Injectable()
export class SurveyAnswersService {
  private readonly logger = new Logger('surveys');

  constructor(
    @Inject(SURVEY_REPOSITORY) private readonly repo: SurveyRepository,
    private readonly settings: SurveySettingsService,
    private readonly surveyTimeline: SurveyTimelineService,
    private readonly recovery: SurveyRecoveryService,
    private readonly outbound: OutboundService,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
  ) {}

  /** Only a survey waiting for this customer's answer in this inbox can claim a message. */
  async mayClaim(em: EntityManager, ctxs: InboundClaimContext[]): Promise<boolean[]> {
    const waiting = await em.find(SurveyEntity, {
      select: { customerId: true, inboxId: true },
      where: { customerId: In([...new Set(ctxs.map((c) => c.customerId))]), state: In(WAITING_FOR_ANSWER) },
    });
    const keys = new Set(waiting.map((s) => `${s.customerId}\n${s.inboxId}`));
    return ctxs.map((c) => keys.has(`${c.customerId}\n${c.inbound.inboxId}`));
  }

  /**
   * Ingest hook, in the message's transaction: is this the answer to a survey we are waiting on?
   * A score, the "why?" comment, the unsubscribe word, or a short garbled reply (asked again once).
   * Anything else is a real new message and takes the ordinary path.
   */
  async claimAnswer(em: EntityManager, ctx: InboundClaimContext): Promise<InboundClaim | null> {
    const survey = await em.findOne(SurveyEntity, {
      where: { customerId: ctx.customerId, inboxId: ctx.inbound.inboxId, state: In(WAITING_FOR_ANSWER) },
      order: { sentAt: 'DESC' },
    });
    if (!survey?.sentAt) return null;
    const now = ctx.inbound.occurredAt ?? new Date();
    const text = ctx.inbound.content ?? '';
    const callback = typeof ctx.inbound.metadata?.callbackData === 'string' ? String(ctx.inbound.metadata.callbackData) : null;
    const expected = expectedAnswer({ ...survey, ...(await this.commentTiming(em, survey)) }, now);
    if (expected === 'expired') {
      // Too late for the score (left) or for the "why?" (completed with the score alone): a real message.
      await em.update(SurveyEntity, { id: survey.id }, { state: survey.state === 'sent' ? 'left' : 'completed', updatedAt: now });
      return null;
    }
    const type = survey.type as SurveyType;
    const claim = (action: AnswerAction, extra: Record<string, unknown> = {}): InboundClaim => ({
      conversationId: survey.conversationId, hook: SURVEYS_HOOK, data: { surveyId: survey.id, action, ...extra },
    });
    if (isUnsubscribe(text) || callback === `survey:${survey.id}:unsubscribe`) {
      await em.update(SurveyEntity, { id: survey.id }, { state: 'unsubscribed', updatedAt: now });
      if (!(await em.existsBy(SurveyOptOutEntity, { customerId: survey.customerId }))) await em.insert(SurveyOptOutEntity, { customerId: survey.customerId, createdAt: now });
      return claim('unsubscribed');
    }
    if (survey.state === 'sent') {
      const pressed = callback?.startsWith(`survey:${survey.id}:`) ? Number(callback.split(':')[2]) : null;
      const score = pressed !== null && inScale(type, pressed) ? pressed : parseScore(text, type);
      if (score !== null) {
        await this.recordScore(em, survey, score, now);
        return claim('scored', { score });
      }
      if (survey.reasks === 0 && looksLikeAnswerAttempt(text)) {
        await em.update(SurveyEntity, { id: survey.id }, { reasks: 1, updatedAt: now });
        return claim('reask');
      }
      // Asked once already, or clearly something else: the survey is left and the message is a message.
      await em.update(SurveyEntity, { id: survey.id }, { state: 'left', updatedAt: now });
      return null;
    }
    if (!text.trim()) return null;
    const sentiment = await this.recordComment(em, survey, text, now);
    return claim('commented', { sentiment });
  }

  /** When the score arrived and how long the "why?" stays open, for `expectedAnswer`. */
  private async commentTiming(em: EntityManager, survey: SurveyEntity): Promise<{ answeredAt: Date | null; commentWindowHours: number }> {
    if (survey.state !== 'awaiting_comment') return { answeredAt: null, commentWindowHours: DEFAULT_COMMENT_WINDOW_HOURS };
    const response = await em.findOneBy(SurveyResponseEntity, { surveyId: survey.id });
    const settings = await surveySettingsIn(em, survey);
    return { answeredAt: response?.answeredAt ?? null, commentWindowHours: settings?.commentWindowHours ?? DEFAULT_COMMENT_WINDOW_HOURS };
  }

  /** The score, whichever way it came (a message, a button, the hosted page); the "why?" is open next. */
  async recordScore(em: EntityManager, survey: SurveyEntity, score: number, now: Date): Promise<void> {
    await surveyAnswerWrites(em).recordScore(survey, score, now);
  }

  async recordComment(em: EntityManager, survey: SurveyEntity, text: string, now: Date): Promise<string> {
    const sentiment = analyzeSentiment(text);
    await surveyAnswerWrites(em).recordComment(survey.id, text, sentiment, now);
    return sentiment.label;
  }

  /** After the answer is committed: the follow-up question (queued), the timeline, the XLA (an event). */
  async afterAnswer(claim: InboundClaim, message: MessageDto): Promise<void> {
    await this.queue.add(SURVEYS_QUEUE, 'answered', { ...claim.data, messageId: message.id }, { jobId: `survey-answer-${message.id}`, attempts: 5, backoffMs: 500 });
  }

  /** The "answered" job: runs after the answer's commit, possibly twice; each step is idempotent per message. */
  async handleAnswer(data: AnsweredJob): Promise<void> {
    const survey = await this.repo.survey(data.surveyId);
    if (!survey) return;
    const c = await this.repo.conversation(survey.conversationId);
    if (!c) throw new Error(`Conversation ${survey.conversationId} of survey ${survey.id} not found`);
    if (data.messageId && await this.repo.answerOnTimeline(c.id, data.messageId)) return;
    const settings = await this.settings.settingsFor(c);
    const type = survey.type as SurveyType;
    const texts: SurveyTexts = textsFor(type, survey.language as SurveyLanguage, settings?.texts);
    const customer = await this.repo.customer(survey.customerId);
    // On the hosted page the page itself says what comes next.
    const brand = await this.settings.brandOf(c.inboxId);
    const say = (text: string) => data.via === 'page' ? Promise.resolve() : this.outbound.reply(c.id, asBrand(brand), personalize(text, { name: customer?.name, type, brand }), false, { survey: { id: survey.id, type } })
      .catch((err) => this.logger.warn(`survey ${survey.id}: ${err.message ?? err}`));
    const response = await this.repo.response(survey.id);
    switch (data.action) {
      case 'scored': {
        if (!response) return;
        await this.surveyTimeline.append(c, 'survey_answered', `${type.toUpperCase()} ${response.score}/${SURVEY_SCALES[type].max}`, null,
          { surveyId: survey.id, surveyType: type, score: response.score, max: SURVEY_SCALES[type].max }, data.messageId);
        // XLA counts it (its listener): surveys do not call the SLA capability.
        await publishDomainEvents(this.queue, [{
          type: 'survey.answered', conversationId: c.id, surveyId: survey.id, satisfied: isSatisfied(type, response.score), score: response.score,
          answeredAt: response.answeredAt.toISOString(),
        }], `csat-${data.messageId ?? `${survey.id}-${response.answeredAt.getTime()}`}`);
        if (isDetractor(type, response.score)) await this.recovery.openRecovery(survey, response);
        await say(texts.why);
        return;
      }
      case 'commented':
        if (!response) return;
        await this.surveyTimeline.append(c, 'survey_answered', `${type.toUpperCase()} ${response.score}/${SURVEY_SCALES[type].max}`, response.comment,
          { surveyId: survey.id, surveyType: type, score: response.score, max: SURVEY_SCALES[type].max, comment: response.comment, sentiment: response.commentSentiment }, data.messageId);
        await say(texts.thanks);
        return;
      case 'reask':
        await say(texts.reask);
        return;
      case 'unsubscribed':
        await say(texts.unsubscribed);
        return;
    }
  }
}
