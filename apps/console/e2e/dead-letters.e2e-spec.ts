import type { Browser } from 'playwright-core';
import { INBOUND_QUEUE } from '@parley/conversations';
import { JOB_QUEUE, JobQueue } from '@parley/queue';
import { api, login, RunningApp, startApp } from '../../api/test/harness';
import { launchChromium, openConsole, until } from './browser';

describe('failed jobs in the admin settings, in Chromium', () => {
  let t: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows a job that failed for good with its reason, and replays it once', async () => {
    // An inbound job no parser would produce (no sender): it fails on every attempt.
    await t.app.get<JobQueue>(JOB_QUEUE).add(INBOUND_QUEUE, 'ingest', { inboxId: 'missing', content: 'Здравствуйте, где мой заказ?' }, { jobId: 'e2e-poison', attempts: 1 });
    const { accessToken } = await login(t.url);
    await until('the job to be a dead letter', async () => (await api<{ jobId: string }[]>(t.url, 'GET', '/api/dead-letters', undefined, accessToken)).body.some((d) => d.jobId === 'e2e-poison'));

    const admin = await openConsole(browser, t.url, { locale: 'ru-RU' });
    await admin.getByTestId('nav-admin').click();
    const row = admin.getByTestId('dead-letter-row').filter({ hasText: 'inbound / ingest' });
    await row.waitFor();
    expect(await row.textContent()).toContain('«Здравствуйте, где мой заказ?»');
    expect(await row.textContent()).toContain('1 попытка');
    await row.getByTestId('dead-letter-replay').click();
    await row.getByTestId('dead-letter-replayed').waitFor();
    expect(await row.getByTestId('dead-letter-replayed').textContent()).toMatch(/^Повторена /);
    expect(await row.getByTestId('dead-letter-replay').count()).toBe(0);
  });
});
