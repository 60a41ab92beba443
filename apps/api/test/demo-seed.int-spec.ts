import type { ConversationDto, CustomerDto, InboxDto, Page, SurveySettingsDto, TimelineEventDto } from '@parley/contracts';
import { startDemoStack, type DemoStack } from './demo-stack';
import { api, startApp } from './harness';

describe('the demo on first start: surveys on, customers in Russian and English', () => {
  let demo: DemoStack;

  beforeAll(async () => {
    demo = await startDemoStack();
  });

  afterAll(async () => {
    await demo?.close();
  });

  const get = async <T>(path: string): Promise<T> => (await api<T>(demo.url, 'GET', path, undefined, demo.token)).body;

  it('creates every demo inbox against the emulators, each with a CSAT survey right after resolution', async () => {
    const inboxes = await get<InboxDto[]>('/api/inboxes');
    expect(inboxes.map((i) => i.name).sort()).toEqual(['Demo SMS', 'Demo Telegram', 'Demo WhatsApp', 'Demo email', 'Demo web chat']);
    const settings = await get<SurveySettingsDto[]>('/api/surveys/settings');
    expect(settings.map((s) => s.scopeId).sort()).toEqual(inboxes.map((i) => i.id).sort());
    for (const s of settings) expect(s).toMatchObject({ scope: 'inbox', enabled: true, type: 'csat', delayMinutes: 0 });
  });
});
