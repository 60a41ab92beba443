import type { ConversationDto, InboxDto, Page, SurveySettingsDto, TimelineEventDto } from '@parley/contracts';
import { api, login, startApp } from './harness';
import { startDemoStack, type DemoStack } from './demo-stack';

describe('the demo on first start: surveys on, customers in Russian and English', () => {
  let demo: DemoStack;

  beforeAll(async () => {
    demo = await startDemoStack();
  });

  afterAll(async () => {
    await demo?.close();
  });

  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => api<T>(demo.url, method, path, body, demo.token);
  const get = async <T>(path: string): Promise<T> => (await call<T>('GET', path)).body;
  const conversations = async () => (await get<Page<ConversationDto>>('/api/conversations?limit=100')).items;

  it('creates every demo inbox against the emulators, each with a CSAT survey right after resolution', async () => {
    const inboxes = await get<InboxDto[]>('/api/inboxes');
    expect(inboxes.map((i) => i.name).sort()).toEqual(['Demo SMS', 'Demo Telegram', 'Demo Viber', 'Demo WhatsApp', 'Demo email', 'Demo web chat']);
    const settings = await get<SurveySettingsDto[]>('/api/surveys/settings');
    expect(settings.map((s) => s.scopeId).sort()).toEqual(inboxes.map((i) => i.id).sort());
    for (const s of settings) expect(s).toMatchObject({ scope: 'inbox', enabled: true, type: 'csat', delayMinutes: 0 });
  });

  it('greets a new user with Russian and English customers on different channels, and a CRM event on a timeline', async () => {
    const seeded = await conversations();
    const byName = new Map(seeded.map((c) => [c.customer.name, c]));
    expect([...byName.keys()].sort()).toEqual(['Emily Carter', 'James Miller', 'Анна Смирнова', 'Дмитрий Козлов']);
    expect(byName.get('Анна Смирнова')).toMatchObject({ channel: 'sms', lastMessagePreview: expect.stringContaining('Заказ №1042') });
    expect(byName.get('Дмитрий Козлов')).toMatchObject({ channel: 'webchat', lastMessagePreview: expect.stringContaining('размер кроссовок') });
    expect(byName.get('Emily Carter')).toMatchObject({ channel: 'email', lastMessagePreview: expect.stringContaining('ship to Canada') });
    expect(byName.get('James Miller')).toMatchObject({ channel: 'sms', lastMessagePreview: expect.stringContaining('arrived damaged') });

    const timeline = await get<Page<TimelineEventDto>>(`/api/customers/${byName.get('Анна Смирнова')!.customerId}/timeline`);
    expect(timeline.items.find((e) => e.type === 'crm_event')).toMatchObject({ title: 'Заказ №1042 оформлен: чайник стеклянный, 2 490 ₽' });
  });

  it("keeps an admin's survey choices and adds no second set of demo customers on the next start", async () => {
    const [sms, email] = ['Demo SMS', 'Demo email'];
    const inboxes = await get<InboxDto[]>('/api/inboxes');
    const id = (name: string) => inboxes.find((i) => i.name === name)!.id;
    expect((await call('PUT', '/api/surveys/settings', { scope: 'inbox', scopeId: id(sms), enabled: false, type: 'csat', delayMinutes: 0, throttleDays: 0, texts: {} })).status).toBe(200);
    expect((await call('DELETE', `/api/surveys/settings/inbox/${id(email)}`)).status).toBeLessThan(300);
    const before = (await conversations()).length;

    await demo.stopApp();
    Object.assign(demo, await startDemoStack(demo));

    const settings = await get<SurveySettingsDto[]>('/api/surveys/settings');
    expect(settings.find((s) => s.scopeId === id(sms))).toMatchObject({ enabled: false });
    expect(settings.find((s) => s.scopeId === id(email))).toBeUndefined();
    expect(settings.filter((s) => s.enabled)).toHaveLength(4);
    expect((await conversations()).length).toBe(before);
  });
});

describe('Parley without the demo emulators (not `npm start`)', () => {
  it('switches no survey on and adds no demo customers', async () => {
    const app = await startApp();
    try {
      const { accessToken } = await login(app.url);
      expect((await api(app.url, 'GET', '/api/surveys/settings', undefined, accessToken)).body).toEqual([]);
      expect((await api<Page<ConversationDto>>(app.url, 'GET', '/api/conversations?limit=10', undefined, accessToken)).body.items).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
