import type { ConversationEntity, SurveyEntity, SurveyResponseEntity } from '@parley/persistence';
import { SurveyReportService } from './survey-report.service';
import { InMemorySurveyReportRepository } from './testing/in-memory-survey-report.repository';

const at = (iso: string) => new Date(`2026-11-${iso}Z`);

function survey(id: string, over: Partial<SurveyEntity> = {}): SurveyEntity {
  return {
    id, conversationId: `c-${id}`, customerId: 'cust-1', inboxId: 'in-1', teamId: 'team-1', agentId: 'u-1', channel: 'telegram', type: 'csat', state: 'completed',
    skipReason: null, language: 'ru', reasks: 0, resolvedAt: at('24T12:00:00'), sentAt: at('24T12:30:00'), updatedAt: at('24T12:30:00'), ...over,
  } as SurveyEntity;
}

function setup() {
  const repo = new InMemorySurveyReportRepository();
  for (const s of [
    survey('s1'),
    survey('s2', { conversationId: 'c-s1', agentId: 'u-2', sentAt: at('25T09:00:00'), updatedAt: at('25T09:00:00') }),
    survey('s3', { state: 'sent', teamId: null, sentAt: at('26T10:00:00'), updatedAt: at('26T10:00:00') }),
    survey('s4', { state: 'skipped', skipReason: 'throttled', sentAt: null, updatedAt: at('27T10:00:00') }),
    survey('s5', { sentAt: at('30T23:00:00'), updatedAt: at('30T23:00:00'), customerId: 'cust-2' }),
  ]) repo.surveys.set(s.id, s);
  repo.responses.set('s1', { surveyId: 's1', score: 5, comment: 'Всё быстро и вежливо, спасибо', commentSentiment: 'positive', answeredAt: at('24T12:35:00') } as SurveyResponseEntity);
  repo.responses.set('s2', { surveyId: 's2', score: 2, comment: null, commentSentiment: null, answeredAt: at('25T09:10:00') } as SurveyResponseEntity);
  repo.conversations.set('c-s1', { id: 'c-s1', createdAt: at('24T10:00:00'), firstResponseAt: at('24T10:05:00') } as ConversationEntity);
  repo.transfers.set('c-s1', 2);
  repo.displayNames.team.set('team-1', 'Доставка');
  return { repo, reports: new SurveyReportService(repo) };
}

describe('SurveyReportService', () => {
  it("lists a customer's surveys, latest change first, with the answers given", async () => {
    const { reports } = setup();
    const list = await reports.list({ customerId: 'cust-1' });
    expect(list.map((s) => s.id)).toEqual(['s4', 's3', 's2', 's1']);
    expect(list[3]).toMatchObject({ state: 'completed', sentAt: '2026-11-24T12:30:00.000Z', response: { score: 5, comment: 'Всё быстро и вежливо, спасибо', answeredAt: '2026-11-24T12:35:00.000Z' } });
    expect(list[0]).toMatchObject({ state: 'skipped', skipReason: 'throttled', sentAt: null, response: null });
    expect((await reports.list({ conversationId: 'c-s1', limit: 1 })).map((s) => s.id)).toEqual(['s2']);
  });

  it('sums up the sent surveys of the period per team and week, with their conversations’ figures and names', async () => {
    const { reports } = setup();
    const { rows, groupNames } = await reports.report({ from: at('23T00:00:00'), to: at('29T23:59:59'), groupBy: 'team', bucket: 'week' });
    const byGroup = Object.fromEntries(rows.map((r) => [r.group, r]));
    expect(Object.keys(byGroup).sort()).toEqual(['none', 'team-1']);
    expect(byGroup['team-1']).toMatchObject({
      period: '2026-11-23', type: 'csat', sent: 2, responses: 2, responseRate: 100, average: 3.5, satisfiedPercent: 50,
      avgFirstResponseSeconds: 300, avgResolutionSeconds: 7200, avgTransfers: 2,
    });
    // A survey whose conversation is gone still counts, without the figures it cannot know.
    expect(byGroup.none).toMatchObject({ sent: 1, responses: 0, avgFirstResponseSeconds: null, avgTransfers: 0 });
    expect(groupNames).toEqual({ 'team-1': 'Доставка' });
  });

  it('names no groups when grouping by channel', async () => {
    const { reports } = setup();
    const { rows, groupNames } = await reports.report({ from: at('01T00:00:00'), to: at('30T23:59:59'), groupBy: 'channel', bucket: 'month' });
    expect(rows).toEqual([expect.objectContaining({ period: '2026-11', group: 'telegram', sent: 4, responses: 2 })]);
    expect(groupNames).toEqual({});
  });
});
