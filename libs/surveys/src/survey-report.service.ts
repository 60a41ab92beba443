import { Inject, Injectable } from '@nestjs/common';
import type { SurveyDto, SurveyState, SurveyType } from '@parley/contracts';
import { buildSurveyReport, type ReportBucket, type ReportGroupBy, type ReportInput, type SurveyReportRow } from '@parley/domain';
import { SURVEY_REPORT_REPOSITORY, type SurveyReportRepository } from './ports/survey-report.repository';

const seconds = (a: Date | null | undefined, b: Date | null | undefined) => (a && b ? Math.max(0, Math.round((a.getTime() - b.getTime()) / 1000)) : null);

/** What was asked and answered: per conversation or customer, and summed up over time for supervisors. */
@Injectable()
export class SurveyReportService {
  constructor(@Inject(SURVEY_REPORT_REPOSITORY) private readonly repo: SurveyReportRepository) {}

  async list(filter: { conversationId?: string; customerId?: string; limit?: number }): Promise<SurveyDto[]> {
    const rows = await this.repo.recent({ conversationId: filter.conversationId, customerId: filter.customerId }, Math.min(filter.limit ?? 50, 200));
    return rows.map(({ survey: s, response: r }) => ({
      id: s.id, conversationId: s.conversationId, customerId: s.customerId, inboxId: s.inboxId, teamId: s.teamId, agentId: s.agentId, channel: s.channel,
      type: s.type as SurveyType, state: s.state as SurveyState, skipReason: s.skipReason, language: s.language, sentAt: s.sentAt?.toISOString() ?? null,
      response: r ? { score: r.score, comment: r.comment, commentSentiment: r.commentSentiment, answeredAt: r.answeredAt.toISOString() } : null,
    }));
  }

  /** Surveys sent in [from, to), scored and joined with their conversations' operational figures. */
  async report(q: { from: Date; to: Date; groupBy: ReportGroupBy; bucket: ReportBucket }): Promise<{ rows: SurveyReportRow[]; groupNames: Record<string, string> }> {
    const inputs: ReportInput[] = (await this.repo.sent(q.from, q.to)).map(({ survey: x, score, conversation: c, transfers }) => ({
      sentAt: x.sentAt!, type: x.type as SurveyType, teamId: x.teamId, agentId: x.agentId, inboxId: x.inboxId, channel: x.channel, score,
      firstResponseSeconds: seconds(c?.firstResponseAt, c?.createdAt), resolutionSeconds: seconds(x.resolvedAt, c?.createdAt), transfers,
    }));
    const rows = buildSurveyReport(inputs, q.groupBy, q.bucket);
    const groupIds = [...new Set(rows.map((r) => r.group))].filter((g) => g !== 'none');
    const groupNames = q.groupBy !== 'channel' && groupIds.length ? await this.repo.names(q.groupBy, groupIds) : {};
    return { rows, groupNames };
  }
}
