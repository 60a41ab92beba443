import type { RealtimePublisher } from '@parley/channels-core';
import type { OutboundService } from '@parley/conversations';
import type { ChannelIdentityEntity, ConversationEntity, SurveyEntity, SurveySettingEntity } from '@parley/persistence';
import type { JobQueue } from '@parley/queue';
import { SurveyAnswersService } from './survey-answers.service';
import { SurveyDispatchService } from './survey-dispatch.service';
import type { SurveyLinksService } from './survey-links.service';
import { SurveyRecoveryService } from './survey-recovery.service';
import type { SurveyReportService } from './survey-report.service';
import type { SurveySettingsService } from './survey-settings.service';
import { SurveyTimelineService } from './survey-timeline.service';
import { InMemorySurveyRepository } from './testing/in-memory-survey.repository';

const resolvedAt = new Date('2026-12-01T12:00:00Z');

function setup(opts: { sendFails?: boolean } = {}) {
  const repo = new InMemorySurveyRepository();
  repo.conversations.set('c-1', {
    id: 'c-1', customerId: 'cust-1', inboxId: 'in-1', teamId: 'support', assigneeId: 'u-1', channel: 'telegram', status: 'resolved', resolvedAt,
    firstResponseAt: new Date('2026-12-01T11:00:00Z'), createdAt: new Date('2026-12-01T10:00:00Z'),
  } as unknown as ConversationEntity);
  repo.customers.set('cust-1', { id: 'cust-1', name: 'Ирина', email: null, phone: null } as never);
  repo.identities.push({ id: 'id-1', customerId: 'cust-1', channel: 'telegram', externalId: '4242', optedOut: false, unreachable: false, createdAt: resolvedAt } as unknown as ChannelIdentityEntity);
  repo.inbound.push({ conversationId: 'c-1', content: 'Спасибо, всё получилось' });
  repo.leads.set('support', 'lead-1');
  const settings = {
    settingsFor: async () => ({ enabled: true, type: 'csat', delayMinutes: 30, throttleDays: 30, commentWindowHours: 24, texts: {} }) as unknown as SurveySettingEntity,
    brandOf: async () => 'Магазин',
  } as unknown as SurveySettingsService;
  const replies: { conversationId: string; content: string; metadata: any }[] = [];
  const outbound = {
    reply: async (conversationId: string, _actor: unknown, content: string, _private: boolean, metadata: unknown) => {
      if (opts.sendFails) throw new Error('The customer opted out of messages on this channel');
      replies.push({ conversationId, content, metadata });
    },
  } as unknown as OutboundService;
  const events: { event: string; payload: any }[] = [];
  const realtime = { toAgents: (event: string, payload: unknown) => void events.push({ event, payload }) } as unknown as RealtimePublisher;
  const jobs: unknown[] = [];
  // A scored answer is published as `survey.answered` (XLA's listener counts it): collected here.
  const csat: unknown[] = [];
  const queue = {
    add: async (...args: unknown[]) => {
      jobs.push(args);
      const events = (args[2] as { events?: { type: string }[] }).events ?? [];
      csat.push(...events.filter((e) => e.type === 'survey.answered'));
    },
  } as unknown as JobQueue;
  const links = { scoreLinks: async () => 'https://parley.example/s/…' } as unknown as SurveyLinksService;
  const reports = { list: async ({ conversationId }: { conversationId: string }) => [...repo.surveys.values()].filter((s) => s.conversationId === conversationId) } as unknown as SurveyReportService;
  const timeline = new SurveyTimelineService(repo, realtime);
  const recovery = new SurveyRecoveryService(repo, realtime);
  const dispatch = new SurveyDispatchService(repo, settings, links, reports, timeline, outbound, queue);
  const answers = new SurveyAnswersService(repo, settings, timeline, recovery, outbound, queue);
  return { repo, dispatch, answers, recovery, replies, events, csat, jobs };
}

const answered = (repo: InMemorySurveyRepository, score: number) => {
  const survey = [...repo.surveys.values()][0];
  repo.surveys.get(survey.id)!.state = 'awaiting_comment';
  repo.responses.set(survey.id, {
    surveyId: survey.id, conversationId: 'c-1', customerId: 'cust-1', teamId: 'support', agentId: 'u-1', channel: 'telegram', type: 'csat', score,
    comment: null, commentSentiment: null, commentSentimentScore: null, answeredAt: new Date(), commentedAt: null,
  });
  return survey;
};

describe('surveys on an in-memory repository', () => {
  it('sends the survey in the customer’s language with score buttons, after storing its row, and puts it on the timeline', async () => {
    const { repo, dispatch, replies } = setup();
    const dto = await dispatch.send('c-1', resolvedAt.getTime());
    const [survey] = [...repo.surveys.values()];
    expect(survey).toMatchObject({ conversationId: 'c-1', state: 'sent', language: 'ru', type: 'csat', agentId: 'u-1' });
    expect(survey.sentAt).toBeInstanceOf(Date);
    expect(replies).toHaveLength(1);
    expect(replies[0].metadata).toMatchObject({ survey: { id: survey.id, type: 'csat' }, buttons: expect.arrayContaining([{ text: '5', data: `survey:${survey.id}:5` }]) });
    expect(repo.timeline).toEqual([expect.objectContaining({ type: 'survey_sent', conversationId: 'c-1', data: { surveyId: survey.id, surveyType: 'csat' } })]);
    expect(dto).toMatchObject({ id: survey.id });
  });

  it('sends nothing for a conversation reopened since, and nothing twice for one resolution', async () => {
    const { repo, dispatch, replies } = setup();
    expect(await dispatch.send('c-1', resolvedAt.getTime() - 1000)).toBeNull();
    await dispatch.send('c-1', resolvedAt.getTime());
    expect(await dispatch.send('c-1', resolvedAt.getTime())).toBeNull();
    expect(replies).toHaveLength(1);
    expect(repo.surveys.size).toBe(1);
  });

  it.each([
    ['unsubscribed', (r: InMemorySurveyRepository) => r.optOuts.add('cust-1')],
    ['no_agent_reply', (r: InMemorySurveyRepository) => void (r.conversations.get('c-1')!.firstResponseAt = null)],
    ['unreachable', (r: InMemorySurveyRepository) => void (r.identities[0].unreachable = true)],
    ['throttled', (r: InMemorySurveyRepository) => void r.surveys.set('old', { id: 'old', customerId: 'cust-1', conversationId: 'c-0', state: 'completed', sentAt: new Date(), resolvedAt: new Date(0) } as SurveyEntity)],
  ])('records a skipped survey (%s) and asks nothing', async (reason, arrange) => {
    const { repo, dispatch, replies } = setup();
    arrange(repo);
    expect(await dispatch.send('c-1', resolvedAt.getTime())).toBeNull();
    expect([...repo.surveys.values()].find((s) => s.conversationId === 'c-1')).toMatchObject({ state: 'skipped', skipReason: reason });
    expect(replies).toEqual([]);
  });

  it('marks the survey not sendable when the outbound refuses it', async () => {
    const { repo, dispatch } = setup({ sendFails: true });
    expect(await dispatch.send('c-1', resolvedAt.getTime())).toBeNull();
    expect([...repo.surveys.values()][0]).toMatchObject({ state: 'skipped', skipReason: 'not_sendable', sentAt: null });
    expect(repo.timeline).toEqual([]);
  });

  it('follows a detractor’s score: timeline, CSAT for the XLA, a recovery task for the team lead, and the “why?”', async () => {
    const { repo, dispatch, answers, replies, csat, events } = setup();
    await dispatch.send('c-1', resolvedAt.getTime());
    const survey = answered(repo, 1);
    await answers.handleAnswer({ surveyId: survey.id, action: 'scored', messageId: 'm-answer' });
    expect(repo.timeline.at(-1)).toMatchObject({ type: 'survey_answered', title: 'CSAT 1/5', messageId: 'm-answer' });
    expect(csat).toEqual([expect.objectContaining({ conversationId: 'c-1', satisfied: false, score: 1 })]);
    expect(repo.recoveryRows.get(survey.id)).toMatchObject({ assigneeId: 'lead-1', status: 'open', score: 1 });
    expect(events.filter((e) => e.event === 'survey.detractor').map((e) => e.payload)).toEqual([expect.objectContaining({ surveyId: survey.id, customerName: 'Ирина' })]);
    expect(replies).toHaveLength(2);
  });

  it('runs the answered job once per message: a retry repeats nothing', async () => {
    const { repo, dispatch, answers, replies, csat } = setup();
    await dispatch.send('c-1', resolvedAt.getTime());
    const survey = answered(repo, 5);
    await answers.handleAnswer({ surveyId: survey.id, action: 'scored', messageId: 'm-answer' });
    await answers.handleAnswer({ surveyId: survey.id, action: 'scored', messageId: 'm-answer' });
    expect(csat).toHaveLength(1);
    expect(replies).toHaveLength(2);
    expect(repo.recoveryRows.size).toBe(0);
  });

  it('opens one recovery per survey and closes it with the lead’s outcome', async () => {
    const { repo, dispatch, recovery } = setup();
    await dispatch.send('c-1', resolvedAt.getTime());
    const survey = answered(repo, 2);
    const response = (await repo.response(survey.id))!;
    await recovery.openRecovery(survey, response);
    await recovery.openRecovery(survey, response);
    expect(repo.recoveryRows.size).toBe(1);
    const done = await recovery.completeRecovery(survey.id, 'Позвонили, вернули деньги', { name: 'Лена' });
    expect(done).toMatchObject({ status: 'done', outcome: 'Позвонили, вернули деньги', doneBy: 'Лена', cameBack: false });
    await expect(recovery.completeRecovery('nope', 'x', { name: 'Лена' })).rejects.toMatchObject({ status: 404 });
  });
});
