import type { Socket } from 'socket.io-client';
import type { ConversationDto, MessageDto, SurveyDto, TimelineEventDto, WidgetMessage, WidgetSendAck, WidgetSession, WidgetSurveyEvent, SurveyRecoveryDto, NotificationDto, Page } from '@parley/contracts';
import { SURVEY_AGENT_EVENTS } from '@parley/contracts';
import { api, connect, connected, demoWebsiteToken, login, next } from './harness';
import { eventually, inboundMessage, SMS_NUMBER, useTwilioSuite } from './twilio-fixture';

describe('surveys after resolution', () => {
  const t = useTwilioSuite();
  const sockets: Socket[] = [];
  let websiteToken: string;
  let webchatInboxId: string;
  /** Who asks: the inbox's brand (the demo inbox plays Demo Shop), else its name. */
  let webchatBrand: string;

  beforeAll(async () => {
    websiteToken = await demoWebsiteToken(t.url, t.token);
    const inboxes = await api(t.url, 'GET', '/api/inboxes', undefined, t.token);
    const webchat = inboxes.body.find((i: { channel: string }) => i.channel === 'webchat');
    webchatInboxId = webchat.id;
    webchatBrand = webchat.config.brandName ?? webchat.name;
    expect(webchatBrand).toBe('Demo Shop');
    const web = await api(t.url, 'PUT', '/api/surveys/settings', { scope: 'inbox', scopeId: webchatInboxId, type: 'csat', delayMinutes: 0, throttleDays: 30 }, t.token);
    expect(web.status).toBe(200);
    const sms = await api(t.url, 'PUT', '/api/surveys/settings', {
      scope: 'inbox', scopeId: t.sms.id, type: 'nps', delayMinutes: 0, throttleDays: 30, texts: { ru: { question: 'Добрый день, {name}! Порекомендуете нас? Ответьте цифрой от 0 до 10.' } },
    }, t.token);
    expect(sms.status).toBe(200);
  });
  afterAll(() => sockets.forEach((s) => s.disconnect()));

  const send = (s: Socket, content: string) =>
    s.emitWithAck('message:send', { content, clientMessageId: `c-${Math.random().toString(36).slice(2)}` }) as Promise<WidgetSendAck>;
  const surveysOf = async (conversationId: string) => (await api<SurveyDto[]>(t.url, 'GET', `/api/surveys?conversationId=${conversationId}`, undefined, t.token)).body;
  const surveyIn = (conversationId: string, done: (s: SurveyDto) => boolean, what: string) =>
    eventually(async () => (await surveysOf(conversationId)).find(done), what);
  const conversation = async (id: string) => (await api<ConversationDto>(t.url, 'GET', `/api/conversations/${id}`, undefined, t.token)).body;
  const resolve = (id: string) => api(t.url, 'POST', `/api/conversations/${id}/status`, { status: 'resolved' }, t.token);
  const agentReply = (id: string, content: string) => api<MessageDto>(t.url, 'POST', `/api/conversations/${id}/messages`, { content }, t.token);

  /** A visitor who wrote `first` and (optionally) got an agent's reply; returns the socket and the conversation id. */
  async function visitor(first: string, replied = true, visitorToken?: string) {
    const s = connect(t.url, '/widget', { websiteToken, ...(visitorToken ? { visitorToken } : {}) });
    sockets.push(s);
    const session = await next<WidgetSession>(s, 'session');
    const ack = await send(s, first);
    expect(ack.ok).toBe(true);
    const conversationId = await eventually(async () => {
      const list = await api(t.url, 'GET', `/api/conversations?inboxId=${webchatInboxId}&limit=100`, undefined, t.token);
      return list.body.items.find((c: ConversationDto) => c.customerId === session.customerId && c.status === 'open')?.id as string | undefined;
    }, 'the visitor conversation');
    if (replied) {
      const seen = next<WidgetMessage>(s, 'message:new', (m) => m.direction === 'outbound');
      await agentReply(conversationId, 'Сейчас проверю');
      await seen;
    }
    return { s, session, conversationId };
  }

  const outboundTo = (s: Socket, includes: string) => next<WidgetMessage>(s, 'message:new', (m) => m.direction === 'outbound' && m.content.includes(includes));

  it('asks a web chat customer in their language, takes "⭐⭐⭐⭐" and the "why?" without reopening, and shows both on the timeline', async () => {
    const { s, session, conversationId } = await visitor('Здравствуйте, где мой заказ?');
    const question = outboundTo(s, 'Как вы оцените');
    await resolve(conversationId);
    // The widget shows rating buttons: the text is just the question, asked by the inbox's brand.
    const asked = await question;
    expect(asked.content).toBe(`Здравствуйте! Как вы оцените помощь службы поддержки «${webchatBrand}»?`);
    expect(asked.authorName).toBe(webchatBrand);

    const why = outboundTo(s, 'почему');
    await send(s, '⭐⭐⭐⭐');
    await why;
    expect((await conversation(conversationId)).status).toBe('resolved');

    const thanks = outboundTo(s, 'Спасибо за отзыв');
    await send(s, 'Ответили быстро и вежливо, спасибо, отлично');
    await thanks;
    const survey = await surveyIn(conversationId, (x) => x.state === 'completed', 'the completed survey');
    expect(survey).toMatchObject({ type: 'csat', channel: 'webchat', response: { score: 4, comment: 'Ответили быстро и вежливо, спасибо, отлично', commentSentiment: 'positive' } });
    expect((await conversation(conversationId)).status).toBe('resolved');

    const timeline = await api<{ items: TimelineEventDto[] }>(t.url, 'GET', `/api/customers/${session.customerId}/timeline?limit=100`, undefined, t.token);
    const types = timeline.body.items.filter((e) => e.conversationId === conversationId).map((e) => e.type);
    expect(types).toContain('survey_sent');
    expect(timeline.body.items.filter((e) => e.type === 'survey_answered').map((e) => e.data?.score)).toEqual([4, 4]);

    // A real new message afterwards is a new conversation, as always after a resolution.
    const created = await send(s, 'А можно поменять адрес доставки? У меня новый вопрос');
    expect(created.ok).toBe(true);
    await eventually(async () => {
      const list = await api(t.url, 'GET', `/api/conversations?inboxId=${webchatInboxId}&limit=100`, undefined, t.token);
      return list.body.items.find((c: ConversationDto) => c.customerId === session.customerId && c.status === 'open' && c.id !== conversationId);
    }, 'a new conversation');

    // Surveyed at most once in 30 days: the next resolution asks nothing.
    const again = await eventually(async () => {
      const list = await api(t.url, 'GET', `/api/conversations?inboxId=${webchatInboxId}&limit=100`, undefined, t.token);
      return list.body.items.find((c: ConversationDto) => c.customerId === session.customerId && c.status === 'open')?.id as string | undefined;
    }, 'the new conversation id');
    await agentReply(again, 'Да, напишите новый адрес');
    await resolve(again);
    expect(await surveyIn(again, (x) => x.state === 'skipped', 'the throttled survey')).toMatchObject({ skipReason: 'throttled' });
  });

  it('shows the rating buttons in the web chat widget, and a press is the score', async () => {
    const { s, conversationId } = await visitor('Can I pay by card?');
    const buttons = next<WidgetSurveyEvent>(s, 'survey');
    const question = outboundTo(s, 'How would you rate');
    await resolve(conversationId);
    const [event, message] = await Promise.all([buttons, question]);
    expect(event).toEqual({ messageId: message.id, options: ['1', '2', '3', '4', '5'] });
    const why = outboundTo(s, 'main reason');
    await send(s, event.options[4]);
    await why;
    expect(await surveyIn(conversationId, (x) => x.state === 'awaiting_comment', 'the scored survey')).toMatchObject({ response: { score: 5 } });
  });

  it('turns a detractor score into a follow-up task for the team lead, alerts supervisors live and records the outcome', async () => {
    const admin = await login(t.url);
    const team = await api(t.url, 'POST', '/api/teams', { name: `Recovery ${Date.now()}` }, t.token);
    expect(team.status).toBe(201);
    await api(t.url, 'POST', `/api/teams/${team.body.id}/members`, { agentId: admin.user.id }, t.token);
    const { s, session, conversationId } = await visitor('The courier never came');
    await api(t.url, 'POST', `/api/conversations/${conversationId}/assignment`, { teamId: team.body.id }, t.token);
    const supervisors = connect(t.url, '/agents', { token: t.token });
    sockets.push(supervisors);
    await connected(supervisors);
    const alert = next<SurveyRecoveryDto>(supervisors, SURVEY_AGENT_EVENTS.detractor, (r) => r.conversationId === conversationId);
    const question = outboundTo(s, 'How would you rate');
    await resolve(conversationId);
    await question;
    const why = outboundTo(s, 'main reason');
    await send(s, '1');
    const task = await alert;
    await why;
    const thanks = outboundTo(s, 'Thank you for your feedback');
    await send(s, 'Nobody came and nobody called');
    await thanks;
    expect(task).toMatchObject({ status: 'open', score: 1, type: 'csat', teamId: team.body.id, assigneeId: admin.user.id, customerId: session.customerId, cameBack: false });
    // The lead hears of it in the notification centre too.
    const notified = await eventually(async () => (await api<Page<NotificationDto>>(t.url, 'GET', '/api/notifications', undefined, t.token)).body.items
      .find((n) => n.type === 'detractor' && n.conversationId === conversationId), 'the lead’s detractor notification');
    expect(notified.data).toMatchObject({ score: 1, surveyType: 'csat' });

    const open = await api<SurveyRecoveryDto[]>(t.url, 'GET', '/api/surveys/recoveries?status=open', undefined, t.token);
    expect(open.body.map((r) => r.surveyId)).toContain(task.surveyId);
    const done = await api<SurveyRecoveryDto>(t.url, 'POST', `/api/surveys/recoveries/${task.surveyId}/outcome`, { outcome: 'Called back, sent a replacement' }, t.token);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', outcome: 'Called back, sent a replacement', doneBy: admin.user.name });

    await send(s, 'Thanks for the call, I have one more order to ask about though');
    const back = await eventually(async () => {
      const all = await api<SurveyRecoveryDto[]>(t.url, 'GET', '/api/surveys/recoveries?status=done', undefined, t.token);
      return all.body.find((r) => r.surveyId === task.surveyId && r.cameBack);
    }, 'the customer coming back');
    expect(back.cameBack).toBe(true);
  });

  it('never surveys when no agent replied', async () => {
    const { conversationId } = await visitor('Hello? Anyone?', false);
    await resolve(conversationId);
    expect(await surveyIn(conversationId, (x) => x.state === 'skipped', 'the skipped survey')).toMatchObject({ skipReason: 'no_agent_reply' });
  });

  it('asks again once, politely, after a garbled answer, then leaves the survey and treats the next text as a message', async () => {
    const { s, conversationId } = await visitor('My parcel is late');
    const question = outboundTo(s, 'How would you rate');
    await resolve(conversationId);
    expect((await question).content).not.toMatch(/Reply/);

    const reask = outboundTo(s, 'Please reply with just a number from 1 to 5');
    await send(s, 'hmm');
    await reask;
    expect((await conversation(conversationId)).status).toBe('resolved');
    await send(s, 'eleven');
    await surveyIn(conversationId, (x) => x.state === 'left', 'the survey left');
    expect((await surveysOf(conversationId))[0].response).toBeNull();
  });

  it('honours the unsubscribe word at once and for later resolutions', async () => {
    const first = await visitor('Where is my refund?');
    const question = outboundTo(first.s, 'How would you rate');
    await resolve(first.conversationId);
    await question;
    const confirmation = outboundTo(first.s, 'we will not send you surveys');
    await send(first.s, 'Unsubscribe');
    await confirmation;
    expect(await surveyIn(first.conversationId, (x) => x.state === 'unsubscribed', 'the unsubscription')).toBeTruthy();
    expect((await conversation(first.conversationId)).status).toBe('resolved');

    first.s.disconnect();
    const later = await visitor('One more question about the refund', true, first.session.visitorToken);
    expect(later.conversationId).not.toBe(first.conversationId);
    await resolve(later.conversationId);
    expect(await surveyIn(later.conversationId, (x) => x.state === 'skipped', 'no survey after unsubscribing')).toMatchObject({ skipReason: 'unsubscribed' });
  });

  it('takes an SMS answer written as text, "10/10", and its comment with a negative sentiment', async () => {
    const from = '+79991230001';
    await t.emulator.sendInbound({ to: SMS_NUMBER, from, body: 'Привет, заказ не пришёл', profileName: 'Мария' });
    const inbound = await inboundMessage(t, t.sms, 'Привет, заказ не пришёл');
    await agentReply(inbound.conversationId, 'Отправили повторно');
    await resolve(inbound.conversationId);
    const asked = await eventually(async () => t.emulator.list({ direction: 'outbound-api', to: from }).find((m) => m.body.includes('Порекомендуете')), 'the SMS survey');
    expect(asked.body).toBe('Добрый день! Порекомендуете нас? Ответьте цифрой от 0 до 10. (Ответьте «отписаться», чтобы больше не получать опросы.)');

    await t.emulator.sendInbound({ to: SMS_NUMBER, from, body: '10/10' });
    await eventually(async () => t.emulator.list({ direction: 'outbound-api', to: from }).find((m) => m.body.includes('почему')), 'the why question');
    await t.emulator.sendInbound({ to: SMS_NUMBER, from, body: 'Но ждать пришлось ужасно долго, плохо' });
    const survey = await surveyIn(inbound.conversationId, (x) => x.state === 'completed', 'the SMS survey answered');
    expect(survey).toMatchObject({ type: 'nps', channel: 'sms', response: { score: 10, commentSentiment: 'negative' } });
    await eventually(async () => t.emulator.list({ direction: 'outbound-api', to: from }).find((m) => m.body.includes('Спасибо за отзыв')), 'the thanks');
    expect((await conversation(inbound.conversationId)).status).toBe('resolved');
  });

  it('reports scores by channel with response rate and operational figures, and exports them as CSV', async () => {
    const report = await api(t.url, 'GET', '/api/surveys/report?groupBy=channel&bucket=day', undefined, t.token);
    expect(report.status).toBe(200);
    const web = report.body.rows.find((r: { group: string; type: string }) => r.group === 'webchat' && r.type === 'csat');
    expect(web.sent).toBeGreaterThanOrEqual(web.responses);
    expect(web.responses).toBeGreaterThanOrEqual(3);
    expect(web.avgFirstResponseSeconds).not.toBeNull();
    expect(report.body.rows.find((r: { group: string }) => r.group === 'sms')).toMatchObject({ type: 'nps', responses: 1, score: 100, promoters: 1 });

    const csv = await fetch(`${t.url}/api/surveys/report.csv?groupBy=channel&bucket=week`, { headers: { authorization: `Bearer ${t.token}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^period,group,type,sent,responses,responseRate,score/);
    expect(lines.some((l) => /,webchat,csat,/.test(l))).toBe(true);
    expect((await api(t.url, 'GET', '/api/surveys/report?from=nonsense', undefined, t.token)).status).toBe(400);
  });

  it('does not survey an SMS customer who opted out with STOP', async () => {
    const from = '+79991230002';
    await t.emulator.sendInbound({ to: SMS_NUMBER, from, body: 'Вопрос по оплате' });
    const inbound = await inboundMessage(t, t.sms, 'Вопрос по оплате');
    await agentReply(inbound.conversationId, 'Слушаю вас');
    await t.emulator.sendInbound({ to: SMS_NUMBER, from, body: 'STOP' });
    await inboundMessage(t, t.sms, 'STOP');
    await resolve(inbound.conversationId);
    expect(await surveyIn(inbound.conversationId, (x) => x.state === 'skipped', 'the skipped SMS survey')).toMatchObject({ skipReason: 'opted_out' });
  });
});
