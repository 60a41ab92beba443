import { Inject, Injectable } from '@nestjs/common';
import type { SurveyType } from '@parley/contracts';
import {
  analyzeSentiment,
  DEFAULT_COMMENT_WINDOW_HOURS,
  expectedAnswer,
  inScale,
  personalize,
  SURVEY_SCALES,
  type SurveyLanguage,
  type SurveyTexts,
  textsFor,
} from '@parley/domain';
import { JOB_QUEUE, JobQueue } from '@parley/queue';
import { CONFIG, SecretsService, type ParleyConfig } from '@parley/runtime';
import { SURVEY_REPOSITORY, type SurveyRepository } from './ports/survey.repository';
import { SURVEYS_QUEUE } from './survey-jobs';
import { signSurveyLink, verifySurveyLink, type SurveyLinkKeys } from './survey-link-token';
import { SurveySettingsService } from './survey-settings.service';

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

/** Answers by link: the one-click score links of channels without reply buttons, and the hosted page behind them. */
@Injectable()
export class SurveyLinksService {
  constructor(
    @Inject(SURVEY_REPOSITORY) private readonly repo: SurveyRepository,
    private readonly settings: SurveySettingsService,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue,
    @Inject(CONFIG) private readonly config: ParleyConfig,
    private readonly secrets: SecretsService,
  ) {}

  /** One line per score, each a link to the hosted page; works in any mail client, no scripts. */
  async scoreLinks(surveyId: string, type: SurveyType, language: SurveyLanguage): Promise<string> {
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
    const survey = surveyId ? await this.repo.survey(surveyId) : null;
    if (!survey) return null;
    const type = survey.type as SurveyType;
    const language = survey.language as SurveyLanguage;
    const settings = await this.settings.settingsFor(survey);
    const texts = textsFor(type, language, settings?.texts);
    const customer = await this.repo.customer(survey.customerId);
    const { min, max } = SURVEY_SCALES[type];
    const response = await this.repo.response(survey.id);
    const canComment = survey.state === 'awaiting_comment' && !!response
      && expectedAnswer({ ...survey, answeredAt: response.answeredAt, commentWindowHours: settings?.commentWindowHours ?? DEFAULT_COMMENT_WINDOW_HOURS }, new Date()) === 'comment';
    const personal = { name: customer?.name, type, brand: await this.settings.brandOf(survey.inboxId) };
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
      await this.repo.transaction(async (tx) => {
        await tx.optOut(survey.customerId, now);
        if (['sent', 'awaiting_comment'].includes(survey.state)) await tx.updateSurvey(survey.id, { state: 'unsubscribed', updatedAt: now });
      });
      return { outcome: 'unsubscribed', ...view, canComment: false };
    }
    if (found.response) return { outcome: view.canComment ? 'recorded' : 'already_answered', ...view };
    if (survey.state !== 'sent') return { outcome: 'invalid' };
    const score = input.score;
    // No score picked (or a tampered one): the same choice again, nothing recorded.
    if (score === undefined || !inScale(view.type, score)) return { outcome: 'confirm', ...view, score: null };
    const recorded = await this.repo.transaction(async (tx) => {
      const fresh = await tx.survey(survey.id);
      if (fresh?.state !== 'sent') return false;
      await tx.recordScore(fresh, score, now);
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
    const done = text && view.canComment && await this.repo.transaction(async (tx) => {
      const fresh = await tx.survey(survey.id);
      if (fresh?.state !== 'awaiting_comment') return false;
      await tx.recordComment(fresh.id, text, analyzeSentiment(text), new Date());
      return true;
    });
    if (done) await this.queue.add(SURVEYS_QUEUE, 'answered', { surveyId: survey.id, action: 'commented', messageId: null, via: 'page' }, { jobId: `survey-page-comment-${survey.id}`, attempts: 5, backoffMs: 500 });
    return { outcome: done ? 'commented' : 'already_answered', ...view, canComment: false };
  }
}
