import { DataSource } from 'typeorm';
import type { SurveyDto, TimelineEventDto } from '@parley/contracts';
import { SettingEntity } from '@parley/persistence';
import { signLegacySurveyLink } from '@parley/surveys';
import { api } from './harness';
import { SUPPORT, useEmailApp } from './email-harness';
import { eventually } from './twilio-fixture';

/** Email surveys: one-click score links to a hosted page that needs no scripts. */
describe('email survey links', () => {
  const t = useEmailApp();
  const surveysOf = async (conversationId: string) => (await api<SurveyDto[]>(t.url, 'GET', `/api/surveys?conversationId=${conversationId}`, undefined, t.token)).body;

  it('records the clicked score and the "why?" from the hosted page, and refuses forged links', async () => {
    expect((await api(t.url, 'PUT', '/api/surveys/settings', { scope: 'inbox', scopeId: t.inboxId, type: 'csat', delayMinutes: 0 }, t.token)).status).toBe(200);
    const shown = t.nextMessage((m) => m.content === 'My parcel arrived broken');
    await t.sink.sendAsCustomer({ from: 'anna@example.com', to: SUPPORT, subject: 'Broken parcel', text: 'My parcel arrived broken' });
    const inbound = await shown;
    await api(t.url, 'POST', `/api/conversations/${inbound.conversationId}/messages`, { content: 'We are sending a new one' }, t.token);
    const asked = t.nextMessage((m) => m.conversationId === inbound.conversationId && m.content.includes('/surveys/answer/'));
    await api(t.url, 'POST', `/api/conversations/${inbound.conversationId}/status`, { status: 'resolved' }, t.token);
    const question = await asked;
    const link = (score: number) => {
      const path = question.content.match(new RegExp(`^${score}: https?://[^/]+(/surveys/answer/\\S+)$`, 'm'))?.[1];
      expect(path).toBeDefined();
      return `${t.url}${path}`;
    };
    expect(question.content).toMatch(/Unsubscribe: http/);
    // Email answers by its links: the question names the inbox, and does not ask for a number in reply.
    expect(question.content).toMatch(/^Hello! How would you rate the help you got from Support\?\n\n/);
    expect(question.content).not.toMatch(/Reply with a number|Parley/);
    expect(question.authorName).toBe('Support');

    const forged = await fetch(`${t.url}/surveys/answer/${Buffer.from('x.99999999999999').toString('base64url')}.AAAA?score=5`);
    expect(forged.status).toBe(410);
    expect(await forged.text()).toContain('no longer valid');
    expect((await surveysOf(inbound.conversationId))[0]).toMatchObject({ state: 'sent', response: null });

    // A mail scanner (or the customer's click) fetches the link: nothing is recorded yet, the
    // chosen score is shown pre-selected with a button that confirms it.
    const scanned = await fetch(link(2));
    expect(scanned.status).toBe(200);
    expect(scanned.headers.get('cache-control')).toBe('no-store');
    const confirm = await scanned.text();
    expect(confirm).toContain('value="2" checked');
    expect(confirm).not.toContain('value="3" checked');
    expect(confirm).toContain('Confirm my score');
    expect(confirm).not.toContain('<script');
    expect((await surveysOf(inbound.conversationId))[0]).toMatchObject({ state: 'sent', response: null });

    const scoreAction = confirm.match(/<form method="post" action="([^"]+)"/)![1];
    const clicked = await fetch(`${t.url}${scoreAction}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ score: '2' }) });
    expect(clicked.status).toBe(200);
    const html = await clicked.text();
    expect(html).toContain('Your score: 2');
    expect(html).toContain('<textarea');
    expect(html).not.toContain('<script');
    expect((await conversationOf(inbound.conversationId)).status).toBe('resolved');
    expect((await surveysOf(inbound.conversationId))[0]).toMatchObject({ state: 'awaiting_comment', response: { score: 2 } });

    const action = html.match(/action="([^"]+)"/)![1];
    const posted = await fetch(`${t.url}${action}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ comment: 'The courier was rude and the box was broken, terrible' }) });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain('Thank you for your feedback');
    const survey = await eventually(async () => (await surveysOf(inbound.conversationId)).find((s) => s.state === 'completed'), 'the completed survey');
    expect(survey.response).toMatchObject({ score: 2, commentSentiment: 'negative' });

    const again = await fetch(link(5));
    expect(await again.text()).toContain('already answered this survey. Your score: 2');
    const repost = await fetch(`${t.url}${scoreAction}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ score: '5' }) });
    expect(await repost.text()).toContain('already answered this survey. Your score: 2');
    const timeline = await eventually(async () => {
      const page = await api<{ items: TimelineEventDto[] }>(t.url, 'GET', `/api/customers/${inbound.customerId}/timeline?limit=100`, undefined, t.token);
      const answered = page.body.items.filter((e) => e.type === 'survey_answered');
      return answered.length === 2 ? answered : null;
    }, 'both answers on the timeline');
    expect(timeline.map((e) => e.data?.score)).toEqual([2, 2]);
  });

  it('lets a link scanner fetch every link without answering or unsubscribing, and refuses an expired link', async () => {
    expect((await api(t.url, 'PUT', '/api/surveys/settings', { scope: 'inbox', scopeId: t.inboxId, type: 'nps', delayMinutes: 0 }, t.token)).status).toBe(200);
    const shown = t.nextMessage((m) => m.content === 'Где мой возврат?');
    await t.sink.sendAsCustomer({ from: 'boris@example.com', to: SUPPORT, subject: 'Возврат', text: 'Где мой возврат?' });
    const inbound = await shown;
    await api(t.url, 'POST', `/api/conversations/${inbound.conversationId}/messages`, { content: 'Деньги вернутся за 3 дня' }, t.token);
    const asked = t.nextMessage((m) => m.conversationId === inbound.conversationId && m.content.includes('/surveys/answer/'));
    await api(t.url, 'POST', `/api/conversations/${inbound.conversationId}/status`, { status: 'resolved' }, t.token);
    const question = await asked;
    const links = [...question.content.matchAll(/https?:\/\/[^/\s]+(\/surveys\/answer\/\S+)/g)].map((m) => m[1]);
    expect(links).toHaveLength(12);
    const unsubscribe = links.find((l) => l.endsWith('unsubscribe=1'))!;

    for (const path of links) expect((await fetch(`${t.url}${path}`)).status).toBe(200);
    const unsubscribePage = await (await fetch(`${t.url}${unsubscribe}`)).text();
    expect(unsubscribePage).toContain('Отписаться от опросов');
    expect((await surveysOf(inbound.conversationId))[0]).toMatchObject({ state: 'sent', response: null });

    const [token] = unsubscribe.split('/').pop()!.split('?');
    const secret = (await t.app.app.get(DataSource).getRepository(SettingEntity).findOneByOrFail({ key: 'survey_link_secret' })).value;
    const surveyId = (await surveysOf(inbound.conversationId))[0].id;
    const expired = signLegacySurveyLink(secret, surveyId, new Date(Date.now() - 1000));
    const form = (body: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) });
    for (const res of [await fetch(`${t.url}/surveys/answer/${expired}?score=9`), await fetch(`${t.url}/surveys/answer/${expired}`, form({ score: '9' }))]) {
      expect(res.status).toBe(410);
      expect(await res.text()).toContain('Ссылка больше не действительна');
    }
    expect((await surveysOf(inbound.conversationId))[0]).toMatchObject({ state: 'sent', response: null });

    const noScore = await fetch(`${t.url}/surveys/answer/${token}`, form({ score: '11' }));
    expect(await noScore.text()).toContain('Подтвердить оценку');
    expect((await surveysOf(inbound.conversationId))[0]).toMatchObject({ state: 'sent', response: null });

    const done = await fetch(`${t.url}/surveys/answer/${token}`, form({ unsubscribe: '1' }));
    expect(await done.text()).toContain('мы больше не будем присылать вам опросы');
    expect((await surveysOf(inbound.conversationId))[0]).toMatchObject({ state: 'unsubscribed', response: null });
  });

  const conversationOf = async (id: string) => (await api(t.url, 'GET', `/api/conversations/${id}`, undefined, t.token)).body;
});
