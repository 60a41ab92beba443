import { BadRequestException, Inject, Injectable, Logger, NotFoundException, OnModuleInit } from '@nestjs/common';
import { Between, DataSource, EntityManager, In, MoreThan, MoreThanOrEqual, Not } from 'typeorm';
import type { MessageDto, SurveyDefaultTextsDto, SurveyDto, SurveyRecoveryDto, SurveySettingsDto, SurveySettingsInput, SurveyState, SurveyType } from '@parley/contracts';
import { AGENT_EVENTS, SURVEY_AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import { ConversationHooks, OutboundService, type InboundClaim, type InboundClaimContext } from '@parley/conversations';
import { TimelineService, toTimelineDto } from '@parley/customers';
import { newId } from '@parley/domain';
import {
  ChannelIdentityEntity, ConversationEntity, ConversationRoutingEntity, CustomerEntity, InboxEntity, MessageEntity, SurveyEntity, SurveyOptOutEntity, SurveyResponseEntity,
  SurveyRecoveryEntity, SurveySettingEntity, TeamEntity, TeamMemberEntity, TimelineEventEntity, UserEntity, withTransaction,
} from '@parley/persistence';
import { JOB_QUEUE, JobQueue } from '@parley/queue';
import { analyzeSentiment, detectLanguage } from '@parley/routing';
import { CONFIG, SecretsService, type ParleyConfig } from '@parley/runtime';
import { XlaService } from '@parley/sla';
import { isUnsubscribe, looksLikeAnswerAttempt, parseScore } from './survey-answer-parser';
import { DEFAULT_COMMENT_WINDOW_HOURS, expectedAnswer, MAX_COMMENT_WINDOW_HOURS } from './survey-answer-window';
import { signSurveyLink, verifySurveyLink, type SurveyLinkKeys } from './survey-link-token';
import { buildSurveyReport, type ReportBucket, type ReportGroupBy, type ReportInput, type SurveyReportRow } from './survey-report';
import { inScale, isDetractor, isSatisfied, SURVEY_SCALES, SURVEY_TYPES } from './survey-scoring';
import { answerModeOf, defaultTexts, personalize, questionText, surveyTextsProblems, SURVEY_TEXT_KEYS, textsFor, type SurveyLanguage, type SurveyTexts } from './survey-texts';

export const SURVEYS_QUEUE = 'surveys';
const HOOK = 'surveys';
/** Survey states in which a customer's next message may be their answer. */
const WAITING_FOR_ANSWER = ['sent', 'awaiting_comment'];
/** Survey messages come from the inbox's brand: the sender name the customer sees, never "Parley". */
const asBrand = (brand: string) => ({ id: 'system', name: brand });
const DEFAULT_THROTTLE_DAYS = 30;
/** Email score links stay valid this long. */
const LINK_TTL_MS = 14 * 86_400_000;

/**
 * What the hosted survey page shows. A GET (a click, or a mail scanner's pre-fetch) only ever
 * shows `confirm`/`confirm_unsubscribe`; the form POST behind its button records.
 */
export type LinkAnswer =
  | { outcome: 'invalid' }
  | {
      outcome: 'confirm' | 'confirm_unsubscribe' | 'recorded' | 'already_answered' | 'commented' | 'unsubscribed';
      type: SurveyType; language: SurveyLanguage; texts: SurveyTexts; score: number | null;
      /** The question, personalized; the scale's ends for the score buttons. */
      question: string; min: number; max: number;
      /** The "why?" form is still open (within the comment window, no comment yet). */
      canComment: boolean;
    };

type AnswerAction = 'scored' | 'reask' | 'commented' | 'unsubscribed';

const toSettingsDto = (s: SurveySettingEntity): SurveySettingsDto => ({
  id: s.id, scope: s.scope, scopeId: s.scopeId, enabled: s.enabled, type: s.type as SurveyType, delayMinutes: s.delayMinutes,
  throttleDays: s.throttleDays, commentWindowHours: s.commentWindowHours ?? DEFAULT_COMMENT_WINDOW_HOURS, texts: s.texts ?? {},
});

/**
 * Surveys after resolution: scheduled when a conversation is resolved, sent in the customer's own
 * channel through the outbound pipeline, answered by an ordinary inbound message that the
 * conversation hooks route here instead of reopening the conversation.
 */
@Injectable()
export class SurveysService implements OnModuleInit {
  private readonly logger = new Logger('surveys');

  constructor(
    private readonly db: DataSource,
    private readonly hooks: ConversationHooks,
    private readonly outbound: OutboundService,
    private readonly timeline: TimelineService,
    private readonly xla: XlaService,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(CONFIG) private readonly config: ParleyConfig,
    private readonly secrets: SecretsService,
  ) {}

  onModuleInit(): void {
    this.hooks.register({
      name: HOOK,
      resolved: (c) => this.scheduleAfterResolution(c),
      claimInbound: (em, ctx) => this.claimAnswer(em, ctx),
      // Only a survey waiting for this customer's answer in this inbox can claim a message.
      mayClaim: async (em, ctxs) => {
        const waiting = await em.find(SurveyEntity, {
          select: { customerId: true, inboxId: true },
          where: { customerId: In([...new Set(ctxs.map((c) => c.customerId))]), state: In(WAITING_FOR_ANSWER) },
        });
        const keys = new Set(waiting.map((s) => `${s.customerId}\n${s.inboxId}`));
        return ctxs.map((c) => keys.has(`${c.customerId}\n${c.inbound.inboxId}`));
      },
      claimed: (claim, message) => this.afterAnswer(claim, message),
    });
  }

  async listSettings(): Promise<SurveySettingsDto[]> {
    return (await this.db.getRepository(SurveySettingEntity).find({ order: { scope: 'ASC', scopeId: 'ASC' } })).map(toSettingsDto);
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
    const exists = input.scope === 'inbox'
      ? await this.db.getRepository(InboxEntity).existsBy({ id: input.scopeId })
      : await this.db.getRepository(TeamEntity).existsBy({ id: input.scopeId });
    if (!exists) throw new BadRequestException(`Unknown ${input.scope} ${input.scopeId}`);
    const texts: SurveySettingEntity['texts'] = {};
    for (const lang of ['ru', 'en'] as const) {
      const own = input.texts?.[lang];
      if (!own) continue;
      const kept = Object.entries(own).filter(([k, v]) => SURVEY_TEXT_KEYS.includes(k as keyof SurveyTexts) && typeof v === 'string' && v.trim());
      if (kept.length) texts[lang] = Object.fromEntries(kept.map(([k, v]) => [k, String(v).trim()]));
    }
    const repo = this.db.getRepository(SurveySettingEntity);
    const current = await repo.findOneBy({ scope: input.scope, scopeId: input.scopeId });
    const row: SurveySettingEntity = {
      id: current?.id ?? newId(), scope: input.scope, scopeId: input.scopeId, enabled: input.enabled !== false, type: input.type,
      delayMinutes: delay, throttleDays: throttle, commentWindowHours: commentWindow, texts, updatedAt: new Date(),
    };
    await repo.save(row);
    return toSettingsDto(row);
  }

  /** Back to no setting: a team then falls back to its inbox's survey, an inbox sends none. */
  async deleteSettings(scope: 'inbox' | 'team', scopeId: string): Promise<void> {
    const result = await this.db.getRepository(SurveySettingEntity).delete({ scope, scopeId });
    if (!result.affected) throw new NotFoundException(`No survey settings for ${scope} ${scopeId}`);
  }

  /** The texts a customer reads where a setting leaves one empty. */
  defaultTexts(): SurveyDefaultTextsDto {
    return Object.fromEntries(SURVEY_TYPES.map((type) => [type, { ru: defaultTexts(type, 'ru'), en: defaultTexts(type, 'en') }])) as SurveyDefaultTextsDto;
  }

  /** The team's settings win over the inbox's; none means no survey. */
  async settingsFor(c: Pick<ConversationEntity, 'teamId' | 'inboxId'>, em: EntityManager = this.db.manager): Promise<SurveySettingEntity | null> {
    const repo = em.getRepository(SurveySettingEntity);
    const team = c.teamId ? await repo.findOneBy({ scope: 'team', scopeId: c.teamId }) : null;
    return team ?? (await repo.findOneBy({ scope: 'inbox', scopeId: c.inboxId }));
  }

  async list(filter: { conversationId?: string; customerId?: string; limit?: number }): Promise<SurveyDto[]> {
    const where: Record<string, string> = {};
    if (filter.conversationId) where.conversationId = filter.conversationId;
    if (filter.customerId) where.customerId = filter.customerId;
    const rows = await this.db.getRepository(SurveyEntity).find({ where, order: { updatedAt: 'DESC' }, take: Math.min(filter.limit ?? 50, 200) });
    const responses = rows.length ? await this.db.getRepository(SurveyResponseEntity).findBy({ surveyId: In(rows.map((r) => r.id)) }) : [];
    const byId = new Map(responses.map((r) => [r.surveyId, r]));
    return rows.map((s) => {
      const r = byId.get(s.id);
      return {
        id: s.id, conversationId: s.conversationId, customerId: s.customerId, inboxId: s.inboxId, teamId: s.teamId, agentId: s.agentId, channel: s.channel,
        type: s.type as SurveyType, state: s.state as SurveyState, skipReason: s.skipReason, language: s.language, sentAt: s.sentAt?.toISOString() ?? null,
        response: r ? { score: r.score, comment: r.comment, commentSentiment: r.commentSentiment, answeredAt: r.answeredAt.toISOString() } : null,
      };
    });
  }

  /** Resolution hook: the survey goes out after the configured delay, as a durable queue job. */
  async scheduleAfterResolution(c: ConversationEntity): Promise<void> {
    const settings = await this.settingsFor(c);
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
    const settings = await this.settingsFor(c);
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
    const brand = await this.brandOf(c.inboxId);
    const mode = answerModeOf(c.channel);
    let content = questionText(texts, { name: customer?.name, type, brand }, language, mode);
    // Channels without reply buttons get one-click score links to the hosted survey page.
    if (mode === 'links') content += `\n\n${await this.scoreLinks(survey.id, type, language)}`;
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
    await this.appendTimeline(c, 'survey_sent', type.toUpperCase(), content, { surveyId: survey.id, surveyType: type });
    return (await this.list({ conversationId }))[0] ?? null;
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

  /** An explicit brand in the inbox settings, else the email sender name, else the inbox's own name. */
  private async brandOf(inboxId: string): Promise<string> {
    const inbox = await this.db.getRepository(InboxEntity).findOneBy({ id: inboxId });
    const configured = [inbox?.config?.brandName, inbox?.config?.fromName].find((v): v is string => typeof v === 'string' && !!v.trim());
    return (configured ?? inbox?.name ?? '').trim();
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

  /**
   * Ingest hook, in the message's transaction: is this the answer to a survey we are waiting on?
   * A score, the "why?" comment, the unsubscribe word, or a short garbled reply (asked again once).
   * Anything else is a real new message and takes the ordinary path.
   */
  async claimAnswer(em: EntityManager, ctx: InboundClaimContext): Promise<InboundClaim | null> {
    const survey = await em.findOne(SurveyEntity, {
      where: { customerId: ctx.customerId, inboxId: ctx.inbound.inboxId, state: In(['sent', 'awaiting_comment']) },
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
      conversationId: survey.conversationId, hook: HOOK, data: { surveyId: survey.id, action, ...extra },
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
    const settings = await this.settingsFor(survey, em);
    return { answeredAt: response?.answeredAt ?? null, commentWindowHours: settings?.commentWindowHours ?? DEFAULT_COMMENT_WINDOW_HOURS };
  }

  private async recordScore(em: EntityManager, survey: SurveyEntity, score: number, now: Date): Promise<void> {
    await em.insert(SurveyResponseEntity, {
      surveyId: survey.id, conversationId: survey.conversationId, customerId: survey.customerId, teamId: survey.teamId, agentId: survey.agentId,
      channel: survey.channel, type: survey.type, score, comment: null, commentSentiment: null, commentSentimentScore: null, answeredAt: now, commentedAt: null,
    });
    await em.update(SurveyEntity, { id: survey.id }, { state: 'awaiting_comment', updatedAt: now });
  }

  private async recordComment(em: EntityManager, survey: SurveyEntity, text: string, now: Date): Promise<string> {
    const sentiment = analyzeSentiment(text);
    await em.update(SurveyResponseEntity, { surveyId: survey.id }, {
      comment: text.slice(0, 4000), commentSentiment: sentiment.label, commentSentimentScore: Math.round(sentiment.score), commentedAt: now,
    });
    await em.update(SurveyEntity, { id: survey.id }, { state: 'completed', updatedAt: now });
    return sentiment.label;
  }

  /** One line per score, each a link to the hosted page; works in any mail client, no scripts. */
  private async scoreLinks(surveyId: string, type: SurveyType, language: SurveyLanguage): Promise<string> {
    const token = signSurveyLink((await this.linkKeys()).ring, surveyId, new Date(Date.now() + LINK_TTL_MS));
    const { min, max } = SURVEY_SCALES[type];
    const base = `${this.config.publicUrl}/surveys/answer/${token}`;
    const lines = Array.from({ length: max - min + 1 }, (_, i) => `${min + i}: ${base}?score=${min + i}`);
    lines.push(`${language === 'ru' ? 'Отписаться' : 'Unsubscribe'}: ${base}?unsubscribe=1`);
    return lines.join('\n');
  }

  /** The instance's token keys (PARLEY_TOKEN_KEYS), and the secret of links sent before them. */
  private linkKeys(): Promise<SurveyLinkKeys> {
    return this.secrets.surveyLinkKeys();
  }

  /** The survey behind a genuine, unexpired link, with what its page shows; null for anything else. */
  private async linkSurvey(token: string) {
    const surveyId = verifySurveyLink(await this.linkKeys(), token);
    const survey = surveyId ? await this.db.getRepository(SurveyEntity).findOneBy({ id: surveyId }) : null;
    if (!survey) return null;
    const type = survey.type as SurveyType;
    const language = survey.language as SurveyLanguage;
    const settings = await this.settingsFor(survey);
    const texts = textsFor(type, language, settings?.texts);
    const customer = await this.db.getRepository(CustomerEntity).findOneBy({ id: survey.customerId });
    const { min, max } = SURVEY_SCALES[type];
    const response = await this.db.getRepository(SurveyResponseEntity).findOneBy({ surveyId: survey.id });
    const canComment = survey.state === 'awaiting_comment' && !!response
      && expectedAnswer({ ...survey, answeredAt: response.answeredAt, commentWindowHours: settings?.commentWindowHours ?? DEFAULT_COMMENT_WINDOW_HOURS }, new Date()) === 'comment';
    const personal = { name: customer?.name, type, brand: await this.brandOf(survey.inboxId) };
    const view = {
      type, language, min, max, canComment, score: response?.score ?? null,
      texts: { ...texts, why: personalize(texts.why, personal), thanks: personalize(texts.thanks, personal), unsubscribed: personalize(texts.unsubscribed, personal) },
      question: personalize(texts.question, personal),
    };
    return { survey, response, view };
  }

  /**
   * A GET of a score or unsubscribe link. Mail security scanners fetch every link in a message
   * before the customer sees it, so this never records anything: it shows the chosen score
   * pre-selected (or the unsubscribe) with a button whose form POST does it (`answerByLink`).
   */
  async viewLink(token: string, input: { score?: number; unsubscribe?: boolean }): Promise<LinkAnswer> {
    const found = await this.linkSurvey(token);
    if (!found) return { outcome: 'invalid' };
    const { survey, response, view } = found;
    if (input.unsubscribe) return { outcome: 'confirm_unsubscribe', ...view };
    if (response) return { outcome: view.canComment ? 'recorded' : 'already_answered', ...view };
    if (survey.state !== 'sent') return { outcome: 'invalid' };
    const score = input.score !== undefined && inScale(view.type, input.score) ? input.score : null;
    return { outcome: 'confirm', ...view, score };
  }

  /**
   * The confirmed answer from the hosted page (a form POST). A forged or expired token records
   * nothing; a survey already answered shows the answer already given.
   */
  async answerByLink(token: string, input: { score?: number; unsubscribe?: boolean }): Promise<LinkAnswer> {
    const found = await this.linkSurvey(token);
    if (!found) return { outcome: 'invalid' };
    const { survey, view } = found;
    const now = new Date();
    if (input.unsubscribe) {
      await withTransaction(this.db, async (em) => {
        if (!(await em.existsBy(SurveyOptOutEntity, { customerId: survey.customerId }))) await em.insert(SurveyOptOutEntity, { customerId: survey.customerId, createdAt: now });
        if (['sent', 'awaiting_comment'].includes(survey.state)) await em.update(SurveyEntity, { id: survey.id }, { state: 'unsubscribed', updatedAt: now });
      });
      return { outcome: 'unsubscribed', ...view, canComment: false };
    }
    if (found.response) return { outcome: view.canComment ? 'recorded' : 'already_answered', ...view };
    if (survey.state !== 'sent') return { outcome: 'invalid' };
    const score = input.score;
    // No score picked (or a tampered one): the same choice again, nothing recorded.
    if (score === undefined || !inScale(view.type, score)) return { outcome: 'confirm', ...view, score: null };
    const recorded = await withTransaction(this.db, async (em) => {
      const fresh = await em.findOneByOrFail(SurveyEntity, { id: survey.id });
      if (fresh.state !== 'sent') return false;
      await this.recordScore(em, fresh, score, now);
      return true;
    });
    if (!recorded) return this.viewLink(token, {});
    await this.queue.add(SURVEYS_QUEUE, 'answered', { surveyId: survey.id, action: 'scored', messageId: null, via: 'page' }, { jobId: `survey-page-${survey.id}`, attempts: 5, backoffMs: 500 });
    return { outcome: 'recorded', ...view, score, canComment: true };
  }

  /** The "why?" form of the hosted page; closed once the comment window after the score has passed. */
  async commentByLink(token: string, comment: string): Promise<LinkAnswer> {
    const found = await this.linkSurvey(token);
    if (!found) return { outcome: 'invalid' };
    const { survey, view } = found;
    const text = String(comment ?? '').trim();
    if (!text && view.canComment) return { outcome: 'recorded', ...view };
    const done = text && view.canComment && await withTransaction(this.db, async (em) => {
      const fresh = await em.findOneByOrFail(SurveyEntity, { id: survey.id });
      if (fresh.state !== 'awaiting_comment') return false;
      await this.recordComment(em, fresh, text, new Date());
      return true;
    });
    if (done) await this.queue.add(SURVEYS_QUEUE, 'answered', { surveyId: survey.id, action: 'commented', messageId: null, via: 'page' }, { jobId: `survey-page-comment-${survey.id}`, attempts: 5, backoffMs: 500 });
    return { outcome: done ? 'commented' : 'already_answered', ...view, canComment: false };
  }

  /** After the answer is committed: the follow-up question (queued), the timeline, the XLA. */
  async afterAnswer(claim: InboundClaim, message: MessageDto): Promise<void> {
    await this.queue.add(SURVEYS_QUEUE, 'answered', { ...claim.data, messageId: message.id }, { jobId: `survey-answer-${message.id}`, attempts: 5, backoffMs: 500 });
  }

  /** The "answered" job: runs after the answer's commit, possibly twice; each step is idempotent per message. */
  async handleAnswer(data: { surveyId: string; action: AnswerAction; messageId: string | null; via?: 'page' }): Promise<void> {
    const survey = await this.db.getRepository(SurveyEntity).findOneBy({ id: data.surveyId });
    if (!survey) return;
    const c = await this.db.getRepository(ConversationEntity).findOneByOrFail({ id: survey.conversationId });
    if (data.messageId && await this.db.getRepository(TimelineEventEntity).existsBy({ conversationId: c.id, type: In(['survey_answered']), messageId: data.messageId })) return;
    const settings = await this.settingsFor(c);
    const type = survey.type as SurveyType;
    const texts: SurveyTexts = textsFor(type, survey.language as SurveyLanguage, settings?.texts);
    const customer = await this.db.getRepository(CustomerEntity).findOneBy({ id: survey.customerId });
    // On the hosted page the page itself says what comes next.
    const brand = await this.brandOf(c.inboxId);
    const say = (text: string) => data.via === 'page' ? Promise.resolve() : this.outbound.reply(c.id, asBrand(brand), personalize(text, { name: customer?.name, type, brand }), false, { survey: { id: survey.id, type } })
      .catch((err) => this.logger.warn(`survey ${survey.id}: ${err.message ?? err}`));
    const response = await this.db.getRepository(SurveyResponseEntity).findOneBy({ surveyId: survey.id });
    switch (data.action) {
      case 'scored': {
        if (!response) return;
        await this.appendTimeline(c, 'survey_answered', `${type.toUpperCase()} ${response.score}/${SURVEY_SCALES[type].max}`, null,
          { surveyId: survey.id, surveyType: type, score: response.score, max: SURVEY_SCALES[type].max }, data.messageId);
        await this.xla.recordCsat({ conversationId: c.id, satisfied: isSatisfied(type, response.score), score: response.score, occurredAt: response.answeredAt });
        if (isDetractor(type, response.score)) await this.openRecovery(survey, response);
        await say(texts.why);
        return;
      }
      case 'commented':
        if (!response) return;
        await this.appendTimeline(c, 'survey_answered', `${type.toUpperCase()} ${response.score}/${SURVEY_SCALES[type].max}`, response.comment,
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

  /**
   * Closing the loop: a detractor's score becomes a follow-up task for the team lead (a supervisor
   * or admin among the team's members), with a live alert to the supervisors' consoles.
   */
  private async openRecovery(survey: SurveyEntity, response: SurveyResponseEntity): Promise<void> {
    const repo = this.db.getRepository(SurveyRecoveryEntity);
    if (await repo.existsBy({ surveyId: survey.id })) return;
    await repo.insert({
      surveyId: survey.id, conversationId: survey.conversationId, customerId: survey.customerId, teamId: survey.teamId, assigneeId: await this.teamLead(survey.teamId),
      type: survey.type, score: response.score, status: 'open', outcome: null, doneBy: null, createdAt: new Date(), doneAt: null,
    });
    const [dto] = await this.recoveries({ surveyId: survey.id });
    if (dto) this.realtime.toAgents(SURVEY_AGENT_EVENTS.detractor, dto);
  }

  private async teamLead(teamId: string | null): Promise<string | null> {
    if (!teamId) return null;
    // The team's named lead first; without one, the first supervisor or admin among its members.
    const team = await this.db.getRepository(TeamEntity).findOneBy({ id: teamId });
    if (team?.leadId && (await this.db.getRepository(UserEntity).existsBy({ id: team.leadId }))) return team.leadId;
    const members = await this.db.getRepository(TeamMemberEntity).findBy({ teamId });
    if (!members.length) return null;
    const leads = await this.db.getRepository(UserEntity).find({ where: { id: In(members.map((m) => m.agentId)), role: In(['supervisor', 'admin']) }, order: { name: 'ASC' } });
    return leads[0]?.id ?? null;
  }

  async recoveries(filter: { status?: 'open' | 'done'; surveyId?: string; limit?: number }): Promise<SurveyRecoveryDto[]> {
    const where: Record<string, string> = {};
    if (filter.status) where.status = filter.status;
    if (filter.surveyId) where.surveyId = filter.surveyId;
    const rows = await this.db.getRepository(SurveyRecoveryEntity).find({ where, order: { createdAt: 'DESC' }, take: Math.min(filter.limit ?? 50, 200) });
    const out: SurveyRecoveryDto[] = [];
    for (const r of rows) {
      const [customer, response, cameBack] = await Promise.all([
        this.db.getRepository(CustomerEntity).findOneBy({ id: r.customerId }),
        this.db.getRepository(SurveyResponseEntity).findOneBy({ surveyId: r.surveyId }),
        this.db.getRepository(ConversationEntity).existsBy({ customerId: r.customerId, createdAt: MoreThan(r.createdAt) }),
      ]);
      out.push({
        surveyId: r.surveyId, conversationId: r.conversationId, customerId: r.customerId, customerName: customer?.name || customer?.email || customer?.phone || null, teamId: r.teamId, assigneeId: r.assigneeId,
        type: r.type as SurveyType, score: r.score, comment: response?.comment ?? null, status: r.status as 'open' | 'done', outcome: r.outcome, doneBy: r.doneBy,
        createdAt: r.createdAt.toISOString(), doneAt: r.doneAt?.toISOString() ?? null, cameBack,
      });
    }
    return out;
  }

  /** Surveys sent in [from, to), scored and joined with their conversations' operational figures. */
  async report(q: { from: Date; to: Date; groupBy: ReportGroupBy; bucket: ReportBucket }): Promise<{ rows: SurveyReportRow[]; groupNames: Record<string, string> }> {
    const surveys = await this.db.getRepository(SurveyEntity).find({ where: { state: Not('skipped'), sentAt: Between(q.from, q.to) }, take: 50_000 });
    const ids = surveys.map((x) => x.id);
    const convIds = [...new Set(surveys.map((x) => x.conversationId))];
    const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / 500) }, (_, i) => xs.slice(i * 500, i * 500 + 500));
    const responses = new Map<string, SurveyResponseEntity>();
    for (const part of chunks(ids)) for (const r of await this.db.getRepository(SurveyResponseEntity).findBy({ surveyId: In(part) })) responses.set(r.surveyId, r);
    const conversations = new Map<string, ConversationEntity>();
    const routing = new Map<string, number>();
    for (const part of chunks(convIds)) {
      for (const c of await this.db.getRepository(ConversationEntity).findBy({ id: In(part) })) conversations.set(c.id, c);
      for (const r of await this.db.getRepository(ConversationRoutingEntity).findBy({ conversationId: In(part) })) routing.set(r.conversationId, r.transfers);
    }
    const seconds = (a: Date | null | undefined, b: Date | null | undefined) => (a && b ? Math.max(0, Math.round((a.getTime() - b.getTime()) / 1000)) : null);
    const inputs: ReportInput[] = surveys.map((x) => {
      const c = conversations.get(x.conversationId);
      return {
        sentAt: x.sentAt!, type: x.type as SurveyType, teamId: x.teamId, agentId: x.agentId, inboxId: x.inboxId, channel: x.channel, score: responses.get(x.id)?.score ?? null,
        firstResponseSeconds: seconds(c?.firstResponseAt, c?.createdAt), resolutionSeconds: seconds(x.resolvedAt, c?.createdAt), transfers: routing.get(x.conversationId) ?? 0,
      };
    });
    const rows = buildSurveyReport(inputs, q.groupBy, q.bucket);
    const groupNames: Record<string, string> = {};
    const groupIds = [...new Set(rows.map((r) => r.group))].filter((g) => g !== 'none');
    if (q.groupBy === 'team' && groupIds.length) for (const t of await this.db.getRepository(TeamEntity).findBy({ id: In(groupIds) })) groupNames[t.id] = t.name;
    if (q.groupBy === 'agent' && groupIds.length) for (const u of await this.db.getRepository(UserEntity).findBy({ id: In(groupIds) })) groupNames[u.id] = u.name;
    if (q.groupBy === 'inbox' && groupIds.length) for (const i of await this.db.getRepository(InboxEntity).findBy({ id: In(groupIds) })) groupNames[i.id] = i.name;
    return { rows, groupNames };
  }

  /** What the lead did (called back, refunded…): the task is done. */
  async completeRecovery(surveyId: string, outcome: string, actor: { name: string }): Promise<SurveyRecoveryDto> {
    const repo = this.db.getRepository(SurveyRecoveryEntity);
    if (!(await repo.existsBy({ surveyId }))) throw new NotFoundException(`Recovery ${surveyId} not found`);
    await repo.update({ surveyId }, { status: 'done', outcome: outcome.slice(0, 4000), doneBy: actor.name, doneAt: new Date() });
    return (await this.recoveries({ surveyId }))[0];
  }

  private async appendTimeline(c: ConversationEntity, type: 'survey_sent' | 'survey_answered', title: string, content: string | null, data: Record<string, unknown>, messageId: string | null = null) {
    const event = await withTransaction(this.db, (em) => this.timeline.append(em, {
      customerId: c.customerId, type, occurredAt: new Date(), channel: c.channel, conversationId: c.id, messageId, title, content, authorName: null, data,
    }));
    this.realtime.toAgents(AGENT_EVENTS.timelineCreated, toTimelineDto(event));
  }
}


/** Reply buttons with the whole scale: Telegram shows them as an inline keyboard. */
function scoreButtons(type: SurveyType, surveyId: string): { text: string; data: string }[] {
  const { min, max } = SURVEY_SCALES[type];
  return Array.from({ length: max - min + 1 }, (_, i) => ({ text: String(min + i), data: `survey:${surveyId}:${min + i}` }));
}
