import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import type { AttachmentDto, ConversationDto, SurveyDto, WidgetMessage, WidgetSendAck, WidgetSession } from '@parley/contracts';
import { customerIdOfVisitor, legacyVisitorMac, verifyVisitorToken } from '@parley/channels-webchat';
import { SecretsService } from '@parley/runtime';
import { signLegacySurveyLink } from '@parley/surveys';
import { api, connect, demoWebsiteToken, login, next, startApp, testEnv, type RunningApp, type TestEnv } from './harness';
import { eventually } from './twilio-fixture';

const ROTATED_KEY = 'новый-ключ-подписи-после-ротации-2027';

/**
 * Visitor tokens in browsers and survey links in sent mail and SMS predate the signed-token format:
 * they keep working, and a key rotation (PARLEY_TOKEN_KEYS) neither logs visitors out nor breaks links.
 */
describe('signed tokens issued before keep working, across a key rotation', () => {
  let env: TestEnv;
  let app: RunningApp;
  let token: string;
  let websiteToken: string;
  const sockets: Socket[] = [];

  async function boot(overrides: Parameters<typeof startApp>[1] = {}) {
    app = await startApp(env, overrides);
    token = (await login(app.url)).accessToken;
    websiteToken = await demoWebsiteToken(app.url, token);
  }
  beforeAll(async () => {
    env = await testEnv();
    await boot();
  });
  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await app?.close();
  });

  const open = (visitorToken?: string) => {
    const s = connect(app.url, '/widget', { websiteToken, ...(visitorToken ? { visitorToken } : {}) });
    sockets.push(s);
    return s;
  };
  const send = (s: Socket, content: string) =>
    s.emitWithAck('message:send', { content, clientMessageId: `c-${randomUUID()}` }) as Promise<WidgetSendAck>;
  const secrets = () => app.app.get(SecretsService);
  let issuedBeforeRotation: { visitorToken: string; customerId: string };

  it('continues the history of a visitor whose browser holds a legacy token, and hands it a token in the new format', async () => {
    const visitorId = randomUUID();
    const legacy = `${visitorId}.${legacyVisitorMac(await secrets().visitorSecret(), visitorId)}`;
    const first = open(legacy);
    const session = await next<WidgetSession>(first, 'session');
    expect(session.customerId).toBe(customerIdOfVisitor(visitorId));
    expect(session.visitorToken).toMatch(/^instance\./);
    expect(verifyVisitorToken(await secrets().visitorTokenKeys(), session.visitorToken)).toBe(visitorId);
    expect((await send(first, 'Здравствуйте, я уже писал вам вчера')).ok).toBe(true);
    first.disconnect();

    for (const presented of [legacy, session.visitorToken]) {
      const resumed = await next<WidgetSession>(open(presented), 'session');
      expect(resumed.customerId).toBe(session.customerId);
      expect(resumed.messages.map((m) => m.content)).toEqual(['Здравствуйте, я уже писал вам вчера']);
    }
    issuedBeforeRotation = { visitorToken: session.visitorToken, customerId: session.customerId };

    const forged = await next<WidgetSession>(open(`${visitorId}.${legacyVisitorMac('не тот секрет', visitorId)}`), 'session');
    expect(forged.customerId).not.toBe(session.customerId);
  });

  it('opens a survey link sent before the signed-token format and records the score; a forged one records nothing', async () => {
    const inboxes = await api(app.url, 'GET', '/api/inboxes', undefined, token);
    const inboxId = inboxes.body.find((i: { channel: string }) => i.channel === 'webchat').id;
    expect((await api(app.url, 'PUT', '/api/surveys/settings', { scope: 'inbox', scopeId: inboxId, type: 'csat', delayMinutes: 0, throttleDays: 30 }, token)).status).toBe(200);
    const s = open();
    const session = await next<WidgetSession>(s, 'session');
    expect((await send(s, 'Где мой заказ?')).ok).toBe(true);
    const conversationId = await eventually(async () => {
      const list = await api(app.url, 'GET', `/api/conversations?inboxId=${inboxId}&limit=100`, undefined, token);
      return list.body.items.find((c: ConversationDto) => c.customerId === session.customerId)?.id as string | undefined;
    }, 'the visitor conversation');
    const replied = next<WidgetMessage>(s, 'message:new', (m) => m.direction === 'outbound');
    await api(app.url, 'POST', `/api/conversations/${conversationId}/messages`, { content: 'Заказ уже в пути' }, token);
    await replied;
    await api(app.url, 'POST', `/api/conversations/${conversationId}/status`, { status: 'resolved' }, token);
    const surveysOf = async () => (await api<SurveyDto[]>(app.url, 'GET', `/api/surveys?conversationId=${conversationId}`, undefined, token)).body;
    const survey = await eventually(async () => (await surveysOf()).find((x) => x.state === 'sent'), 'the sent survey');

    const form = (body: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body) });
    const forged = signLegacySurveyLink('не тот секрет', survey.id, new Date(Date.now() + 86_400_000));
    expect((await fetch(`${app.url}/surveys/answer/${forged}`, form({ score: '2' }))).status).toBe(410);

    const legacy = signLegacySurveyLink(await secrets().surveyLinkSecret(), survey.id, new Date(Date.now() + 86_400_000));
    const shown = await fetch(`${app.url}/surveys/answer/${legacy}?score=4`);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('value="4" checked');
    expect((await fetch(`${app.url}/surveys/answer/${legacy}`, form({ score: '4' }))).status).toBe(200);
    expect((await surveysOf())[0]).toMatchObject({ state: 'awaiting_comment', response: { score: 4 } });
  });

  it('after a rotation signs with the new key, and a visitor token of the kept instance key still continues its history', async () => {
    sockets.splice(0).forEach((s) => s.disconnect());
    await app.close();
    await boot({ tokenKeys: [{ id: 'k2027', secret: ROTATED_KEY }, { id: 'instance' }] });

    const resumed = await next<WidgetSession>(open(issuedBeforeRotation.visitorToken), 'session');
    expect(resumed.customerId).toBe(issuedBeforeRotation.customerId);
    expect(resumed.visitorToken).toMatch(/^k2027\./);
    expect(resumed.messages.map((m) => m.content)).toEqual(['Здравствуйте, я уже писал вам вчера']);

    const upload = await fetch(`${app.url}/api/attachments?fileName=${encodeURIComponent('чек.txt')}`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, body: 'Чек №1042',
    });
    const file = (await upload.json()) as AttachmentDto;
    expect(new URL(file.url, app.url).searchParams.get('sig')).toMatch(/^k2027\./);
    expect(await (await fetch(new URL(file.url, app.url))).text()).toBe('Чек №1042');
  });
});
