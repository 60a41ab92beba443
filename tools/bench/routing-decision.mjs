// Routing decision latency with 500 agents and 50,000 open conversations (issue 6 target: < 5 ms p99).
//   node tools/scripts/build.mjs server && node tools/bench/routing-decision.mjs --db sqlite|postgres
// Measures (1) the decision alone: ranking 500 team members for one conversation (pure function),
// and (2) one whole routing of a new conversation through RoutingDecisionService.route: rule/team lookup,
// the 500 candidates' profiles, sticky lookup, ranking, and the race-free claim transaction (agent
// row lock, exact load count from the conversations, conditional UPDATE, timeline event).
import { performance } from 'node:perf_hooks';
import { parseFlags, percentiles, round, waitForQuiet } from './lib.mjs';
import { benchDatabase, bootContext, bulkInsert, ids } from './routing-sla-common.mjs';

const opts = parseFlags(process.argv.slice(2), { db: 'sqlite', agents: 500, open: 50000, decisions: 2000, routes: 1000, json: false });
const deadline = setTimeout(() => { console.error('routing bench: overall deadline reached'); process.exit(2); }, 10 * 60_000);
deadline.unref();

const database = await benchDatabase(opts.db);
let ctx;
try {
  ctx = await bootContext(database.url, (sla) => [sla.SlaModule]);
  const { db, routing } = ctx;
  const now = new Date();
  const agentIds = ids(opts.agents);
  const teamId = ids(1)[0];
  const inboxId = ids(1)[0];
  await bulkInsert(db, 'users', ['id', 'name', 'email', 'password_hash', 'role', 'created_at'], agentIds.map((id, i) => [id, `Agent ${i}`, `a${i}@bench`, 'x', 'agent', now]));
  await bulkInsert(db, 'teams', ['id', 'name', 'strategy', 'sticky', 'created_at'], [[teamId, 'Everyone', 'least_busy', true, now]]);
  await bulkInsert(db, 'team_members', ['team_id', 'agent_id', 'created_at'], agentIds.map((id) => [teamId, id, now]));
  await bulkInsert(db, 'inboxes', ['id', 'name', 'channel', 'config', 'created_at', 'updated_at'], [[inboxId, 'Bench', 'webchat', '{}', now, now]]);
  await bulkInsert(db, 'routing_rules', ['id', 'position', 'team_id', 'keywords', 'created_at'], [[ids(1)[0], 1, teamId, '[]', now]]);
  // 50,000 open conversations, 100 per agent (load 200 of capacity 1000): room for every new one.
  const perAgent = Math.floor(opts.open / opts.agents);
  await bulkInsert(db, 'agent_profiles', ['user_id', 'status', 'auto_away', 'capacity', 'load', 'skills', 'updated_at'], agentIds.map((id) => [id, 'online', false, 1000, perAgent * 2, '[]', now]));
  const customerIds = ids(opts.open + opts.routes);
  await bulkInsert(db, 'customers', ['id', 'attributes', 'tags', 'created_at', 'updated_at'], customerIds.map((id) => [id, '{}', '[]', now, now]));
  const openIds = ids(opts.open);
  await bulkInsert(db, 'conversations', ['id', 'customer_id', 'inbox_id', 'channel', 'status', 'assignee_id', 'team_id', 'priority', 'last_message_at', 'unread_count', 'created_at', 'updated_at'],
    openIds.map((id, i) => [id, customerIds[i], inboxId, 'webchat', 'open', agentIds[i % opts.agents], teamId, 'normal', now, 0, now, now]));

  const busy = await waitForQuiet({ maxWaitMs: 120_000, log: (m) => console.error(m) });
  // (1) the decision alone, over the 500 members as routing loads them
  const candidates = agentIds.map((id, i) => ({ id, online: true, capacity: 1000, load: perAgent * 2 + (i % 7), skills: i % 3 ? ['lang:en'] : ['lang:ru'], lastAssignedAt: i }));
  const decide = [];
  for (let i = 0; i < opts.decisions; i++) {
    const strategy = ['round_robin', 'least_busy', 'skills'][i % 3];
    const t0 = performance.now();
    routing.rankCandidates(strategy, candidates, { weight: 2, skills: ['lang:ru', 'channel:webchat'], stickyAgentId: agentIds[i % opts.agents] });
    decide.push(performance.now() - t0);
  }

  // (2) whole routings of new, unassigned conversations in the team
  const fresh = ids(opts.routes);
  await bulkInsert(db, 'conversations', ['id', 'customer_id', 'inbox_id', 'channel', 'status', 'team_id', 'priority', 'last_message_at', 'unread_count', 'created_at', 'updated_at'],
    fresh.map((id, i) => [id, customerIds[opts.open + i], inboxId, 'webchat', 'open', teamId, 'normal', now, 0, now, now]));
  const service = ctx.app.get(routing.RoutingDecisionService);
  for (let i = 0; i < 20; i++) await service.route(fresh[i]); // warm-up
  const route = [];
  let assigned = 0;
  for (const id of fresh.slice(20)) {
    const t0 = performance.now();
    const res = await service.route(id);
    route.push(performance.now() - t0);
    if (res.outcome === 'assigned') assigned++;
  }
  const result = {
    bench: 'routing-decision', db: opts.db, agents: opts.agents, openConversations: opts.open,
    decisionMs: percentiles(decide), routeMs: percentiles(route), assigned, routed: route.length, hostBusyCoresBefore: busy,
  };
  if (opts.json) console.log(JSON.stringify(result));
  else {
    console.log(`routing decision, ${opts.agents} agents, ${opts.open} open conversations, ${opts.db}`);
    console.log(`  rank 500 candidates:   p50 ${round(result.decisionMs.p50, 3)} ms  p99 ${round(result.decisionMs.p99, 3)} ms  (n=${decide.length})`);
    console.log(`  route() end to end:    p50 ${result.routeMs.p50} ms  p99 ${result.routeMs.p99} ms  max ${result.routeMs.max} ms  (n=${route.length}, assigned ${assigned})`);
  }
} finally {
  await ctx?.app.close().catch(() => undefined);
  await database.drop().catch(() => undefined);
}
