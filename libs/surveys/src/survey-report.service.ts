import { Injectable } from '@nestjs/common';
import { Between, DataSource, In, Not } from 'typeorm';
import type { SurveyDto, SurveyState, SurveyType } from '@parley/contracts';
import { buildSurveyReport, type ReportBucket, type ReportGroupBy, type ReportInput, type SurveyReportRow } from '@parley/domain';
import { ConversationEntity, ConversationRoutingEntity, InboxEntity, SurveyEntity, SurveyResponseEntity, TeamEntity, UserEntity } from '@parley/persistence';

/** What was asked and answered: per conversation or customer, and summed up over time for supervisors. */
@Injectable()
export class SurveyReportService {
  constructor(private readonly db: DataSource) {}

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
}
