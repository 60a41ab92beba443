import type { Browser, Locator, Page } from 'playwright-core';
import type { AgentDto, BusinessCalendarDto, ConversationDto, SlaPolicyDto, TeamDto } from '@parley/contracts';
import { api, login, RunningApp, startApp } from '../../api/test/harness';
import { launchChromium, openConsole, textOf as text, until } from './browser';


describe('SLA countdown, "My SLA", the supervisor queue and presence, in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let token: string;
  let adminId: string;
  const call = <T = any>(method: string, path: string, body?: unknown) => api<T>(app.url, method, path, body, token);

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    const session = await login(app.url);
    token = session.accessToken;
    adminId = session.user.id;

    // Office hours Monday to Friday, a policy on them, and a team that takes "refund" conversations.
    const calendar = await call<BusinessCalendarDto>('POST', '/api/sla/calendars', {
      name: 'Office', timeZone: 'Europe/Moscow', hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' })), holidays: [],
    });
    expect(calendar.status).toBe(201);
    const targets = { firstResponseSeconds: 3600, nextResponseSeconds: 7200, resolutionSeconds: 86400 };
    const policy = await call<SlaPolicyDto>('POST', '/api/sla/policies', {
      name: 'Office hours', calendarId: calendar.body.id, warnAtPercent: 80, targets: { low: targets, normal: targets, high: targets, urgent: targets },
    });
    expect(policy.status).toBe(201);
    const team = await call<TeamDto>('POST', '/api/teams', { name: 'Refunds', strategy: 'least_busy', memberIds: [], slaPolicyId: policy.body.id });
    expect(team.status).toBe(201);
    expect((await call('POST', '/api/routing/rules', { teamId: team.body.id, keywords: ['refund'] })).status).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const agentConsole = (locale = 'en-US'): Promise<Page> => openConsole(browser, app.url, { locale, viewport: { width: 1440, height: 860 } });

  async function visitorSays(content: string): Promise<void> {
    const page = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await page.goto(`${app.url}/demo`);
    await page.getByTestId('parley-launcher').click();
    await page.getByTestId('parley-input').fill(content);
    await page.getByTestId('parley-send').click();
    await page.locator('[data-testid="parley-message"]').filter({ hasText: content }).waitFor();
  }

  it('opens the console online, shows the countdown on the row, and keeps "Queue" and "My SLA" live', async () => {
    const agent = await agentConsole();
    // Opening the console puts a never-set agent online (not "Offline" while connected).
    await until('presence online', async () => (await agent.getByTestId('presence-switcher').getAttribute('data-status')) === 'online');
    expect(await agent.getByTestId('presence-select').inputValue()).toBe('online');

    // The queue is open before the customer writes: the waiting count changes live.
    await agent.getByTestId('nav-supervisor').click();
    await agent.getByTestId('supervisor-page').waitFor();
    const waiting = agent.getByTestId('supervisor-waiting').locator('.ops-stat__value');
    await until('queue loaded', async () => (await text(waiting)) === '0');
    await until('admin online in the queue', async () => (await agent.locator(`[data-testid="supervisor-agent"][data-status="online"]`).count()) === 1);

    await visitorSays('I need a refund for order 1042');
    await until('one waiting, live', async () => (await text(waiting)) === '1');
    expect(await text(agent.getByTestId('supervisor-teams'))).toContain('Refunds');

    // The conversation row carries a live SLA countdown.
    await agent.getByTestId('nav-inbox').click();
    const row = agent.getByTestId('conversation-item').filter({ hasText: 'I need a refund for order 1042' });
    await row.waitFor();
    const countdown = row.getByTestId('sla-countdown');
    await countdown.waitFor();
    expect(await countdown.getAttribute('data-tone')).toBe('ok');
    expect(await text(countdown)).toMatch(/^\d+ (d|h|min|s)( \d{2} (h|min))? left$/);
    const conversationId = (await row.getAttribute('data-conversation-id'))!;

    // Opened, the conversation shows the same clock in its header.
    await row.click();
    await agent.locator('.conversation-header').getByTestId('sla-countdown').waitFor();

    // Nothing is assigned to the admin yet: "My SLA" says so in words, not an empty page.
    await agent.getByTestId('nav-sla').click();
    await agent.getByTestId('sla-by-due').click();
    await agent.getByTestId('sla-empty').waitFor();

    // Assigned to the admin, it appears in "My SLA" by due time (live), and leaves the waiting queue.
    const assigned = await call<ConversationDto>('POST', `/api/conversations/${conversationId}/assignment`, { agentId: adminId });
    expect(assigned.status).toBe(200);
    const slaRow = agent.getByTestId('sla-row').filter({ hasText: 'I need a refund for order 1042' });
    await slaRow.waitFor();
    expect(await slaRow.getByTestId('sla-countdown').getAttribute('data-tone')).toBe('ok');
    // Far from its deadline, it is not "at risk".
    await agent.getByTestId('sla-at-risk').click();
    await agent.getByTestId('sla-empty').waitFor();
    expect(await agent.getByTestId('sla-row').count()).toBe(0);

    await agent.getByTestId('nav-supervisor').click();
    await until('nothing waiting once assigned', async () => (await text(agent.getByTestId('supervisor-waiting').locator('.ops-stat__value'))) === '0');
  });

  it('switches presence from the top bar, and the queue and the API follow', async () => {
    const agent = await agentConsole();
    await until('presence online', async () => (await agent.getByTestId('presence-switcher').getAttribute('data-status')) === 'online');
    await agent.getByTestId('nav-supervisor').click();
    await agent.getByTestId('supervisor-page').waitFor();

    await agent.getByTestId('presence-select').selectOption('away');
    await until('away in the top bar', async () => (await agent.getByTestId('presence-switcher').getAttribute('data-status')) === 'away');
    await until('away in the queue, live', async () => (await agent.locator('[data-testid="supervisor-agent"][data-status="away"]').count()) === 1);
    const me = async () => (await call<AgentDto[]>('GET', '/api/agents')).body.find((a) => a.id === adminId)!;
    expect(await me()).toMatchObject({ status: 'away', autoAway: false });

    // A chosen status survives a reload: the console does not force the agent back online.
    await agent.reload();
    await agent.getByTestId('presence-switcher').waitFor();
    await until('still away after reload', async () => (await agent.getByTestId('presence-switcher').getAttribute('data-status')) === 'away');

    await agent.getByTestId('presence-select').selectOption('online');
    await until('online again', async () => (await me()).status === 'online');
    expect(await agent.getByTestId('presence-select').inputValue()).toBe('online');
  });

  it('speaks Russian on the new screens, durations included', async () => {
    const agent = await agentConsole('ru-RU');
    expect(await text(agent.getByTestId('nav-supervisor'))).toBe('Очередь');
    expect(await text(agent.getByTestId('nav-sla'))).toBe('Мой SLA');
    const countdown = agent.getByTestId('conversation-item').filter({ hasText: 'I need a refund for order 1042' }).getByTestId('sla-countdown');
    await countdown.waitFor();
    expect(await text(countdown)).toMatch(/^осталось \d+ (д|ч|мин|с)/);
    await agent.getByTestId('nav-teams').click();
    await agent.getByTestId('teams-admin-page').waitFor();
    expect(await text(agent.getByTestId('team-row'))).toContain('Refunds');
    // Nonsense in a form gets a clear message in the user's language, and nothing is saved.
    await agent.getByTestId('calendar-name').fill('Марс');
    await agent.getByTestId('calendar-zone').fill('Mars/Olympus');
    await agent.getByTestId('calendar-create').click();
    await agent.getByTestId('calendar-form').getByTestId('form-error').waitFor();
    expect(await text(agent.getByTestId('calendar-form').getByTestId('form-error'))).toContain('Неизвестный часовой пояс');
    expect((await call<BusinessCalendarDto[]>('GET', '/api/sla/calendars')).body.map((c) => c.name)).toEqual(['Office']);
  });
});
