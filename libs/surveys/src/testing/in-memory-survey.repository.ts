import type { Channel } from '@parley/contracts';
import type { NewTimelineEvent } from '@parley/customers';
import type {
  ChannelIdentityEntity, ConversationEntity, CustomerEntity, SurveyEntity, SurveyRecoveryEntity, SurveyResponseEntity, TimelineEventEntity,
} from '@parley/persistence';
import type { SurveyAnswerUnitOfWork, SurveyRepository } from '../ports/survey.repository';

const copy = <T>(row: T): T => ({ ...row });

/** Survey storage in memory, for unit specs. */
export class InMemorySurveyRepository implements SurveyRepository {
  conversations = new Map<string, ConversationEntity>();
  customers = new Map<string, CustomerEntity>();
  surveys = new Map<string, SurveyEntity>();
  responses = new Map<string, SurveyResponseEntity>();
  recoveryRows = new Map<string, SurveyRecoveryEntity>();
  optOuts = new Set<string>();
  identities: ChannelIdentityEntity[] = [];
  inbound: { conversationId: string; content: string }[] = [];
  timeline: TimelineEventEntity[] = [];
  /** teamId → the lead routing would name (the lookup itself is a query, tested on the databases). */
  leads = new Map<string, string>();
  private seq = 0;

  /** Runs the work on the maps themselves: the specs need its writes, not its isolation. */
  async transaction<T>(work: (tx: SurveyAnswerUnitOfWork) => Promise<T>): Promise<T> {
    return work({
      survey: (id) => this.survey(id),
      recordScore: async (survey, score, now) => {
        this.responses.set(survey.id, {
          surveyId: survey.id, conversationId: survey.conversationId, customerId: survey.customerId, teamId: survey.teamId, agentId: survey.agentId,
          channel: survey.channel, type: survey.type, score, comment: null, commentSentiment: null, commentSentimentScore: null, answeredAt: now, commentedAt: null,
        } as SurveyResponseEntity);
        await this.updateSurvey(survey.id, { state: 'awaiting_comment', updatedAt: now });
      },
      recordComment: async (surveyId, text, sentiment, now) => {
        const r = this.responses.get(surveyId);
        if (r) Object.assign(r, { comment: text.slice(0, 4000), commentSentiment: sentiment.label, commentSentimentScore: Math.round(sentiment.score), commentedAt: now });
        await this.updateSurvey(surveyId, { state: 'completed', updatedAt: now });
      },
      optOut: async (customerId) => { this.optOuts.add(customerId); },
      updateSurvey: (id, changes) => this.updateSurvey(id, changes),
    });
  }

  async conversation(id: string) { const c = this.conversations.get(id); return c ? copy(c) : null; }
  async customer(id: string) { return this.customers.get(id) ?? null; }
  async survey(id: string) { const s = this.surveys.get(id); return s ? copy(s) : null; }
  async surveyedAfter(conversationId: string, resolvedAt: Date) {
    return [...this.surveys.values()].some((s) => s.conversationId === conversationId && s.resolvedAt.getTime() === resolvedAt.getTime());
  }
  async insertSurvey(survey: SurveyEntity) { this.surveys.set(survey.id, copy(survey)); }
  async updateSurvey(id: string, changes: Partial<SurveyEntity>) { const s = this.surveys.get(id); if (s) Object.assign(s, changes); }
  async optedOut(customerId: string) { return this.optOuts.has(customerId); }
  async latestIdentity(customerId: string, channel: Channel) {
    return this.identities.filter((i) => i.customerId === customerId && i.channel === channel).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] ?? null;
  }
  async surveyedSince(customerId: string, since: Date) {
    return [...this.surveys.values()].some((s) => s.customerId === customerId && s.state !== 'skipped' && !!s.sentAt && s.sentAt >= since);
  }
  async lastCustomerWords(conversationId: string) {
    return this.inbound.filter((m) => m.conversationId === conversationId && m.content).pop()?.content ?? null;
  }
  async response(surveyId: string) { const r = this.responses.get(surveyId); return r ? copy(r) : null; }
  async answerOnTimeline(conversationId: string, messageId: string) {
    return this.timeline.some((e) => e.conversationId === conversationId && e.type === 'survey_answered' && e.messageId === messageId);
  }
  async appendTimeline(event: NewTimelineEvent) {
    const row = { id: `ev-${++this.seq}`, occurredAt: new Date(), channel: null, conversationId: null, messageId: null, direction: null, content: null, title: null, authorName: null, data: null, ...event } as TimelineEventEntity;
    this.timeline.push(row);
    return row;
  }
  async recoveryExists(surveyId: string) { return this.recoveryRows.has(surveyId); }
  async insertRecovery(recovery: SurveyRecoveryEntity) { this.recoveryRows.set(recovery.surveyId, copy(recovery)); }
  async updateRecovery(surveyId: string, changes: Partial<SurveyRecoveryEntity>) { const r = this.recoveryRows.get(surveyId); if (r) Object.assign(r, changes); }
  async recoveries(filter: { status?: string; surveyId?: string }, limit: number) {
    return [...this.recoveryRows.values()]
      .filter((r) => (!filter.status || r.status === filter.status) && (!filter.surveyId || r.surveyId === filter.surveyId))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, limit)
      .map(copy);
  }
  async teamLead(teamId: string) { return this.leads.get(teamId) ?? null; }
  async cameBack(customerId: string, after: Date) {
    return [...this.conversations.values()].some((c) => c.customerId === customerId && c.createdAt > after);
  }
}
