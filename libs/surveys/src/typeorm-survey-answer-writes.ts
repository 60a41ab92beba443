import type { EntityManager } from 'typeorm';
import { SurveyEntity, SurveyOptOutEntity, SurveyResponseEntity } from '@parley/persistence';
import type { SurveyAnswerUnitOfWork } from './ports/survey.repository';

/**
 * An answer's rows written through `em`: the hosted page's transaction (the repository's
 * `transaction`) and the ingest hook's (the message's) write them the same way.
 */
export function surveyAnswerWrites(em: EntityManager): SurveyAnswerUnitOfWork {
  return {
    survey: (id) => em.findOneBy(SurveyEntity, { id }),
    recordScore: async (survey, score, now) => {
      await em.insert(SurveyResponseEntity, {
        surveyId: survey.id, conversationId: survey.conversationId, customerId: survey.customerId, teamId: survey.teamId, agentId: survey.agentId,
        channel: survey.channel, type: survey.type, score, comment: null, commentSentiment: null, commentSentimentScore: null, answeredAt: now, commentedAt: null,
      });
      await em.update(SurveyEntity, { id: survey.id }, { state: 'awaiting_comment', updatedAt: now });
    },
    recordComment: async (surveyId, text, sentiment, now) => {
      await em.update(SurveyResponseEntity, { surveyId }, {
        comment: text.slice(0, 4000), commentSentiment: sentiment.label, commentSentimentScore: Math.round(sentiment.score), commentedAt: now,
      });
      await em.update(SurveyEntity, { id: surveyId }, { state: 'completed', updatedAt: now });
    },
    optOut: async (customerId, now) => {
      if (!(await em.existsBy(SurveyOptOutEntity, { customerId }))) await em.insert(SurveyOptOutEntity, { customerId, createdAt: now });
    },
    updateSurvey: async (id, changes) => { await em.update(SurveyEntity, { id }, changes); },
  };
}
