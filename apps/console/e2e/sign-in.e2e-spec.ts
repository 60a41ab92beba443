import type { Browser } from 'playwright-core';
import { api, useRunningApp } from '../../api/test/harness';
import { launchChromium, openConsole, until } from './browser';

const AGENT = { name: 'Зоя', email: 'zoya@parley.test', password: 'пароль-зои-надёжный' };

describe('signing in and out of the console, in Chromium', () => {
  const t = useRunningApp();
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    const res = await api(t.url, 'POST', '/api/users', { ...AGENT, role: 'agent' }, t.token);
    if (res.status !== 201) throw new Error(`agent not created: ${res.status}`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('keeps no token in page storage, stays signed in across a reload, and signs out for good', async () => {
    const page = await openConsole(browser, t.url);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(stored).not.toMatch(/eyJ/);
    expect(await page.evaluate(() => document.cookie)).toBe('');

    await page.reload();
    await page.getByTestId('conversation-list').waitFor();

    await page.getByTestId('logout').click();
    await page.getByTestId('login-email').waitFor();
    await page.reload();
    await page.getByTestId('login-email').waitFor();
    expect(await page.getByTestId('conversation-list').count()).toBe(0);
  });

  it('sends a disabled agent back to the login page and refuses their sign-in until enabled again', async () => {
    const agent = await openConsole(browser, t.url, { email: AGENT.email, password: AGENT.password });
    const admin = await openConsole(browser, t.url);
    await admin.getByTestId('nav-admin').click();
    const row = admin.getByTestId('user-row').filter({ hasText: AGENT.email });
    await row.getByTestId('user-toggle-disabled').click();
    await row.getByTestId('user-disabled').waitFor();

    await agent.getByTestId('login-session-ended').waitFor({ timeout: 15_000 });
    await agent.getByTestId('login-email').fill(AGENT.email);
    await agent.getByTestId('login-password').fill(AGENT.password);
    await agent.getByTestId('login-submit').click();
    await until('the refusal is shown', async () => (await agent.getByTestId('login-error').count()) > 0);
    expect(await agent.getByTestId('login-error').textContent()).toBe('This account is disabled. Ask an admin to enable it.');

    await row.getByTestId('user-toggle-disabled').click();
    await until('the agent is enabled', async () => (await row.getByTestId('user-disabled').count()) === 0);
    await agent.getByTestId('login-submit').click();
    await agent.getByTestId('conversation-list').waitFor();
  });
});
