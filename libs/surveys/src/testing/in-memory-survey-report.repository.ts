import type { ConversationEntity, SurveyEntity, SurveyResponseEntity } from '@parley/persistence';
import type { ReportNameKind, SentSurveyFacts, SurveyReportRepository } from '../ports/survey-report.repository';

const copy = <T>(row: T): T => ({ ...row });

/** The survey list and report over rows in memory, for unit specs. */
export class InMemorySurveyReportRepository implements SurveyReportRepository {
  surveys = new Map<string, SurveyEntity>();
  /** By survey id. */
  responses = new Map<string, SurveyResponseEntity>();
  conversations = new Map<string, ConversationEntity>();
  /** conversationId → the routing row's transfers. */
  transfers = new Map<string, number>();
  displayNames = { team: new Map<string, string>(), agent: new Map<string, string>(), inbox: new Map<string, string>() };

  async recent(filter: { conversationId?: string; customerId?: string }, limit: number) {
    return [...this.surveys.values()]
      .filter((s) => (!filter.conversationId || s.conversationId === filter.conversationId) && (!filter.customerId || s.customerId === filter.customerId))
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
      .slice(0, limit)
      .map((s) => ({ survey: copy(s), response: this.responses.has(s.id) ? copy(this.responses.get(s.id)!) : null }));
  }

  async sent(from: Date, to: Date): Promise<SentSurveyFacts[]> {
    return [...this.surveys.values()]
      .filter((s) => s.state !== 'skipped' && !!s.sentAt && s.sentAt >= from && s.sentAt <= to)
      .slice(0, 50_000)
      .map((s) => ({
        survey: copy(s),
        score: this.responses.get(s.id)?.score ?? null,
        conversation: this.conversations.get(s.conversationId) ?? null,
        transfers: this.transfers.get(s.conversationId) ?? 0,
      }));
  }

  async names(kind: ReportNameKind, ids: string[]) {
    return Object.fromEntries(ids.filter((id) => this.displayNames[kind].has(id)).map((id) => [id, this.displayNames[kind].get(id)!]));
  }
}
