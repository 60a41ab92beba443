import { ChildProcess, spawn } from 'node:child_process';
import type { InboxDto, MessageDto } from '@parley/contracts';
import { startTwilioEmulator, TwilioEmulator } from '../../../tools/emulators/src/twilio/twilio-emulator';
import { api, login, startApp, testEnv } from './harness';
import { freePort } from './processes';
import { deliveryOf, eventually, inboundMessage, PUBLIC_URL, reply, SMS_NUMBER, TwilioSuite } from './twilio-fixture';

/** A Redis of this test's own, so that it can be stopped without touching anybody else's queue. */
function startRedis(port: number): Promise<ChildProcess> {
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    redis.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('Ready to accept connections')) resolve(redis);
    });
    redis.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
  });
}

describe('while Redis (the queue) is down', () => {
  const t = {} as TwilioSuite;
  let redisPort: number;
  let redis: ChildProcess | null = null;

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedis(redisPort);
    t.app = await startApp({ ...(await testEnv()), REDIS_URL: `redis://127.0.0.1:${redisPort}` }, { publicUrl: PUBLIC_URL });
    t.url = t.app.url;
    t.token = (await login(t.url)).accessToken;
    t.emulator = await startTwilioEmulator({ host: '127.0.0.1', port: 0, parleyUrl: t.url, statusStepMs: 5 });
    t.account = t.emulator.addAccount();
    t.sms = (await api<InboxDto>(t.url, 'POST', '/api/inboxes', { name: 'SMS', channel: 'sms', config: { ...t.account, from: SMS_NUMBER, apiBaseUrl: t.emulator.url } }, t.token)).body;
  });

  afterAll(async () => {
    // The app first: a reply queued once Redis came back may still be on its way to the emulator.
    await t.app?.close();
    await t.emulator?.close();
    redis?.kill('SIGKILL');
  });

  it('refuses them with 503 instead of acknowledging what it cannot keep, and takes them once Redis is back', async () => {
    await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79991600001', body: 'Где посылка?' });
    const inbound = await inboundMessage(t, t.sms, 'Где посылка?');
    t.emulator.muteStatusCallbacks();
    const sent = (await reply(t, inbound.conversationId, { content: 'Посылка в пути' })).body;
    const queued: MessageDto = await deliveryOf(t, sent, (m) => m.deliveryStatus === 'queued');
    await t.emulator.settled();
    t.emulator.muteStatusCallbacks(false);
    const [atTwilio] = t.emulator.list({ direction: 'outbound-api', to: '+79991600001' });

    const stopped = new Promise((resolve) => redis!.once('exit', resolve));
    redis!.kill('SIGKILL');
    await stopped;
    expect(await t.emulator.sendStatus(atTwilio.sid, 'delivered')).toBe(503);

    redis = await startRedis(redisPort);
    // As Twilio would: the refused callback is sent again until it is taken.
    await eventually(async () => (await t.emulator.sendStatus(atTwilio.sid, 'delivered')) === 200, 'the callback to be taken', 60_000);
    expect((await deliveryOf(t, queued, (m) => m.deliveryStatus === 'delivered')).deliveryError).toBeNull();
  });

  it('answers a webhook 503 rather than acknowledging it, and keeps an agent\'s reply stored as pending', async () => {
    await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79991600002', body: 'Здравствуйте' });
    const inbound = await inboundMessage(t, t.sms, 'Здравствуйте');
    const stopped = new Promise((resolve) => redis!.once('exit', resolve));
    redis!.kill('SIGKILL');
    await stopped;

    const webhook = await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79991600002', body: 'Вы тут?' });
    expect(webhook.status).toBe(503);
    const sent = await reply(t, inbound.conversationId, { content: 'Да, отвечаю' });
    expect(sent.status).toBe(201);
    expect(sent.body.deliveryStatus).toBe('pending');

    redis = await startRedis(redisPort);
    // Twilio retries a refused webhook; once Redis is back it is taken and stored.
    await eventually(async () => (await t.emulator.sendInbound({ to: SMS_NUMBER, from: '+79991600002', body: 'Вы тут?' })).status === 200, 'the webhook to be taken', 60_000);
    expect((await inboundMessage(t, t.sms, 'Вы тут?')).content).toBe('Вы тут?');
  });
});
