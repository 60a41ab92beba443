import type { Browser, Page } from 'playwright-core';
import { createTransport } from 'nodemailer';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { SupervisorQueueDto, TeamDto } from '@parley/contracts';
import { newId } from '@parley/domain';
import { SlaTimerEntity, SurveyEntity, SurveyResponseEntity } from '@parley/persistence';
import { SlaScheduler } from '@parley/sla';
import { api, login, RunningApp, startApp } from '../../api/test/harness';
import { freePort } from '../../api/test/email-harness';
import { launchChromium, openConsole, textOf as text, until } from './browser';

const SUPPORT = 'support@shop.example';

describe('supervisor and agent details in the console, in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let token: string;
  let smtpPort: number;
  let refunds: TeamDto;
  let idle: TeamDto;
  const call = <T = any>(method: string, path: string, body?: unknown) => api<T>(app.url, method, path, body, token);
  const b64 = (s: string) => `=?UTF-8?B?${Buffer.from(s).toString('base64')}?=`;

  beforeAll(async () => {
    smtpPort = await freePort();
    app = await startApp(undefined, { smtpInboundPort: smtpPort });
    browser = await launchChromium();
    token = (await login(app.url)).accessToken;
    const inbox = await call('POST', '/api/inboxes', { name: 'Почта', channel: 'email', config: { address: SUPPORT, smtp: { host: '127.0.0.1', port: 9, secure: false } } });
    expect(inbox.status).toBe(201);
    const targets = { firstResponseSeconds: 3600, nextResponseSeconds: null, resolutionSeconds: null };
    const policy = await call('POST', '/api/sla/policies', {
      name: 'Почта', isDefault: true, targets: { low: targets, normal: targets, high: targets, urgent: targets },
      escalation: { warning: [], breach: ['notify_supervisors'] },
    });
    expect(policy.status).toBe(201);
    const olga = await call('POST', '/api/users', { name: 'Ольга', email: 'olga@parley.test', password: 'agent-password-1', role: 'agent' });
    // No members: what it is routed stays waiting, so the Queue has something to list.
    refunds = (await call<TeamDto>('POST', '/api/teams', { name: 'Возвраты', memberIds: [] })).body;
    idle = (await call<TeamDto>('POST', '/api/teams', { name: 'Без правил', memberIds: [olga.body.id] })).body;
    expect((await call('POST', '/api/routing/rules', { teamId: refunds.id, keywords: ['возврат'] })).status).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Мария mails in; resolves with her conversation once routing has put it in the team's queue. */
  async function mariaWrites(text: string, name = 'Мария Иванова'): Promise<string> {
    const from = `maria.${randomBytes(3).toString('hex')}@example.ru`;
    await createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true }).sendMail({
      envelope: { from, to: [SUPPORT] },
      raw: `From: ${b64(name)} <${from}>\r\nTo: ${SUPPORT}\r\nSubject: ${b64('Возврат')}\r\nMessage-ID: <${randomBytes(6).toString('hex')}@example.ru>\r\n` +
        `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${text}\r\n`,
    });
    let id = '';
    await until('routed to Возвраты', async () => {
      const q = (await call<SupervisorQueueDto>('GET', '/api/supervisor/queue')).body;
      id = q.teams.find((x) => x.teamId === refunds.id)?.conversations.find((r) => r.customerName === name)?.conversationId ?? '';
      return !!id;
    }, 20_000);
    return id;
  }

  /** Time passes: the first-response deadline is moved to just now, so the clock breaches (and escalates). */
  async function overdue(conversationId: string): Promise<void> {
    const repo = app.app.get(DataSource).getRepository(SlaTimerEntity);
    let timer: SlaTimerEntity | null = null;
    await until('first response clock', async () => !!(timer = await repo.findOneBy({ conversationId, metric: 'first_response' as never })));
    const past = new Date(Date.now() - 5 * 60_000 - 1000);
    await repo.update({ id: timer!.id }, { dueAt: past, warnAt: past, nextFireAt: new Date(Date.now() - 1000), version: timer!.version + 1 });
    // A row moved behind SlaService's back is scheduled by the SLA sweep (every minute): run it now.
    await app.app.get(SlaScheduler).sweep();
  }

  it('lists and links each team\'s waiting conversations, names the email customer, and warns of a team no rule feeds', async () => {
    const id = await mariaWrites('Хочу возврат за чайник');
    const page = await openConsole(browser, app.url, { viewport: { width: 1440, height: 860 } });
    await page.getByTestId('nav-supervisor').click();
    const team = page.locator(`[data-testid="supervisor-team"][data-team-id="${refunds.id}"]`);
    const row = team.locator(`[data-testid="waiting-conversation"][data-conversation-id="${id}"]`);
    await row.waitFor();
    expect(await text(row)).toContain('Мария Иванова');
    expect(await text(row)).not.toContain('Anonymous visitor');
    expect(await text(row.getByTestId('sla-countdown'))).toMatch(/^\d+ (min|h)( \d{2} min)? left$/);
    // The count says what the list shows.
    const listed = await team.getByTestId('waiting-conversation').count();
    expect(await text(team)).toContain(`${listed} waiting`);
    // The team with a member and no rule says so, with a way to add one.
    const warning = page.locator(`[data-testid="supervisor-team"][data-team-id="${idle.id}"]`).getByTestId('no-routing-rule');
    expect(await text(warning)).toContain('No routing rule: this team receives no conversations');

    await row.locator('a').click();
    await until('conversation opened', async () => page.url().endsWith(`/conversations/${id}`));
    await page.getByTestId('conversation-customer-name').filter({ hasText: 'Мария Иванова' }).waitFor();

    // The warning's link goes to the rule form with the team chosen.
    await page.getByTestId('nav-teams').click();
    await page.locator(`[data-testid="team-row"][data-team-id="${idle.id}"]`).getByTestId('no-routing-rule-add').click();
    await until('team chosen in the rule form', async () => (await page.getByTestId('rule-team').inputValue()) === idle.id);
  });

  it('names the conversation in a toast that closes by itself, clear of the composer, at desktop and phone widths', async () => {
    for (const viewport of [{ width: 1440, height: 860 }, { width: 390, height: 844 }]) {
      const name = `Мария ${viewport.width}`;
      const id = await mariaWrites(`Хочу возврат, заказ ${viewport.width}`, name);
      const page = await openConsole(browser, app.url, { viewport });
      await page.goto(`${app.url}/conversations/${id}`);
      const send = page.getByTestId('reply-send');
      await send.waitFor();
      await overdue(id);
      const toast = page.locator(`[data-testid="sla-escalation"][data-conversation-id="${id}"]`);
      await toast.waitFor();
      await until('toast names the conversation', async () => (await text(toast.getByTestId('toast-conversation'))) === `${name} · Email`);
      const box = (await toast.boundingBox())!;
      for (const part of [page.locator('.reply'), send]) {
        const other = (await part.boundingBox())!;
        const overlaps = box.x < other.x + other.width && other.x < box.x + box.width && box.y < other.y + other.height && other.y < box.y + box.height;
        expect(overlaps).toBe(false);
      }
      await until('toast closed on its own', async () => (await toast.count()) === 0, 40_000);
      await page.context().close();
    }
  });

  it('says on the SLA pill whether time is left or overdue, in English and Russian', async () => {
    const waiting = await mariaWrites('Возврат: ещё есть время', 'Анна');
    const late = await mariaWrites('Возврат: уже опоздали', 'Борис');
    await overdue(late);
    for (const [locale, left, over] of [['en-US', /^\d+ (min|h|s)( \d{2} min)? left$/, /^overdue by 5 min$/], ['ru-RU', /^осталось \d+ (мин|ч|с)( \d{2} мин)?$/, /^просрочено на 5 мин$/]] as const) {
      const page = await openConsole(browser, app.url, { locale, viewport: { width: 1440, height: 860 } });
      const pill = (id: string) => page.locator(`[data-testid="conversation-item"][data-conversation-id="${id}"]`).getByTestId('sla-countdown');
      await until(`pills in ${locale}`, async () => left.test(await text(pill(waiting))) && over.test(await text(pill(late))));
      expect(await pill(late).getAttribute('data-tone')).toBe('breached');
      await page.context().close();
    }
  });

  it('reports a single CSAT 2 as "average 2.0 of 5 · 0 % satisfied" and names its groups', async () => {
    const conversationId = await mariaWrites('Возврат: оцениваю на двойку', 'Вера');
    const conversation = (await call('GET', `/api/conversations/${conversationId}`)).body;
    const db = app.app.get(DataSource);
    const surveyId = newId();
    const at = new Date();
    const common = { conversationId, customerId: conversation.customerId, teamId: refunds.id, agentId: null, channel: 'email', type: 'csat' };
    await db.getRepository(SurveyEntity).insert({ id: surveyId, ...common, inboxId: conversation.inboxId, state: 'completed', skipReason: null, language: 'ru', reasks: 0, resolvedAt: at, sentAt: at, updatedAt: at });
    await db.getRepository(SurveyResponseEntity).insert({ surveyId, ...common, score: 2, comment: null, commentSentiment: null, commentSentimentScore: null, answeredAt: at });

    const page = await openConsole(browser, app.url, { viewport: { width: 1440, height: 860 } });
    await page.getByTestId('nav-surveys').click();
    const row = page.getByTestId('surveys-report').locator('tbody tr');
    await row.first().waitFor();
    expect(await text(row.locator('td').nth(1))).toBe('Возвраты');
    const score = await text(row.getByTestId('survey-score'));
    expect(score).toContain('average 2.0 of 5');
    expect(score).toContain('0 % satisfied');
    expect(score).toContain('1 response');
    await page.getByTestId('surveys-group-by').selectOption('inbox');
    await until('grouped by inbox name', async () => (await text(row.locator('td').nth(1))) === 'Почта');
    await page.getByTestId('surveys-group-by').selectOption('channel');
    await until('channel in words', async () => (await text(row.locator('td').nth(1))) === 'Email');
    await page.getByTestId('language-select').selectOption('ru');
    await until('Russian score', async () => (await text(row.getByTestId('survey-score'))).startsWith('среднее 2,0 из 5'));
    expect(await text(row.locator('td').nth(1))).toBe('Эл. почта');
    // The admin's choice is stored on the account: put it back for the other tests.
    await call('PATCH', '/api/users/me', { locale: null });
  });

  it('keeps each user\'s language across sign-out and a new browser', async () => {
    await call('POST', '/api/users', { name: 'Светлана', email: 'svetlana@parley.test', password: 'supervisor-password-1', role: 'supervisor' });
    const creds = { email: 'svetlana@parley.test', password: 'supervisor-password-1' };
    const first = await openConsole(browser, app.url, { ...creds, locale: 'en-US' });
    expect(await text(first.getByTestId('nav-supervisor'))).toBe('Queue');
    await first.getByTestId('language-select').selectOption('ru');
    await until('Russian now', async () => (await text(first.getByTestId('nav-supervisor'))) === 'Очередь');
    await until('saved to the account', async () => (await login(app.url, creds)).user.locale === 'ru');
    await first.getByTestId('logout').click();
    await first.getByTestId('login-email').waitFor();
    await first.context().close();

    // A new browser whose own language is English: the account's choice wins after sign-in.
    const second = await openConsole(browser, app.url, { ...creds, locale: 'en-US' });
    await until('Russian after sign-in', async () => (await text(second.getByTestId('nav-supervisor'))) === 'Очередь');
    expect(await second.evaluate(() => document.documentElement.lang)).toBe('ru');
  });
});
