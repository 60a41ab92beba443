// ci: postgres+redis always (its own processes on PostgreSQL and Redis, whatever the suite runs on): CI runs it in the PostgreSQL pass only.
import { Client } from 'pg';
import type { WidgetSendAck, WidgetSession } from '@parley/contracts';
import { api, connect, demoWebsiteToken, freshDatabaseUrl, login, next } from './harness';
import { buildServer, freePort, Proc, startProcess, topologyEnv, waitForHealth } from './processes';

// Race-free assignment across processes: two api nodes and a worker on PostgreSQL + Redis all try
// to assign the same waiting conversations to the same agents at the same moment. Like the topology
// test it needs both servers, so it uses the suite's DATABASE_URL/REDIS_URL or the local defaults.
const PG = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

const AGENTS = 6;
const CONVERSATIONS = 30;
/** Capacity 4 points and a web chat weighs 2: two conversations per agent, twelve in all. */
const CAPACITY = 4;

describe('assignment across two api processes and a worker', () => {
  const procs: Proc[] = [];
  const sockets: ReturnType<typeof connect>[] = [];
  let nodes: string[];
  let databaseUrl: string;

  beforeAll(async () => {
    buildServer();
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = PG;
    databaseUrl = await freshDatabaseUrl();
    process.env.DATABASE_URL = saved;
    const env = topologyEnv('race', databaseUrl, REDIS);
    const ports = [await freePort(), await freePort()];
    nodes = ports.map((p) => `http://127.0.0.1:${p}`);
    const a = startProcess('dist/apps/api/src/main.js', { ...env, PARLEY_ROLE: 'api', PORT: String(ports[0]) });
    const b = startProcess('dist/apps/api/src/main.js', { ...env, PARLEY_ROLE: 'api', PORT: String(ports[1]) });
    const w = startProcess('dist/apps/worker/src/main.js', { ...env, PARLEY_ROLE: 'worker' });
    procs.push(a, b, w);
    await Promise.all([waitForHealth(nodes[0], a), waitForHealth(nodes[1], b)]);
  });

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await Promise.all(procs.map((p) => p.stop()));
  });

  it('never assigns a conversation twice and never fills an agent past capacity', async () => {
    const { accessToken: token } = await login(nodes[0]);
    const call = (i: number, method: string, path: string, body?: unknown) => api(nodes[i % 2], method, path, body, token);
    const agentIds: string[] = [];
    for (let i = 0; i < AGENTS; i++) {
      const res = await call(i, 'POST', '/api/users', { name: `Racer ${i}`, email: `racer${i}@parley.test`, password: 'racer-password', role: 'agent' });
      agentIds.push(res.body.id);
      await call(i, 'PATCH', `/api/agents/${res.body.id}`, { capacity: CAPACITY });
    }
    const team = await call(0, 'POST', '/api/teams', { name: 'Racers', strategy: 'least_busy', memberIds: agentIds });
    await call(1, 'POST', '/api/routing/rules', { teamId: team.body.id });

    // Everyone is offline: the conversations wait in the team's queue.
    const websiteToken = await demoWebsiteToken(nodes[0], token);
    const conversationIds = await Promise.all(Array.from({ length: CONVERSATIONS }, async (_, i) => {
      const s = connect(nodes[i % 2], '/widget', { websiteToken });
      sockets.push(s);
      const session = await next<WidgetSession>(s, 'session');
      const ack = (await s.emitWithAck('message:send', { content: `race ${i}`, clientMessageId: `race-${i}-0000` })) as WidgetSendAck;
      expect(ack.ok).toBe(true);
      const list = await call(i, 'GET', `/api/customers/${session.customerId}/conversations`);
      return list.body.items[0].id as string;
    }));
    const pg = new Client({ connectionString: databaseUrl });
    await pg.connect();
    try {
      const teamed = async () => Number((await pg.query('SELECT COUNT(*) n FROM conversations WHERE team_id = $1', [team.body.id])).rows[0].n);
      for (let tries = 0; (await teamed()) < CONVERSATIONS; tries++) {
        if (tries > 200) throw new Error('conversations never reached the team queue');
        await new Promise((r) => setTimeout(r, 100));
      }

      // At once, on both nodes: every agent comes online (each pulls from the queue) and every
      // conversation is routed explicitly; the worker's queue drain runs meanwhile too.
      await Promise.all([
        ...agentIds.map((id, i) => call(i, 'PUT', `/api/agents/${id}/presence`, { status: 'online' })),
        ...conversationIds.flatMap((id, i) => [call(i, 'POST', `/api/routing/conversations/${id}/route`), call(i + 1, 'POST', `/api/routing/conversations/${id}/route`)]),
      ]);
      const assigned = async () => Number((await pg.query('SELECT COUNT(*) n FROM conversations WHERE assignee_id IS NOT NULL')).rows[0].n);
      for (let tries = 0; (await assigned()) < AGENTS * (CAPACITY / 2); tries++) {
        if (tries > 200) throw new Error(`only ${await assigned()} assigned`);
        await new Promise((r) => setTimeout(r, 100));
      }

      const perAgent = await pg.query("SELECT assignee_id, COUNT(*)::int n FROM conversations WHERE assignee_id IS NOT NULL AND status <> 'resolved' GROUP BY assignee_id");
      expect(perAgent.rows).toHaveLength(AGENTS);
      expect(perAgent.rows.every((r: { n: number }) => r.n === CAPACITY / 2)).toBe(true);
      const twice = await pg.query("SELECT conversation_id, COUNT(*)::int n FROM timeline_events WHERE type = 'assigned' GROUP BY conversation_id HAVING COUNT(*) > 1");
      expect(twice.rows).toEqual([]);
      const events = await pg.query("SELECT COUNT(*)::int n FROM timeline_events WHERE type = 'assigned'");
      expect(events.rows[0].n).toBe(AGENTS * (CAPACITY / 2));
      const loads = await pg.query('SELECT load, capacity FROM agent_profiles WHERE user_id = ANY($1)', [agentIds]);
      expect(loads.rows.every((r: { load: number; capacity: number }) => r.load <= r.capacity)).toBe(true);
      const waiting = await api(nodes[1], 'GET', '/api/supervisor/queue', undefined, token);
      expect(waiting.body.waiting).toBe(CONVERSATIONS - AGENTS * (CAPACITY / 2));
    } finally {
      await pg.end();
    }
  });
});
