#!/usr/bin/env node
// Macros at size (issue 17, item 2): a macro of 5 actions (add a label, set the priority, assign an
// agent, add a private note, snooze for an hour) applied to `--conversations` (1,000) conversations of
// a filter through POST /api/macros/:id/run: the 202's latency, the background run's wall time until
// its bulk operation is done (every conversation checked, then changed, all or nothing), and the undo
// of that run. Bare reference from the same run: a plain bulk action (one change: the priority) over
// the same conversations, through the same bulk runner.
//
//   node tools/scripts/build.mjs server
//   node tools/bench/macro-bulk.mjs [--db sqlite|postgres] [--conversations 1000] [--json] [--keep]
import { join } from 'node:path';
import { acquireBenchLock, hex, machineInfo, parseFlags, ROOT, round, sleep } from './lib.mjs';
import { apiCall, BENCH_ADMIN, spawnParley } from './parley-server.mjs';

const flags = parseFlags(process.argv.slice(2), { db: 'sqlite', conversations: 1000, json: false, keep: false });
const log = (...a) => process.stderr.write(`${a.join(' ')}\n`);
const cleanups = [];
const dist = (lib) => import(join(ROOT, `dist/libs/${lib}/src/index.js`));

async function seed(dbUrl, teamId, inboxId, count) {
  process.env.DATABASE_URL = dbUrl;
  const { dataSourceOptions, openDatabase, CustomerEntity, ConversationEntity } = await dist('persistence');
  const { newId } = await dist('domain');
  const db = await openDatabase(dataSourceOptions(dbUrl));
  try {
    const now = Date.now();
    for (let i = 0; i < count; i += 200) {
      const customers = [];
      const conversations = [];
      for (let k = i; k < Math.min(count, i + 200); k++) {
        const at = new Date(now - (k + 1) * 1000);
        const customer = { id: newId(), name: `Клиент ${k}`, email: null, phone: null, attributes: {}, tags: [], mergedIntoId: null, createdAt: at, updatedAt: at };
        customers.push(customer);
        conversations.push({
          id: newId(), customerId: customer.id, inboxId, channel: 'webchat', status: 'open', assigneeId: null, teamId, priority: 'normal', snoozedUntil: null,
          firstResponseAt: null, resolvedAt: null, lastMessageAt: at, lastInboundAt: at, lastMessagePreview: 'Здравствуйте!', metadata: null, unreadCount: 1, createdAt: at, updatedAt: at,
        });
      }
      await db.getRepository(CustomerEntity).insert(customers);
      await db.getRepository(ConversationEntity).insert(conversations);
    }
  } finally {
    await db.destroy();
  }
}

/** Polls the bulk operation until it ends; answers the seconds since `t0`. */
async function finished(base, token, operationId, t0) {
  for (;;) {
    const op = await apiCall(base, 'GET', `/api/bulk-operations/${operationId}`, undefined, token);
    if (op.state === 'done' || op.state === 'failed') return { op, seconds: (performance.now() - t0) / 1000 };
    await sleep(100);
  }
}

async function main() {
  const release = await acquireBenchLock({ log });
  const runId = hex(4);
  const server = await spawnParley({ db: flags.db, redis: flags.db === 'postgres' ? 'private' : 'none', runId, cleanups, log, keep: flags.keep });
  const { base } = server;
  const { accessToken: token, user } = await apiCall(base, 'POST', '/api/auth/login', BENCH_ADMIN);
  const call = (method, path, body) => apiCall(base, method, path, body, token);
  const inbox = (await call('GET', '/api/inboxes')).find((i) => i.channel === 'webchat')
    ?? (await call('POST', '/api/inboxes', { name: 'Bench chat', channel: 'webchat', config: {} }));
  const teams = [];
  for (const name of ['Макрос', 'Эталон']) teams.push(await call('POST', '/api/teams', { name: `${name} ${runId}`, strategy: 'least_busy', memberIds: [] }));
  const label = await call('POST', '/api/labels', { nameEn: `Bench ${runId}`, nameRu: `Замер ${runId}`, colour: '#3b82f6' });
  log(`seeding 2 × ${flags.conversations} conversations (${flags.db})…`);
  for (const team of teams) await seed(server.dbUrl, team.id, inbox.id, flags.conversations);

  const macro = await call('POST', '/api/macros', {
    name: 'Разобрать очередь', actions: [
      { type: 'label', labelId: label.id }, { type: 'priority', priority: 'high' }, { type: 'assign', agentId: user.id },
      { type: 'note', text: 'Разобрано макросом, {{agent.name}}' }, { type: 'snooze', minutes: 60 },
    ],
  });
  log(`macro of 5 actions over ${flags.conversations} conversations…`);
  let t0 = performance.now();
  const started = await call('POST', `/api/macros/${macro.id}/run`, { filter: { teamId: teams[0].id } });
  const acceptMs = performance.now() - t0;
  const run = await finished(base, token, started.operation.id, t0);
  const last = await call('GET', '/api/macros/runs/last');

  log('undo of that run…');
  t0 = performance.now();
  const undo = await call('POST', '/api/macros/runs/last/undo');
  const undone = undo.operation ? await finished(base, token, undo.operation.id, t0) : { op: null, seconds: (performance.now() - t0) / 1000 };

  log(`reference: one plain bulk change over ${flags.conversations} other conversations…`);
  t0 = performance.now();
  const plain = await call('POST', '/api/conversations/bulk', { filter: { teamId: teams[1].id }, action: { type: 'priority', priority: 'high' } });
  const reference = await finished(base, token, plain.id, t0);

  const n = flags.conversations;
  const result = {
    db: flags.db, conversations: n, actions: 5, date: new Date().toISOString().slice(0, 10), machine: machineInfo(),
    macro: {
      acceptMs: round(acceptMs, 1), seconds: round(run.seconds, 2), perConversationMs: round((run.seconds * 1000) / n, 2), perChangeMs: round((run.seconds * 1000) / (n * 5), 2),
      state: run.op.state, done: run.op.done, failed: run.op.failed, applied: last.applied, runState: last.state,
    },
    undo: { seconds: round(undone.seconds, 2), reverted: undo.operation ? undone.op.done : undo.reverted, failed: undone.op?.failed ?? 0 },
    reference: { change: 'priority', seconds: round(reference.seconds, 2), perConversationMs: round((reference.seconds * 1000) / n, 2), done: reference.op.done },
  };
  if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    log(`macro 5 actions × ${n} (${flags.db}): 202 in ${result.macro.acceptMs} ms, done in ${result.macro.seconds} s (${result.macro.perConversationMs} ms a conversation, ${result.macro.perChangeMs} ms a change), ${run.op.done} done, ${run.op.failed} failed`);
    log(`undo: ${result.undo.seconds} s, ${result.undo.reverted} reverted`);
    log(`reference, one bulk change × ${n}: ${result.reference.seconds} s (${result.reference.perConversationMs} ms a conversation)`);
  }
  release();
}

main()
  .catch((err) => {
    log(err?.stack ?? String(err));
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const cleanup of cleanups) await Promise.resolve().then(cleanup).catch((err) => log(`cleanup: ${err?.message ?? err}`));
  });

