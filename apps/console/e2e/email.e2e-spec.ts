import type { Browser, Page } from 'playwright-core';
import { createTransport } from 'nodemailer';
import { ADMIN, RunningApp, startApp } from '../../api/test/harness';
import { fixture, freePort } from '../../api/test/email-harness';
import { launchChromium, openConsole } from './browser';

describe('an email conversation in the agent console, in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let smtpPort: number;

  beforeAll(async () => {
    smtpPort = await freePort();
    app = await startApp(undefined, { smtpInboundPort: smtpPort });
    browser = await launchChromium();
    const { accessToken } = await (await fetch(`${app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })).json();
    const created = await fetch(`${app.url}/api/inboxes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ name: 'Support', channel: 'email', config: { address: 'support@shop.example', smtp: { host: '127.0.0.1', port: 9, secure: false } } }),
    });
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const relay = (raw: Buffer, from: string) =>
    createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true }).sendMail({ envelope: { from, to: ['support@shop.example'] }, raw });

  const agentConsole = (): Promise<Page> => openConsole(browser, app.url);

  it('shows the HTML in a sandboxed frame with the quoted history collapsed behind a toggle', async () => {
    await relay(fixture('gmail-ru-reply.eml'), 'maria.petrova.88@gmail.com');
    const agent = await agentConsole();
    await agent.getByTestId('conversation-item').filter({ hasText: 'чайник поцарапан' }).click();
    const body = agent.getByTestId('thread').getByTestId('email-body');
    await body.waitFor();
    expect(await body.textContent()).toContain('Re: Заказ №10482 отправлен');
    const frame = body.locator('iframe');
    expect(await frame.getAttribute('sandbox')).not.toContain('allow-scripts');
    const inside = agent.frameLocator('[data-testid="email-body"] iframe').locator('body');
    await inside.getByText('Можно обменять?').waitFor();
    expect(await inside.textContent()).not.toContain('трек-номер');

    await body.getByRole('button', { name: 'Show quoted text' }).click();
    await inside.getByText('трек-номер RU123456789', { exact: false }).waitFor();
    await body.getByRole('button', { name: 'Hide quoted text' }).waitFor();
  });

  it('runs nothing a hostile mail carries', async () => {
    await relay(fixture('html-hostile.eml'), 'promo@spam.example');
    const agent = await agentConsole();
    const alerts: string[] = [];
    agent.on('dialog', (d) => {
      alerts.push(d.message());
      void d.dismiss();
    });
    await agent.getByTestId('conversation-item').filter({ hasText: 'Hello agent' }).click();
    const inside = agent.frameLocator('[data-testid="email-body"] iframe').locator('body');
    await inside.getByText('track order').waitFor();
    expect(await inside.locator('script, iframe, form, svg').count()).toBe(0);
    expect(await inside.getByText('track order').getAttribute('target')).toBe('_blank');
    expect(alerts).toEqual([]);
  });
});
