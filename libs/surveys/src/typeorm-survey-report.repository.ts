import { Injectable } from '@nestjs/common';
import { Between, DataSource, In, Not } from 'typeorm';
import { ConversationEntity, ConversationRoutingEntity, InboxEntity, SurveyEntity, SurveyResponseEntity, TeamEntity, UserEntity } from '@parley/persistence';
import type { ReportNameKind, SentSurveyFacts, SurveyReportRepository } from './ports/survey-report.repository';

/** A bound on each IN (…) list: SQLite caps a statement's parameters. */
const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / 500) }, (_, i) => xs.slice(i * 500, i * 500 + 500));

/** The survey list and report on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmSurveyReportRepository implements SurveyReportRepository {
  constructor(private readonly db: DataSource) {}

  async recent(filter: { conversationId?: string; customerId?: string }, limit: number) {
    const where: Record<string, string> = {};
    if (filter.conversationId) where.conversationId = filter.conversationId;
    if (filter.customerId) where.customerId = filter.customerId;
    const rows = await this.db.getRepository(SurveyEntity).find({ where, order: { updatedAt: 'DESC' }, take: limit });
    const responses = rows.length ? await this.db.getRepository(SurveyResponseEntity).findBy({ surveyId: In(rows.map((r) => r.id)) }) : [];
    const byId = new Map(responses.map((r) => [r.surveyId, r]));
    return rows.map((survey) => ({ survey, response: byId.get(survey.id) ?? null }));
  }

  async sent(from: Date, to: Date): Promise<SentSurveyFacts[]> {
    const surveys = await this.db.getRepository(SurveyEntity).find({ where: { state: Not('skipped'), sentAt: Between(from, to) }, take: 50_000 });
    const responses = new Map<string, SurveyResponseEntity>();
    for (const part of chunks(surveys.map((x) => x.id))) {
      for (const r of await this.db.getRepository(SurveyResponseEntity).findBy({ surveyId: In(part) })) responses.set(r.surveyId, r);
    }
    const conversations = new Map<string, ConversationEntity>();
    const transfers = new Map<string, number>();
    for (const part of chunks([...new Set(surveys.map((x) => x.conversationId))])) {
      for (const c of await this.db.getRepository(ConversationEntity).findBy({ id: In(part) })) conversations.set(c.id, c);
      for (const r of await this.db.getRepository(ConversationRoutingEntity).findBy({ conversationId: In(part) })) transfers.set(r.conversationId, r.transfers);
    }
    return surveys.map((survey) => ({
      survey,
      score: responses.get(survey.id)?.score ?? null,
      conversation: conversations.get(survey.conversationId) ?? null,
      transfers: transfers.get(survey.conversationId) ?? 0,
    }));
  }

  async names(kind: ReportNameKind, ids: string[]) {
    const where = { id: In(ids) };
    const rows: { id: string; name: string }[] = kind === 'team' ? await this.db.getRepository(TeamEntity).findBy(where)
      : kind === 'agent' ? await this.db.getRepository(UserEntity).findBy(where)
        : await this.db.getRepository(InboxEntity).findBy(where);
    return Object.fromEntries(rows.map((r) => [r.id, r.name]));
  }
}
