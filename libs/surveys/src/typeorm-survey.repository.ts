import { Injectable } from '@nestjs/common';
import { DataSource, In, MoreThan, MoreThanOrEqual, Not } from 'typeorm';
import type { Channel } from '@parley/contracts';
import { type NewTimelineEvent, TimelineService } from '@parley/customers';
import {
  ChannelIdentityEntity, ConversationEntity, CustomerEntity, MessageEntity, SurveyEntity, SurveyOptOutEntity, SurveyRecoveryEntity, SurveyResponseEntity, TeamEntity,
  TeamMemberEntity, TimelineEventEntity, UserEntity, withTransaction,
} from '@parley/persistence';
import type { SurveyAnswerUnitOfWork, SurveyRepository } from './ports/survey.repository';
import { surveyAnswerWrites } from './typeorm-survey-answer-writes';

/** Surveys on TypeORM, the same queries on SQLite and PostgreSQL. */
@Injectable()
export class TypeOrmSurveyRepository implements SurveyRepository {
  constructor(private readonly db: DataSource, private readonly timeline: TimelineService) {}

  transaction<T>(work: (tx: SurveyAnswerUnitOfWork) => Promise<T>): Promise<T> {
    return withTransaction(this.db, (em) => work(surveyAnswerWrites(em)));
  }

  conversation(id: string) { return this.db.getRepository(ConversationEntity).findOneBy({ id }); }
  customer(id: string) { return this.db.getRepository(CustomerEntity).findOneBy({ id }); }
  survey(id: string) { return this.db.getRepository(SurveyEntity).findOneBy({ id }); }
  surveyedAfter(conversationId: string, resolvedAt: Date) { return this.db.getRepository(SurveyEntity).existsBy({ conversationId, resolvedAt }); }
  async insertSurvey(survey: SurveyEntity) { await this.db.getRepository(SurveyEntity).insert(survey); }
  async updateSurvey(id: string, changes: Partial<SurveyEntity>) { await this.db.getRepository(SurveyEntity).update({ id }, changes); }
  optedOut(customerId: string) { return this.db.getRepository(SurveyOptOutEntity).existsBy({ customerId }); }

  latestIdentity(customerId: string, channel: Channel) {
    return this.db.getRepository(ChannelIdentityEntity).findOne({ where: { customerId, channel }, order: { createdAt: 'DESC' } });
  }

  surveyedSince(customerId: string, since: Date) {
    return this.db.getRepository(SurveyEntity).existsBy({ customerId, state: Not('skipped'), sentAt: MoreThanOrEqual(since) });
  }

  async lastCustomerWords(conversationId: string) {
    const last = await this.db.getRepository(MessageEntity).findOne({
      select: { content: true },
      where: { conversationId, direction: 'inbound', content: Not('') },
      order: { createdAt: 'DESC' },
    });
    return last?.content || null;
  }

  response(surveyId: string) { return this.db.getRepository(SurveyResponseEntity).findOneBy({ surveyId }); }

  answerOnTimeline(conversationId: string, messageId: string) {
    return this.db.getRepository(TimelineEventEntity).existsBy({ conversationId, type: In(['survey_answered']), messageId });
  }

  appendTimeline(event: NewTimelineEvent) { return withTransaction(this.db, (em) => this.timeline.append(em, event)); }
  recoveryExists(surveyId: string) { return this.db.getRepository(SurveyRecoveryEntity).existsBy({ surveyId }); }
  async insertRecovery(recovery: SurveyRecoveryEntity) { await this.db.getRepository(SurveyRecoveryEntity).insert(recovery); }
  async updateRecovery(surveyId: string, changes: Partial<SurveyRecoveryEntity>) { await this.db.getRepository(SurveyRecoveryEntity).update({ surveyId }, changes); }

  recoveries(filter: { status?: string; surveyId?: string }, limit: number) {
    const where: Record<string, string> = {};
    if (filter.status) where.status = filter.status;
    if (filter.surveyId) where.surveyId = filter.surveyId;
    return this.db.getRepository(SurveyRecoveryEntity).find({ where, order: { createdAt: 'DESC' }, take: limit });
  }

  async teamLead(teamId: string) {
    const team = await this.db.getRepository(TeamEntity).findOneBy({ id: teamId });
    if (team?.leadId && (await this.db.getRepository(UserEntity).existsBy({ id: team.leadId }))) return team.leadId;
    const members = await this.db.getRepository(TeamMemberEntity).findBy({ teamId });
    if (!members.length) return null;
    const leads = await this.db.getRepository(UserEntity).find({ where: { id: In(members.map((m) => m.agentId)), role: In(['supervisor', 'admin']) }, order: { name: 'ASC' } });
    return leads[0]?.id ?? null;
  }

  cameBack(customerId: string, after: Date) { return this.db.getRepository(ConversationEntity).existsBy({ customerId, createdAt: MoreThan(after) }); }
}
