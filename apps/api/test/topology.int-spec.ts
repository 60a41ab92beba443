// ci: postgres+redis always (its own processes on PostgreSQL and Redis, whatever the suite runs on): CI runs it in the PostgreSQL pass only.
import type { MessageDto, WidgetMessage, WidgetSession } from '@parley/contracts';
import { api, connect, connected, demoWebsiteToken, freshDatabaseUrl, login, next } from './harness';
import { buildServer, freePort, Proc, startProcess, topologyEnv, waitForHealth } from './processes';

// The docker-compose topology without Docker: two api nodes and a worker on PostgreSQL + Redis.
// It needs both servers, so it uses the suite's DATABASE_URL/REDIS_URL when they point at them
// and the local defaults otherwise.
const PG = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

describe('production topology: two api nodes and a worker', () => {
  const procs: Proc[] = [];
  const sockets: ReturnType<typeof connect>[] = [];
  let nodeA: string;
  let nodeB: string;

  beforeAll(async () => {
    buildServer();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = PG;
    const databaseUrl = await freshDatabaseUrl();
    process.env.DATABASE_URL = saved;
    const env = topologyEnv('topo', databaseUrl, REDIS);
    const [portA, portB] = [await freePort(), await freePort()];
    nodeA = `http://127.0.0.1:${portA}`;
    nodeB = `http://127.0.0.1:${portB}`;
    // All three start at once on an empty database: migrations and first-start seeding must cope.
    const a = startProcess('dist/apps/api/src/main.js', { ...env, PARLEY_ROLE: 'api', PORT: String(portA) });
    const b = startProcess('dist/apps/api/src/main.js', { ...env, PARLEY_ROLE: 'api', PORT: String(portB) });
    const w = startProcess('dist/apps/worker/src/main.js', { ...env, PARLEY_ROLE: 'worker' });
    procs.push(a, b, w);
    await Promise.all([waitForHealth(nodeA, a), waitForHealth(nodeB, b)]);
  });

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await Promise.all(procs.map((p) => p.stop()));
  });

  it('reaches an agent on node B with a visitor message sent to node A, and the reply back through the worker', async () => {
    const { accessToken } = await login(nodeB);
    const health = await api(nodeA, 'GET', '/health');
    expect(health.body).toEqual({ status: 'ok', database: 'postgres', queue: 'redis' });
    const inboxes = await api(nodeA, 'GET', '/api/inboxes', undefined, accessToken);
    expect(inboxes.body.filter((i: { channel: string }) => i.channel === 'webchat')).toHaveLength(1);

    const agent = connect(nodeB, '/agents', { token: accessToken });
    sockets.push(agent);
    await connected(agent);
    const visitor = connect(nodeA, '/widget', { websiteToken: await demoWebsiteToken(nodeA, accessToken) });
    sockets.push(visitor);
    await next<WidgetSession>(visitor, 'session');

    const arrived = next<MessageDto>(agent, 'message.created', (m) => m.content === 'Hi from node A');
    const ack = await visitor.emitWithAck('message:send', { content: 'Hi from node A', clientMessageId: 'topology-0001' });
    expect(ack.ok).toBe(true);
    const inbound = await arrived;

    // Node B's api stores the reply; only the worker process runs delivery jobs.
    const reply = next<WidgetMessage>(visitor, 'message:new', (m) => m.direction === 'outbound');
    const delivered = next<MessageDto>(agent, 'message.updated', (m) => m.deliveryStatus === 'sent');
    const sent = await api(nodeB, 'POST', `/api/conversations/${inbound.conversationId}/messages`, { content: 'Hello from node B' }, accessToken);
    expect(sent.status).toBe(201);
    expect((await reply).content).toBe('Hello from node B');
    expect((await delivered).id).toBe(sent.body.id);
  });
});
