import { DataSource } from 'typeorm';
import type { ConversationDto, SurveyDefaultTextsDto, SurveyDto, SurveySettingsDto, WidgetMessage, WidgetSendAck, WidgetSession } from '@parley/contracts';
import { SurveyResponseEntity } from '@parley/persistence';
import { api, login, next, useRunningApp } from './harness';
import { eventually } from './twilio-fixture';

describe('survey settings and the "why?" time limit', () => {
  const t = useRunningApp();
  let inboxId: string;

  beforeAll(async () => {
    inboxId = (await api(t.url, 'GET', '/api/inboxes', undefined, t.token)).body.find((i: { channel: string }) => i.channel === 'webchat').id;
  });

  const put = (body: unknown, token = t.token) => api(t.url, 'PUT', '/api/surveys/settings', body, token);

  it('saves, lists and removes an inbox survey with its texts and limits', async () => {
    const saved = await put({
      scope: 'inbox', scopeId: inboxId, type: 'nps', delayMinutes: 15, throttleDays: 7, commentWindowHours: 48,
      texts: { ru: { question: 'Здравствуйте, {{name}}! Порекомендуете нас? От {min} до {max}.', why: '' }, en: { thanks: 'Thanks, {name}!' } },
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ scope: 'inbox', scopeId: inboxId, enabled: true, type: 'nps', delayMinutes: 15, throttleDays: 7, commentWindowHours: 48 });
    expect(saved.body.texts).toEqual({ ru: { question: 'Здравствуйте, {{name}}! Порекомендуете нас? От {min} до {max}.' }, en: { thanks: 'Thanks, {name}!' } });

    const listed = await api<SurveySettingsDto[]>(t.url, 'GET', '/api/surveys/settings', undefined, t.token);
    expect(listed.body).toEqual([saved.body]);

    const off = await put({ scope: 'inbox', scopeId: inboxId, type: 'nps', enabled: false });
    expect(off.body).toMatchObject({ id: saved.body.id, enabled: false, commentWindowHours: 24, throttleDays: 30 });

    expect((await api(t.url, 'DELETE', `/api/surveys/settings/inbox/${inboxId}`, undefined, t.token)).status).toBe(204);
    expect((await api(t.url, 'GET', '/api/surveys/settings', undefined, t.token)).body).toEqual([]);
    const again = await api(t.url, 'DELETE', `/api/surveys/settings/inbox/${inboxId}`, undefined, t.token);
    expect(again.status).toBe(404);
    expect(again.body.message).toContain('No survey settings');
  });

  it('serves the default texts the console shows as placeholders', async () => {
    const defaults = await api<SurveyDefaultTextsDto>(t.url, 'GET', '/api/surveys/settings/defaults', undefined, t.token);
    expect(defaults.status).toBe(200);
    expect(Object.keys(defaults.body).sort()).toEqual(['ces', 'csat', 'nps']);
    expect(defaults.body.csat.ru.question).toContain('{name}');
    expect(defaults.body.nps.en.why).toBe('Thank you! What is the main reason for your score?');
  });

  it('refuses bad input with a clear message', async () => {
    const cases: [unknown, string][] = [
      [{ scope: 'inbox', scopeId: inboxId, type: 'stars' }, 'type must be one of the following values: csat, nps, ces'],
      [{ scope: 'channel', scopeId: inboxId, type: 'csat' }, 'scope must be one of the following values: inbox, team'],
      [{ scope: 'inbox', scopeId: inboxId, type: 'csat', delayMinutes: -5 }, 'delayMinutes must not be less than 0'],
      [{ scope: 'inbox', scopeId: inboxId, type: 'csat', throttleDays: 1.5 }, 'throttleDays must be an integer number'],
      [{ scope: 'inbox', scopeId: inboxId, type: 'csat', commentWindowHours: 0 }, 'commentWindowHours must not be less than 1'],
      [{ scope: 'inbox', scopeId: inboxId, type: 'csat', commentWindowHours: 1000 }, 'commentWindowHours must not be greater than 168'],
      [{ scope: 'inbox', scopeId: inboxId, type: 'csat', colour: 'red' }, 'property colour should not exist'],
      [{ scope: 'inbox', scopeId: 'no-such-inbox', type: 'csat' }, 'Unknown inbox no-such-inbox'],
      [{ scope: 'inbox', scopeId: inboxId, type: 'csat', texts: { ru: { question: 'Привет, {nmae}!' } } }, 'texts.ru.question: unknown placeholder {nmae}; use {name}, {brand}, {min} or {max}'],
      [{ scope: 'inbox', scopeId: inboxId, type: 'csat', texts: { de: { question: 'Hallo' } } }, 'texts.de: only "ru" and "en" texts are supported'],
      [{ scope: 'inbox', scopeId: inboxId, type: 'csat', texts: { en: { question: 'x'.repeat(1001) } } }, 'texts.en.question must be at most 1000 characters'],
    ];
    for (const [body, message] of cases) {
      const res = await put(body);
      expect(res.status).toBe(400);
      expect([res.body.message].flat()).toContain(message);
    }
    expect((await api(t.url, 'GET', '/api/surveys/settings', undefined, t.token)).body).toEqual([]);
  });

  it('lets only admins change the settings', async () => {
    const created = await api(t.url, 'POST', '/api/users', { name: 'Olga', email: 'olga@parley.test', password: 'olga-password', role: 'supervisor' }, t.token);
    expect(created.status).toBe(201);
    const supervisor = (await login(t.url, { email: 'olga@parley.test', password: 'olga-password' })).accessToken;
    expect((await put({ scope: 'inbox', scopeId: inboxId, type: 'csat' }, supervisor)).status).toBe(403);
    expect((await api(t.url, 'DELETE', `/api/surveys/settings/inbox/${inboxId}`, undefined, supervisor)).status).toBe(403);
    expect((await api(t.url, 'GET', '/api/surveys/settings', undefined, supervisor)).status).toBe(200);
    expect((await put({ scope: 'inbox', scopeId: inboxId, type: 'csat' }, 'not-a-token')).status).toBe(401);
  });

  it('takes a reply as the "why?" comment only within the configured hours after the score; later it is a new message', async () => {
    expect((await put({ scope: 'inbox', scopeId: inboxId, type: 'csat', delayMinutes: 0, throttleDays: 0, commentWindowHours: 2 })).status).toBe(200);
    const s = t.open('/widget', { websiteToken: t.websiteToken });
    const session = await next<WidgetSession>(s, 'session');
    const send = (content: string) => s.emitWithAck('message:send', { content, clientMessageId: `c-${Math.random().toString(36).slice(2)}` }) as Promise<WidgetSendAck>;
    const conversations = async () => (await api(t.url, 'GET', `/api/conversations?inboxId=${inboxId}&limit=100`, undefined, t.token)).body.items
      .filter((c: ConversationDto) => c.customerId === session.customerId) as ConversationDto[];
    const surveys = async (conversationId: string) => (await api<SurveyDto[]>(t.url, 'GET', `/api/surveys?conversationId=${conversationId}`, undefined, t.token)).body;
    const outbound = (includes: string) => next<WidgetMessage>(s, 'message:new', (m) => m.direction === 'outbound' && m.content.includes(includes));

    expect((await send('Is the blue kettle back in stock?')).ok).toBe(true);
    const conversationId = await eventually(async () => (await conversations())[0]?.id, 'the conversation');
    await api(t.url, 'POST', `/api/conversations/${conversationId}/messages`, { content: 'Yes, since Monday' }, t.token);
    const question = outbound('How would you rate');
    await api(t.url, 'POST', `/api/conversations/${conversationId}/status`, { status: 'resolved' }, t.token);
    await question;
    const why = outbound('main reason');
    await send('5');
    await why;
    expect((await surveys(conversationId))[0]).toMatchObject({ state: 'awaiting_comment', response: { score: 5 } });

    // The customer comes back three hours after scoring, past the two-hour window.
    const db = t.app.app.get(DataSource);
    const surveyId = (await surveys(conversationId))[0].id;
    await db.getRepository(SurveyResponseEntity).update({ surveyId }, { answeredAt: new Date(Date.now() - 3 * 3_600_000) });
    expect((await send('Do you also have it in red?')).ok).toBe(true);

    const fresh = await eventually(async () => (await conversations()).find((c) => c.id !== conversationId && c.status === 'open'), 'a new conversation for the late message');
    const messages = (await api(t.url, 'GET', `/api/conversations/${fresh.id}/messages`, undefined, t.token)).body.items;
    expect(messages.map((m: { content: string }) => m.content)).toEqual(['Do you also have it in red?']);
    expect((await surveys(conversationId))[0]).toMatchObject({ state: 'completed', response: { score: 5, comment: null } });
  });
});
