import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, In, MoreThan } from 'typeorm';
import type { SurveyRecoveryDto, SurveyType } from '@parley/contracts';
import { SURVEY_AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import {
  ConversationEntity, CustomerEntity, SurveyEntity, SurveyRecoveryEntity, SurveyResponseEntity, TeamEntity, TeamMemberEntity, UserEntity,
} from '@parley/persistence';

/**
 * Closing the loop: a detractor's score becomes a follow-up task for the team lead (a supervisor
 * or admin among the team's members), with a live alert to the supervisors' consoles.
 */
@Injectable()
export class SurveyRecoveryService {
  constructor(
    private readonly db: DataSource,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  async openRecovery(survey: SurveyEntity, response: SurveyResponseEntity): Promise<void> {
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

  /** What the lead did (called back, refunded…): the task is done. */
  async completeRecovery(surveyId: string, outcome: string, actor: { name: string }): Promise<SurveyRecoveryDto> {
    const repo = this.db.getRepository(SurveyRecoveryEntity);
    if (!(await repo.existsBy({ surveyId }))) throw new NotFoundException(`Recovery ${surveyId} not found`);
    await repo.update({ surveyId }, { status: 'done', outcome: outcome.slice(0, 4000), doneBy: actor.name, doneAt: new Date() });
    return (await this.recoveries({ surveyId }))[0];
  }
}
