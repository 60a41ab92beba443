import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import type { ConversationDto, MessageDto, SurveyDto } from '@parley/contracts';
import { SettingEntity } from '@parley/persistence';
import { signLegacySurveyLink } from '@parley/surveys';
import { startEmailEmulator, type RunningEmailEmulator } from '../../../tools/emulators/src/email/email.emulator';
import { freePort } from '../../api/test/email-harness';
import { api, login, RunningApp, startApp } from '../../api/test/harness';
import { eventually } from '../../api/test/twilio-fixture';
import { launchChromium, openConsole, openWidget, sayInWidget, waitForCount } from './browser';

const SUPPORT = 'support@shop.example';

describe('surveys after resolution, in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let token: string;
  let sink: RunningEmailEmulator;
  let emailInboxId: string;

  beforeAll(async () => {
    const smtpPort = await freePort();
    app = await startApp(undefined, { smtpInboundPort: smtpPort });
    browser = await launchChromium();
    token = (await login(app.url)).accessToken;
    sink = await startEmailEmulator({ host: '127.0.0.1', port: 0, smtpPort: 0, parleyUrl: app.url, parleySmtp: { host: '127.0.0.1', port: smtpPort }, defaultTo: SUPPORT });
    const inbox = await api(app.url, 'POST', '/api/inboxes', { name: 'Shop mail', channel: 'email', config: { address: SUPPORT, smtp: { host: '127.0.0.1', port: sink.smtpPort, secure: false } } }, token);
    expect(inbox.status).toBe(201);
    emailInboxId = inbox.body.id;
  });

  afterAll(async () => {
    await browser?.close();
    await sink?.close();
    await app?.close();
  });

  const agentConsole = (locale = 'en-US'): Promise<Page> => openConsole(browser, app.url, { locale, viewport: { width: 1360, height: 900 } });

  const visitor = (): Promise<Page> => openWidget(browser, app.url);
  const say = sayInWidget;

  const outbound = (shop: Page, text: string) => shop.locator('[data-testid="parley-message"][data-direction="outbound"]').filter({ hasText: text });

  /** The agent opens the visitor's conversation, replies and resolves it. */
  async function replyAndResolve(agent: Page, shop: Page, question: string, answer: string): Promise<void> {
    await say(shop, question);
    await agent.getByTestId('nav-inbox').click();
    await agent.getByTestId('conversation-item').filter({ hasText: question }).click();
    await agent.getByTestId('thread').getByTestId('message').filter({ hasText: question }).waitFor();
    await agent.getByTestId('reply-input').fill(answer);
    await agent.getByTestId('reply-send').click();
    await outbound(shop, answer).waitFor();
    await agent.getByTestId('resolve-button').click();
    await agent.getByTestId('conversation-status').filter({ hasText: 'Resolved' }).waitFor();
  }

  it('lets an admin set up the web chat survey, which the visitor answers in the widget, and shows the score and comment in the console', async () => {
    const agent = await agentConsole();
    await agent.getByTestId('nav-surveys').click();
    await agent.getByTestId('surveys-tab-settings').click();
    const demo = agent.getByTestId('survey-scope').filter({ hasText: 'Demo' }).first();
    await demo.click();
    const form = agent.getByTestId('survey-settings-form');
    await form.getByTestId('survey-type').selectOption('csat');
    await form.getByTestId('survey-throttleDays').fill('400');
    await form.getByTestId('survey-text-en-question').fill('Hi {{name}}! How did we do today? Pick {min} to {max}.');
    await form.getByTestId('survey-save').click();
    await form.getByText('A whole number of days from 0 to 365').waitFor();
    expect((await api(app.url, 'GET', '/api/surveys/settings', undefined, token)).body).toEqual([]);

    await form.getByTestId('survey-throttleDays').fill('30');
    expect(await form.getByTestId('survey-preview-en').textContent()).toContain('Hi Maria! How did we do today? Pick 1 to 5.');
    await form.getByTestId('survey-save').click();
    await form.getByTestId('survey-settings-ok').waitFor();
    await demo.filter({ hasText: 'CSAT · after 0 min · once per 30 d' }).waitFor();

    const shop = await visitor();
    await replyAndResolve(agent, shop, 'Is the teapot dishwasher-safe?', 'Yes, the glass one is');

    const question = outbound(shop, 'How did we do today? Pick 1 to 5.');
    await question.waitFor();
    const rating = question.getByTestId('parley-rate');
    expect(await rating.allTextContents()).toEqual(['1', '2', '3', '4', '5']);
    await rating.filter({ hasText: '4' }).click();
    await outbound(shop, 'What is the main reason for your score?').waitFor();
    expect(await waitForCount(shop.getByTestId('parley-rate'), 0)).toBe(0);
    await say(shop, 'Quick and friendly answer, thank you');
    await outbound(shop, 'Thank you for your feedback').waitFor();

    const timeline = agent.getByTestId('customer-panel').getByTestId('timeline');
    await timeline.locator('[data-testid="timeline-item"][data-type="survey_answered"]').filter({ hasText: 'Survey answered: 4 of 5' }).first().waitFor();
    await timeline.locator('[data-testid="timeline-item"][data-type="survey_answered"]').filter({ hasText: 'Quick and friendly answer' }).waitFor();
    await timeline.locator('[data-testid="timeline-item"][data-type="survey_sent"]').first().waitFor();
    expect(await agent.getByTestId('conversation-status').textContent()).toContain('Resolved');
    await agent.getByTestId('thread').getByTestId('message').filter({ hasText: 'Quick and friendly answer' }).waitFor();

    await agent.getByTestId('nav-surveys').click();
    const trend = agent.getByTestId('surveys-trend');
    await trend.waitFor();
    expect(await trend.getAttribute('data-type')).toBe('csat');
    expect(await trend.getByTestId('surveys-trend-bar').count()).toBe(1);
    expect(await trend.textContent()).toContain('Satisfied (4–5)');
  });

  it('alerts supervisors live about a detractor, with a link to the conversation', async () => {
    const agent = await agentConsole();
    const shop = await visitor();
    await replyAndResolve(agent, shop, 'My order came without the lid', 'Sorry about that');
    await outbound(shop, 'How did we do today?').getByTestId('parley-rate').filter({ hasText: '1' }).click();

    const alert = agent.getByTestId('detractor-alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Low score: CSAT 1');
    await agent.getByTestId('nav-surveys').click();
    await agent.getByTestId('surveys-page').waitFor();
    await alert.getByTestId('detractor-open').click();
    await agent.getByTestId('thread').getByTestId('message').filter({ hasText: 'My order came without the lid' }).waitFor();
    expect(await agent.getByTestId('detractor-alert').count()).toBe(0);
  });

  describe('the hosted page behind email score links', () => {
    const seen = new Set<string>();
    const surveysOf = async (conversationId: string) => (await api<SurveyDto[]>(app.url, 'GET', `/api/surveys?conversationId=${conversationId}`, undefined, token)).body;

    /** A customer emails, the agent replies and resolves; returns the conversation and its survey links. */
    async function emailSurvey(from: string, text: string): Promise<{ conversationId: string; link(score: number): string }> {
      await sink.sendAsCustomer({ from, to: SUPPORT, subject: 'Question', text });
      const conversation = await eventually(async () => {
        const list = await api<{ items: ConversationDto[] }>(app.url, 'GET', `/api/conversations?inboxId=${emailInboxId}&status=open&limit=100`, undefined, token);
        return list.body.items.find((c) => !seen.has(c.id));
      }, 'the email conversation');
      seen.add(conversation.id);
      await api(app.url, 'POST', `/api/conversations/${conversation.id}/messages`, { content: 'Done, see you soon' }, token);
      await api(app.url, 'POST', `/api/conversations/${conversation.id}/status`, { status: 'resolved' }, token);
      const question = await eventually(async () => {
        const messages = await api<{ items: MessageDto[] }>(app.url, 'GET', `/api/conversations/${conversation.id}/messages`, undefined, token);
        return messages.body.items.find((m) => m.content.includes('/surveys/answer/'));
      }, 'the survey email');
      return {
        conversationId: conversation.id,
        link: (score: number) => `${app.url}${question.content.match(new RegExp(`^${score}: https?://[^/]+(/surveys/answer/\\S+)$`, 'm'))![1]}`,
      };
    }

    beforeAll(async () => {
      expect((await api(app.url, 'PUT', '/api/surveys/settings', { scope: 'inbox', scopeId: emailInboxId, type: 'csat', delayMinutes: 0 }, token)).status).toBe(200);
    });

    it('works without JavaScript: the link only pre-selects the score, the button records it, then the "why?"', async () => {
      const { conversationId, link } = await emailSurvey('olga@example.com', 'The kettle lid does not close');
      const page = await (await browser.newContext({ javaScriptEnabled: false, locale: 'en-US' })).newPage();
      const opened = await page.goto(link(2));
      expect(opened?.status()).toBe(200);
      expect(await page.getByRole('radio', { name: '2' }).isChecked()).toBe(true);
      expect(await page.getByRole('radio', { name: '5' }).isChecked()).toBe(false);
      expect(await page.locator('script').count()).toBe(0);
      // Opening the link (as a mail scanner does) recorded nothing.
      expect((await surveysOf(conversationId))[0]).toMatchObject({ state: 'sent', response: null });

      await page.getByRole('button', { name: 'Confirm my score' }).click();
      await page.getByText('Your score: 2.').waitFor();
      expect((await surveysOf(conversationId))[0]).toMatchObject({ state: 'awaiting_comment', response: { score: 2 } });
      await page.getByLabel('What is the main reason for your score?').fill('The replacement lid took two weeks, awful');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText('Thank you for your feedback!').waitFor();
      const survey = await eventually(async () => (await surveysOf(conversationId)).find((s) => s.state === 'completed'), 'the completed survey');
      expect(survey.response).toMatchObject({ score: 2, comment: 'The replacement lid took two weeks, awful', commentSentiment: 'negative' });

      await page.goto(link(5));
      await page.getByText('You have already answered this survey. Your score: 2.').waitFor();
      expect(await page.getByRole('radio').count()).toBe(0);
    });

    it('shows a clear page for a forged or expired link and records nothing; a genuine link also works with scripts on', async () => {
      const { conversationId, link } = await emailSurvey('pavel@example.com', 'Can I change the delivery address?');
      const surveyId = (await surveysOf(conversationId))[0].id;
      const secret = (await app.app.get(DataSource).getRepository(SettingEntity).findOneByOrFail({ key: 'survey_link_secret' })).value;
      const expired = signLegacySurveyLink(secret, surveyId, new Date(Date.now() - 60_000));
      const forged = signLegacySurveyLink('not-the-secret', surveyId, new Date(Date.now() + 86_400_000));

      const page = await (await browser.newContext({ javaScriptEnabled: false, locale: 'en-US' })).newPage();
      for (const bad of [expired, forged, `${link(5).split('/').pop()!.split('?')[0]}x`]) {
        const res = await page.goto(`${app.url}/surveys/answer/${bad}?score=5`);
        expect(res?.status()).toBe(410);
        await page.getByText('This link is no longer valid.').waitFor();
        await page.getByText('Ссылка больше не действительна.').waitFor();
        expect(await page.getByRole('button').count()).toBe(0);
      }
      expect((await surveysOf(conversationId))[0]).toMatchObject({ state: 'sent', response: null });

      const live = await (await browser.newContext({ locale: 'en-US' })).newPage();
      await live.goto(link(5));
      expect(await live.getByRole('radio', { name: '5' }).isChecked()).toBe(true);
      await live.getByText('4', { exact: true }).click();
      await live.getByRole('button', { name: 'Confirm my score' }).click();
      await live.getByText('Your score: 4.').waitFor();
      expect((await surveysOf(conversationId))[0]).toMatchObject({ response: { score: 4 } });
    });
  });
});
