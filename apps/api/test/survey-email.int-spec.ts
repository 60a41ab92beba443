import type { SurveyDto, TimelineEventDto } from '@parley/contracts';
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

    const forged = await fetch(`${t.url}/surveys/answer/${Buffer.from('x.99999999999999').toString('base64url')}.AAAA?score=5`);
    expect(forged.status).toBe(410);
    expect(await forged.text()).toContain('no longer valid');
    expect((await surveysOf(inbound.conversationId))[0]).toMatchObject({ state: 'sent', response: null });

    const clicked = await fetch(link(2));
    expect(clicked.status).toBe(200);
    const html = await clicked.text();
    expect(html).toContain('Your score: 2');
    expect(html).toContain('<textarea');
    expect(html).not.toContain('<script');
    expect((await conversationOf(inbound.conversationId)).status).toBe('resolved');

    const action = html.match(/action="([^"]+)"/)![1];
    const posted = await fetch(`${t.url}${action}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ comment: 'The courier was rude and the box was broken, terrible' }) });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toContain('Thank you for your feedback');
    const survey = await eventually(async () => (await surveysOf(inbound.conversationId)).find((s) => s.state === 'completed'), 'the completed survey');
    expect(survey.response).toMatchObject({ score: 2, commentSentiment: 'negative' });

    const again = await fetch(link(5));
    expect(await again.text()).toContain('already answered this survey. Your score: 2');
    const timeline = await eventually(async () => {
      const page = await api<{ items: TimelineEventDto[] }>(t.url, 'GET', `/api/customers/${inbound.customerId}/timeline?limit=100`, undefined, t.token);
      const answered = page.body.items.filter((e) => e.type === 'survey_answered');
      return answered.length === 2 ? answered : null;
    }, 'both answers on the timeline');
    expect(timeline.map((e) => e.data?.score)).toEqual([2, 2]);
  });

  const conversationOf = async (id: string) => (await api(t.url, 'GET', `/api/conversations/${id}`, undefined, t.token)).body;
});
