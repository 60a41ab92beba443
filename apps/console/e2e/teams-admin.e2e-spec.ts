import type { Browser, Locator, Page } from 'playwright-core';
import type { RoutingRuleDto, SlaPolicyDto, TeamDto } from '@parley/contracts';
import { api, login, RunningApp, startApp } from '../../api/test/harness';
import { launchChromium, openConsole, textOf as text, until } from './browser';


describe('an admin edits teams, rules and SLA policies on the Teams & SLA screen, in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let token: string;
  const agents: Record<'olga' | 'pavel', string> = { olga: '', pavel: '' };
  const call = <T = any>(method: string, path: string, body?: unknown) => api<T>(app.url, method, path, body, token);

  beforeAll(async () => {
    app = await startApp();
    browser = await launchChromium();
    token = (await login(app.url)).accessToken;
    for (const [key, name] of [['olga', 'Olga Returns'], ['pavel', 'Pavel Exchanges']] as const) {
      const res = await call('POST', '/api/users', { name, email: `${key}@parley.test`, password: 'agent-password-1', role: 'agent' });
      expect(res.status).toBe(201);
      agents[key] = res.body.id;
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function teamsScreen(locale = 'en-US'): Promise<Page> {
    const page = await openConsole(browser, app.url, { locale, viewport: { width: 1440, height: 900 }, acceptDialogs: true });
    await page.getByTestId('nav-teams').click();
    await page.getByTestId('teams-admin-page').waitFor();
    return page;
  }

  const member = (form: Locator, id: string) => form.locator(`[data-testid="team-member"][data-agent-id="${id}"]`);

  it('creates a team with members and a lead, edits it, and the edits are there after a reload', async () => {
    const page = await teamsScreen();
    const form = page.getByTestId('team-form');
    await form.getByTestId('team-name').fill('Returns');
    await form.getByTestId('team-strategy').selectOption('least_busy');
    await member(form, agents.olga).check();
    await member(form, agents.pavel).check();
    await form.getByTestId('team-lead').selectOption(agents.olga);
    await form.getByTestId('team-create').click();
    const row = page.getByTestId('team-row').filter({ hasText: 'Returns' });
    await row.waitFor();
    expect(await text(row)).toContain('2 members');
    expect(await text(row.getByTestId('team-row-lead'))).toBe('lead: Olga Returns');
    // The create form is empty again.
    expect(await form.getByTestId('team-name').inputValue()).toBe('');

    // Edit: the form fills with the team; change name, routing, members and lead.
    await row.getByTestId('team-edit').click();
    expect(await text(form.getByTestId('editing-banner'))).toBe('Editing the team “Returns”');
    expect(await form.getByTestId('team-name').inputValue()).toBe('Returns');
    expect(await form.getByTestId('team-lead').inputValue()).toBe(agents.olga);
    expect(await member(form, agents.olga).isChecked()).toBe(true);
    await form.getByTestId('team-name').fill('Returns & exchanges');
    await form.getByTestId('team-strategy').selectOption('skills');
    await member(form, agents.olga).uncheck();
    await form.getByTestId('team-lead').selectOption(agents.pavel);
    await form.getByTestId('team-sticky').uncheck();
    await form.getByTestId('team-save').click();
    await until('the edit form closes', async () => (await form.getByTestId('editing-banner').count()) === 0);
    const edited = page.getByTestId('team-row').filter({ hasText: 'Returns & exchanges' });
    await edited.waitFor();
    expect(await page.getByTestId('team-row').count()).toBe(1);

    // Impossible input is refused in words, and nothing changes.
    await edited.getByTestId('team-edit').click();
    await form.getByTestId('team-overflow-after').fill('-3');
    await form.getByTestId('team-save').click();
    expect(await text(form.getByTestId('form-error'))).toContain('Overflow after (min): enter a whole number from 1 to 10080.');
    await form.getByTestId('team-cancel').click();

    await page.reload();
    await page.getByTestId('teams-admin-page').waitFor();
    const after = page.getByTestId('team-row').filter({ hasText: 'Returns & exchanges' });
    await after.waitFor();
    expect(await text(after)).toContain('Skills-based');
    expect(await text(after)).toContain('1 member');
    expect(await text(after.getByTestId('team-row-lead'))).toBe('lead: Pavel Exchanges');
    await after.getByTestId('team-edit').click();
    expect(await form.getByTestId('team-lead').inputValue()).toBe(agents.pavel);
    expect(await member(form, agents.olga).isChecked()).toBe(false);
    expect(await member(form, agents.pavel).isChecked()).toBe(true);
    expect(await form.getByTestId('team-sticky').isChecked()).toBe(false);

    const [team] = (await call<TeamDto[]>('GET', '/api/teams')).body;
    expect(team).toMatchObject({ name: 'Returns & exchanges', strategy: 'skills', sticky: false, leadId: agents.pavel, memberIds: [agents.pavel] });
  });

  it('creates and edits an SLA policy with escalation actions, kept after a reload', async () => {
    const page = await teamsScreen();
    const form = page.getByTestId('policy-form');
    await form.getByTestId('policy-name').fill('Gold');
    await form.getByTestId('target-normal-firstResponseSeconds').fill('30');
    // New policies start with "notify supervisors" on warning, "notify + raise priority" on breach.
    expect(await form.getByTestId('escalation-warning-notify_supervisors').isChecked()).toBe(true);
    expect(await form.getByTestId('escalation-breach-raise_priority').isChecked()).toBe(true);
    await form.getByTestId('escalation-breach-raise_priority').uncheck();
    await form.getByTestId('escalation-breach-reassign').check();
    await form.getByTestId('policy-create').click();
    const row = page.getByTestId('policy-row').filter({ hasText: 'Gold' });
    await row.waitFor();
    expect(await text(row.getByTestId('policy-row-escalation'))).toBe('On warning: notify supervisors. On breach: notify supervisors, reassign to another agent.');
    expect(await text(row)).toContain('first response 30m');

    await row.getByTestId('policy-edit').click();
    expect(await text(form.getByTestId('editing-banner'))).toBe('Editing the policy “Gold”');
    expect(await form.getByTestId('target-normal-firstResponseSeconds').inputValue()).toBe('30');
    expect(await form.getByTestId('escalation-breach-reassign').isChecked()).toBe(true);
    await form.getByTestId('policy-name').fill('Gold plus');
    await form.getByTestId('policy-warn').fill('70');
    await form.getByTestId('target-normal-firstResponseSeconds').fill('20');
    await form.getByTestId('escalation-warning-notify_supervisors').uncheck();
    await form.getByTestId('escalation-warning-raise_priority').check();
    await form.getByTestId('policy-save').click();
    await until('the edit form closes', async () => (await form.getByTestId('editing-banner').count()) === 0);

    await page.reload();
    await page.getByTestId('teams-admin-page').waitFor();
    const after = page.getByTestId('policy-row').filter({ hasText: 'Gold plus' });
    await after.waitFor();
    expect(await text(after)).toContain('warn at 70%');
    expect(await text(after)).toContain('first response 20m');
    expect(await text(after.getByTestId('policy-row-escalation'))).toBe('On warning: raise priority. On breach: notify supervisors, reassign to another agent.');
    await after.getByTestId('policy-edit').click();
    expect(await form.getByTestId('policy-warn').inputValue()).toBe('70');
    expect(await form.getByTestId('escalation-warning-raise_priority').isChecked()).toBe(true);
    expect(await form.getByTestId('escalation-warning-notify_supervisors').isChecked()).toBe(false);

    const [policy] = (await call<SlaPolicyDto[]>('GET', '/api/sla/policies')).body;
    expect(policy).toMatchObject({ name: 'Gold plus', warnAtPercent: 70, escalation: { warning: ['raise_priority'], breach: ['notify_supervisors', 'reassign'] } });
    expect(policy.targets.normal.firstResponseSeconds).toBe(1200);

    // The team can take the policy from its form.
    const teamRow = page.getByTestId('team-row').filter({ hasText: 'Returns & exchanges' });
    await teamRow.getByTestId('team-edit').click();
    await page.getByTestId('team-form').getByTestId('team-policy').selectOption(policy.id);
    await page.getByTestId('team-form').getByTestId('team-save').click();
    await until('team shows its policy', async () => (await text(teamRow)).includes('SLA: Gold plus'));
  });

  it('edits and deletes a routing rule, in Russian', async () => {
    const [team] = (await call<TeamDto[]>('GET', '/api/teams')).body;
    expect((await call('POST', '/api/routing/rules', { teamId: team.id, keywords: ['refund'] })).status).toBe(201);
    const page = await teamsScreen('ru-RU');
    const row = page.getByTestId('rule-row');
    await row.waitFor();
    await row.getByTestId('rule-edit').click();
    const form = page.getByTestId('rule-form');
    expect(await text(form.getByTestId('editing-banner'))).toBe('Изменение правила 1');
    await form.getByTestId('rule-language').selectOption('ru');
    await form.getByTestId('rule-keywords').fill('возврат, обмен');
    await form.getByTestId('rule-save').click();
    await until('rule edited', async () => (await text(row)).includes('возврат, обмен'));
    expect(await text(row)).toContain('Язык: Русский');
    expect((await call<RoutingRuleDto[]>('GET', '/api/routing/rules')).body[0]).toMatchObject({ language: 'ru', keywords: ['возврат', 'обмен'] });
    await row.getByTestId('rule-delete').click();
    await until('rule deleted', async () => (await page.getByTestId('rule-row').count()) === 0);
    expect((await call<RoutingRuleDto[]>('GET', '/api/routing/rules')).body).toEqual([]);
  });
});
