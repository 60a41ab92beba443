// ci: postgres+redis always (its own processes on PostgreSQL and Redis, whatever the suite runs on): CI runs it in the PostgreSQL pass only.
import type { InboxDto, MessageDto, Page } from '@parley/contracts';
import { startTwilioEmulator, TwilioEmulator } from '../../../tools/emulators/src/twilio/twilio-emulator';
import { api, freshDatabaseUrl, login } from './harness';
import { buildServer, freePort, Proc, startProcess, topologyEnv, waitForHealth } from './processes';
import { eventually, PUBLIC_URL, SMS_NUMBER } from './twilio-fixture';

// Worker failover needs BullMQ on Redis and a shared PostgreSQL: the suite's servers when it runs
// on them, the local defaults otherwise (as topology.int-spec.ts does).
const PG = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

describe('a worker killed mid-job', () => {
  const procs: Proc[] = [];
  let emulator: TwilioEmulator;
  let env: Record<string, string>;
  let base: string;
  let token: string;

  const startWorker = () => {
    const w = startProcess('dist/apps/worker/src/main.js', { ...env, PARLEY_ROLE: 'worker', LOG_LEVEL: 'info' });
    procs.push(w);
    // Logged once its processors are registered, i.e. it takes jobs from now on.
    return eventually(async () => {
      if (w.child.exitCode !== null) throw new Error(`worker exited: ${w.output()}`);
      return w.output().includes('processing inbound') && w;
    }, 'the worker to take jobs');
  };

  beforeAll(async () => {
    buildServer();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = PG;
    const databaseUrl = await freshDatabaseUrl();
    process.env.DATABASE_URL = saved;
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = { ...topologyEnv('failover', databaseUrl, REDIS), PUBLIC_URL };
    const apiNode = startProcess('dist/apps/api/src/main.js', { ...env, PARLEY_ROLE: 'api', PORT: String(port) });
    procs.push(apiNode);
    await waitForHealth(base, apiNode);
    await startWorker();
    token = (await login(base)).accessToken;
    emulator = await startTwilioEmulator({ host: '127.0.0.1', port: 0, parleyUrl: base, statusStepMs: 5 });
  });

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await emulator?.close();
  });

  it("has its job completed by another worker: a reply held at Twilio when the worker died is sent once", async () => {
    const account = emulator.addAccount();
    const inbox = (await api<InboxDto>(base, 'POST', '/api/inboxes', { name: 'SMS', channel: 'sms', config: { ...account, from: SMS_NUMBER, apiBaseUrl: emulator.url } }, token)).body;
    await emulator.sendInbound({ to: SMS_NUMBER, from: '+79991400001', body: 'Курьер не приехал' });
    const conversationId = await eventually(async () => {
      const page = (await api<Page<{ id: string }>>(base, 'GET', `/api/conversations?inboxId=${inbox.id}`, undefined, token)).body;
      return page.items[0]?.id;
    }, 'the inbound message');

    const first = procs[1];
    emulator.holdNextSends(1);
    const sent = await api<MessageDto>(base, 'POST', `/api/conversations/${conversationId}/messages`, { content: 'Курьер будет через час' }, token);
    expect(sent.status).toBe(201);
    await eventually(async () => emulator.held === 1, 'the first worker to be mid-send');
    await startWorker();

    first.child.kill('SIGKILL');
    const killedAt = Date.now();
    procs.splice(procs.indexOf(first), 1); // nothing left to stop
    const delivered = await eventually(async () => {
      const page = (await api<Page<MessageDto>>(base, 'GET', `/api/conversations/${conversationId}/messages`, undefined, token)).body;
      return page.items.find((m) => m.id === sent.body.id && ['sent', 'delivered'].includes(m.deliveryStatus));
    }, 'the reply to be sent by the second worker', 60_000);
    const tookMs = Date.now() - killedAt;
    process.stdout.write(`failover: the killed worker's delivery completed by another worker ${tookMs} ms after SIGKILL\n`);

    expect(delivered.deliveryError).toBeNull();
    expect(emulator.list({ direction: 'outbound-api', to: '+79991400001' }).map((m) => m.body)).toEqual(['Курьер будет через час']);
    // BullMQ's defaults took about a minute; the tuned locks take seconds (the target is 10 s).
    expect(tookMs).toBeLessThan(30_000);
  });
});
