import { loadConfig } from '@parley/runtime';
import { startEmailEmulator, type RunningEmailEmulator } from '../../../tools/emulators/src/email/email.emulator';
import { startTelegram, type RunningTelegramEmulator } from '../../../tools/emulators/src/telegram/telegram.emulator';
import { startTwilioEmulator, type TwilioEmulator } from '../../../tools/emulators/src/twilio/twilio-emulator';
import { startViber, type RunningViberEmulator } from '../../../tools/emulators/src/viber/viber.emulator';
import { InboxesService } from '../src/inboxes/inboxes.service';
import { freePort } from './email-harness';
import { login, testEnv, type RunningApp, type TestEnv } from './harness';

/**
 * Parley as `npm start` runs it in demo mode: the channel emulators first, then the api with
 * PARLEY_DEMO_EMULATORS naming them and PUBLIC_URL its own address, so the demo inboxes are
 * created (and configured against the emulators) once it listens, exactly as on a laptop.
 */
export interface DemoStack {
  app: RunningApp;
  url: string;
  /** The admin's access token. */
  token: string;
  env: TestEnv;
  twilio: TwilioEmulator;
  telegram: RunningTelegramEmulator;
  email: RunningEmailEmulator;
  viber: RunningViberEmulator;
  /** Stops the api only (the emulators keep running): restart with `startDemoStack(stack)`. */
  stopApp(): Promise<void>;
  close(): Promise<void>;
}

export async function startDemoStack(previous?: DemoStack): Promise<DemoStack> {
  const env = previous?.env ?? (await testEnv());
  const port = previous ? new URL(previous.url).port : String(await freePort());
  const smtpInboundPort = previous?.app.config.smtpInboundPort ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const twilio = previous?.twilio ?? (await startTwilioEmulator({ host: '127.0.0.1', port: 0, parleyUrl: url, statusStepMs: 50 }));
  const telegram = previous?.telegram ?? (await startTelegram({ host: '127.0.0.1', port: 0, parleyUrl: url }));
  const email = previous?.email
    ?? (await startEmailEmulator({ host: '127.0.0.1', port: 0, smtpPort: 0, parleyUrl: url, parleySmtp: { host: '127.0.0.1', port: smtpInboundPort } }));
  const viber = previous?.viber ?? (await startViber({ host: '127.0.0.1', port: 0, parleyUrl: url }));

  process.env.DATABASE_URL = env.DATABASE_URL;
  process.env.PARLEY_QUEUE_PREFIX = env.PARLEY_QUEUE_PREFIX;
  process.env.PARLEY_DEMO_EMULATORS = JSON.stringify({ twilio: twilio.url, telegram: telegram.url, email: email.url, viber: viber.url });
  const config = { ...loadConfig({ ...env, PORT: port, PUBLIC_URL: url } as unknown as NodeJS.ProcessEnv), smtpInboundPort };
  const { createApp } = await import('../src/bootstrap');
  const nest = await createApp(config);
  // As main.ts: the emulators' demo inboxes once the server listens (Viber's set_webhook calls it back).
  try {
    await nest.listen(Number(port), '127.0.0.1');
    await nest.get(InboxesService).setUpDemoEmulatorInboxes();
  } finally {
    delete process.env.PARLEY_DEMO_EMULATORS;
  }
  const app: RunningApp = { app: nest, url, config, close: () => nest.close() };
  const token = (await login(url)).accessToken;
  const stack: DemoStack = {
    app, url, token, env, twilio, telegram, email, viber,
    stopApp: () => app.close(),
    async close() {
      await app.close();
      await Promise.allSettled([twilio.close(), telegram.close(), email.close(), viber.close()]);
    },
  };
  return stack;
}

/** One demo stack per test file, with beforeAll/afterAll registered. */
export function useDemoStack(): DemoStack {
  const stack = {} as DemoStack;
  beforeAll(async () => {
    Object.assign(stack, await startDemoStack());
  });
  afterAll(async () => {
    await stack.close?.();
  });
  return stack;
}

