import type { InboxEntity, SurveyEntity } from '@parley/persistence';
import { TokenKeyRing } from '@parley/domain';
import type { JobQueue } from '@parley/queue';
import type { ParleyConfig, SecretsService } from '@parley/runtime';
import { signSurveyLink } from './survey-link-token';
import { SurveyLinksService } from './survey-links.service';
import { SurveySettingsService } from './survey-settings.service';
import { InMemorySurveyRepository } from './testing/in-memory-survey.repository';
import { InMemorySurveySettingsRepository } from './testing/in-memory-survey-settings.repository';

const SURVEY = '0195f3a3-0000-7000-8000-000000000042';
const ring = new TokenKeyRing([{ id: 'k1', secret: 'ключ-ссылок-на-опросы-не-короче-32-символов' }]);

function setup(state = 'sent') {
  const repo = new InMemorySurveyRepository();
  repo.surveys.set(SURVEY, {
    id: SURVEY, conversationId: 'c-1', customerId: 'cust-1', inboxId: 'in-1', teamId: null, agentId: 'u-1', channel: 'email', type: 'csat', state,
    skipReason: null, language: 'ru', reasks: 0, resolvedAt: new Date(), sentAt: new Date(), updatedAt: new Date(),
  } as SurveyEntity);
  repo.customers.set('cust-1', { id: 'cust-1', name: 'Ирина' } as never);
  const settingsRepo = new InMemorySurveySettingsRepository();
  settingsRepo.inboxes.set('in-1', { id: 'in-1', name: 'Почта', config: { brandName: 'Ромашка' } } as unknown as InboxEntity);
  const jobs: { name: string; data: Record<string, unknown> }[] = [];
  const queue = { add: async (_q: string, name: string, data: Record<string, unknown>) => void jobs.push({ name, data }) } as unknown as JobQueue;
  const secrets = { surveyLinkKeys: async () => ({ ring, legacySecret: 'старый-секрет' }) } as unknown as SecretsService;
  const config = { publicUrl: 'https://parley.example' } as ParleyConfig;
  const links = new SurveyLinksService(repo, new SurveySettingsService(settingsRepo), queue, config, secrets);
  const token = signSurveyLink(ring, SURVEY, new Date(Date.now() + 86_400_000));
  return { repo, links, jobs, token };
}

describe('SurveyLinksService', () => {
  it('sends one signed link per score and one to unsubscribe, each opening this survey', async () => {
    const { links } = setup();
    const lines = (await links.scoreLinks(SURVEY, 'csat', 'ru')).split('\n');
    expect(lines.map((l) => l.split(':')[0])).toEqual(['1', '2', '3', '4', '5', 'Отписаться']);
    const token = lines[3].match(/\/surveys\/answer\/([^?]+)\?score=4$/)![1];
    const view = await links.viewLink(token, { score: 4 });
    expect(view).toMatchObject({ outcome: 'confirm', score: 4, min: 1, max: 5, question: 'Здравствуйте, Ирина! Как вы оцените помощь службы поддержки «Ромашка»?' });
  });

  it('shows nothing for a forged, foreign or expired link', async () => {
    const { links, token, jobs, repo } = setup();
    const other = new TokenKeyRing([{ id: 'k1', secret: 'чужой-ключ-тоже-не-короче-32-символов' }]);
    expect(await links.viewLink(signSurveyLink(other, SURVEY, new Date(Date.now() + 60_000)), { score: 5 })).toEqual({ outcome: 'invalid' });
    expect(await links.answerByLink(signSurveyLink(ring, SURVEY, new Date(Date.now() - 1000)), { score: 5 })).toEqual({ outcome: 'invalid' });
    expect(await links.answerByLink(`${token}x`, { score: 5 })).toEqual({ outcome: 'invalid' });
    expect(await links.answerByLink(signSurveyLink(ring, '0195f3a3-0000-7000-8000-0000000000ff', new Date(Date.now() + 60_000)), { score: 5 })).toEqual({ outcome: 'invalid' });
    expect(jobs).toEqual([]);
    expect(repo.responses.size).toBe(0);
  });

  it('records nothing on a GET (a mail scanner), only on the confirmed POST', async () => {
    const { links, token, repo, jobs } = setup();
    expect(await links.viewLink(token, { score: 2 })).toMatchObject({ outcome: 'confirm', score: 2 });
    expect(await links.viewLink(token, { score: 9 })).toMatchObject({ outcome: 'confirm', score: null });
    expect(repo.responses.size).toBe(0);

    expect(await links.answerByLink(token, { score: 2 })).toMatchObject({ outcome: 'recorded', score: 2, canComment: true });
    expect(repo.responses.get(SURVEY)).toMatchObject({ score: 2, comment: null, conversationId: 'c-1' });
    expect(repo.surveys.get(SURVEY)!.state).toBe('awaiting_comment');
    expect(jobs).toEqual([{ name: 'answered', data: { surveyId: SURVEY, action: 'scored', messageId: null, via: 'page' } }]);

    expect(await links.answerByLink(token, { score: 5 })).toMatchObject({ outcome: 'recorded', score: 2 });
    expect(repo.responses.get(SURVEY)!.score).toBe(2);
    expect(jobs).toHaveLength(1);
  });

  it('takes the "why?" once after the score, with its sentiment', async () => {
    const { links, token, repo, jobs } = setup();
    await links.answerByLink(token, { score: 1 });
    const done = await links.commentByLink(token, '  Курьер опоздал на три часа, ужасный сервис  ');
    expect(done).toMatchObject({ outcome: 'commented', canComment: false });
    expect(repo.responses.get(SURVEY)).toMatchObject({ comment: 'Курьер опоздал на три часа, ужасный сервис', commentSentiment: 'negative' });
    expect(repo.surveys.get(SURVEY)!.state).toBe('completed');
    expect(await links.commentByLink(token, 'И ещё одно')).toMatchObject({ outcome: 'already_answered' });
    expect(repo.responses.get(SURVEY)!.comment).toBe('Курьер опоздал на три часа, ужасный сервис');
    expect(jobs.map((j) => j.data.action)).toEqual(['scored', 'commented']);
  });

  it('unsubscribes the customer from the link, once however often it is followed', async () => {
    const { links, token, repo } = setup();
    expect(await links.viewLink(token, { unsubscribe: true })).toMatchObject({ outcome: 'confirm_unsubscribe' });
    expect(repo.optOuts.size).toBe(0);
    expect(await links.answerByLink(token, { unsubscribe: true })).toMatchObject({ outcome: 'unsubscribed', texts: { unsubscribed: 'Готово: мы больше не будем присылать вам опросы.' } });
    expect(await links.answerByLink(token, { unsubscribe: true })).toMatchObject({ outcome: 'unsubscribed' });
    expect([...repo.optOuts]).toEqual(['cust-1']);
    expect(repo.surveys.get(SURVEY)!.state).toBe('unsubscribed');
  });

  it('does not take a score for a survey the customer already left', async () => {
    const { links, token, repo } = setup('left');
    expect(await links.answerByLink(token, { score: 5 })).toEqual({ outcome: 'invalid' });
    expect(repo.responses.size).toBe(0);
  });
});
