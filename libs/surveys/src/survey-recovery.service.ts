import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { SurveyRecoveryDto, SurveyType } from '@parley/contracts';
import { SURVEY_AGENT_EVENTS } from '@parley/contracts';
import { REALTIME, RealtimePublisher } from '@parley/channels-core';
import type { SurveyEntity, SurveyResponseEntity } from '@parley/persistence';
import { SURVEY_REPOSITORY, type SurveyRepository } from './ports/survey.repository';

/**
 * Closing the loop: a detractor's score becomes a follow-up task for the team lead (a supervisor
 * or admin among the team's members), with a live alert to the supervisors' consoles.
 */
@Injectable()
export class SurveyRecoveryService {
  constructor(
    @Inject(SURVEY_REPOSITORY) private readonly repo: SurveyRepository,
    @Inject(REALTIME) private readonly realtime: RealtimePublisher,
  ) {}

  async openRecovery(survey: SurveyEntity, response: SurveyResponseEntity): Promise<void> {
    if (await this.repo.recoveryExists(survey.id)) return;
    await this.repo.insertRecovery({
      surveyId: survey.id, conversationId: survey.conversationId, customerId: survey.customerId, teamId: survey.teamId, assigneeId: await this.teamLead(survey.teamId),
      type: survey.type, score: response.score, status: 'open', outcome: null, doneBy: null, createdAt: new Date(), doneAt: null,
    });
    const [dto] = await this.recoveries({ surveyId: survey.id });
    if (dto) this.realtime.toAgents(SURVEY_AGENT_EVENTS.detractor, dto);
  }

  private async teamLead(teamId: string | null): Promise<string | null> {
    // The team's named lead first; without one, the first supervisor or admin among its members.
    return teamId ? this.repo.teamLead(teamId) : null;
  }

  async recoveries(filter: { status?: 'open' | 'done'; surveyId?: string; limit?: number }): Promise<SurveyRecoveryDto[]> {
    const rows = await this.repo.recoveries({ status: filter.status, surveyId: filter.surveyId }, Math.min(filter.limit ?? 50, 200));
    const out: SurveyRecoveryDto[] = [];
    for (const r of rows) {
      const [customer, response, cameBack] = await Promise.all([
        this.repo.customer(r.customerId),
        this.repo.response(r.surveyId),
        this.repo.cameBack(r.customerId, r.createdAt),
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
    if (!(await this.repo.recoveryExists(surveyId))) throw new NotFoundException(`Recovery ${surveyId} not found`);
    await this.repo.updateRecovery(surveyId, { status: 'done', outcome: outcome.slice(0, 4000), doneBy: actor.name, doneAt: new Date() });
    return (await this.recoveries({ surveyId }))[0];
  }
}
