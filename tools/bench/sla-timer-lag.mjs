// Timer lag with 100,000 live SLA timers (issue 6 target: deadline → breach event < 1 s p99).
//   node tools/scripts/build.mjs server && node tools/bench/sla-timer-lag.mjs --db sqlite|postgres [--queue memory|redis]
// Seeds 100,000 running first-response timers on as many open conversations: `--due` of them fall
// due within the measured window (spread evenly over `--window-seconds`), the rest hours to days
// later, written straight into the table as rows from before the scheduler would be. The real
// SlaScheduler + SlaService (from dist/) schedule them through the Scheduler port (the embedded
// queue's `jobs` rows, or BullMQ delayed jobs on REDIS_URL with `--queue redis`) and fire them;
// lag = when `sla.updated` with the breach is published − the timer's due time. A breach also
// writes the timeline event.
import { parseFlags, percentiles, waitForQuiet } from './lib.mjs';
import { benchDatabase, bootContext, bulkInsert, ids } from './routing-sla-common.mjs';

const opts = parseFlags(process.argv.slice(2), { db: 'sqlite', queue: 'memory', timers: 100000, due: 3000, windowSeconds: 60, leadSeconds: 15, json: false });
const deadline = setTimeout(() => { console.error('sla bench: overall deadline reached'); process.exit(2); }, 10 * 60_000);
deadline.unref();

const redisUrl = opts.queue === 'redis' ? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' : undefined;
// Its own key prefix, removed at the end: the bench's delayed jobs never meet another run's.
const prefix = `bench-sla-${process.pid}`;
process.env.PARLEY_QUEUE_PREFIX = prefix;
const database = await benchDatabase(opts.db);
let ctx;
try {
  // Seed first with a context that has no scheduler, then start the worker's scheduler.
  const seedCtx = await bootContext(database.url, (sla) => [sla.SlaModule]);
  const { db } = seedCtx;
  const now = new Date();
  const inboxId = ids(1)[0];
  await bulkInsert(db, 'inboxes', ['id', 'name', 'channel', 'config', 'created_at', 'updated_at'], [[inboxId, 'Bench', 'webchat', '{}', now, now]]);
  const customers = ids(opts.timers);
  const conversations = ids(opts.timers);
  const timerIds = ids(opts.timers);
  await bulkInsert(db, 'customers', ['id', 'attributes', 'tags', 'created_at', 'updated_at'], customers.map((id) => [id, '{}', '[]', now, now]));
  await bulkInsert(db, 'conversations', ['id', 'customer_id', 'inbox_id', 'channel', 'status', 'priority', 'last_message_at', 'unread_count', 'created_at', 'updated_at'],
    conversations.map((id, i) => [id, customers[i], inboxId, 'webchat', 'open', 'normal', now, 0, now, now]));
  const start = Date.now() + opts.leadSeconds * 1000;
  const dueAt = new Map();
  const rows = conversations.map((id, i) => {
    const soon = i < opts.due;
    const due = new Date(soon ? start + Math.floor((i / opts.due) * opts.windowSeconds * 1000) : start + 3600_000 + (i % 86400) * 1000);
    if (soon) dueAt.set(id, due.getTime());
    return [timerIds[i], id, 'first_response', 'running', 3600, 0, now, now, due, due, due, true, 0, now];
  });
  await bulkInsert(db, 'sla_timers', ['id', 'conversation_id', 'metric', 'state', 'target_seconds', 'consumed_seconds', 'segment_started_at', 'started_at', 'due_at', 'warn_at', 'next_fire_at', 'warned', 'version', 'updated_at'], rows);
  await seedCtx.app.close();
  if (Date.now() > start - 3000) throw new Error('seeding took longer than --lead-seconds; raise it');
  const busy = await waitForQuiet({ threshold: 0.5, maxWaitMs: Math.max(0, start - Date.now() - 8000), log: (m) => console.error(m) });

  ctx = await bootContext(database.url, (sla) => [sla.SlaWorkerModule], redisUrl);
  const hub = ctx.app.get(ctx.runtime.RealtimeHub);
  const lags = [];
  hub.toAgents = (event, payload) => {
    if (event !== 'sla.updated' || !payload?.breached) return;
    const due = dueAt.get(payload.conversationId);
    if (due !== undefined) {
      lags.push(Date.now() - due);
      dueAt.delete(payload.conversationId);
    }
  };
  const end = start + opts.windowSeconds * 1000 + 30_000;
  while (dueAt.size && Date.now() < end) await new Promise((r) => setTimeout(r, 250));
  const live = await ctx.db.query("SELECT COUNT(*) AS n FROM sla_timers WHERE state = 'running'");
  const result = { bench: 'sla-timer-lag', db: opts.db, queue: opts.queue, liveTimers: opts.timers, due: opts.due, windowSeconds: opts.windowSeconds, fired: lags.length, missed: dueAt.size, lagMs: percentiles(lags), stillRunning: Number(live[0].n), hostBusyCoresBefore: busy };
  if (opts.json) console.log(JSON.stringify(result));
  else {
    console.log(`SLA timer lag, ${opts.timers} live timers, ${opts.due} due over ${opts.windowSeconds} s, ${opts.db}, ${opts.queue} scheduler`);
    console.log(`  deadline → breach event: p50 ${result.lagMs.p50} ms  p95 ${result.lagMs.p95} ms  p99 ${result.lagMs.p99} ms  max ${result.lagMs.max} ms  (fired ${lags.length}, missed ${dueAt.size})`);
  }
} finally {
  await ctx?.app.close().catch(() => undefined);
  await database.drop().catch(() => undefined);
  if (redisUrl) await dropKeys(redisUrl, prefix).catch((err) => console.error(`bench keys under ${prefix} not removed: ${err.message}`));
}

async function dropKeys(url, keyPrefix) {
  const { default: Redis } = await import('ioredis');
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
