// ci: postgres+redis always (it reads PostgreSQL's query plans, whatever the suite runs on): CI runs it in the PostgreSQL pass only.
import type { DataSource, Logger } from 'typeorm';
import type { Page } from '@parley/contracts';
import type * as Harness from './harness';

// Entity column types are fixed from DATABASE_URL when @parley/persistence first loads, so the URL
// points at PostgreSQL before the harness (and through it the app) is loaded below.
process.env.DATABASE_URL = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'postgres://postgres@127.0.0.1:5432/test';

const ROWS = 20_000;
const uuid = (group: number, n: string) => `('00000000-0000-4000-${8000 + group}-' || lpad((${n})::text, 12, '0'))::uuid`;
const CUSTOMER = '00000000-0000-4000-8001-000000000001';
const CONVERSATION = '00000000-0000-4000-8002-000000000001';
const TEAM = '00000000-0000-4000-8005-000000000001';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Filter?: string;
  Plans?: PlanNode[];
}
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

// A keyset page must start at its key inside an index: the row comparison is an Index Cond, no Filter
// re-checks the timestamp, and no Sort re-orders what the index already delivers in page order. The
// SQL is the one the app ran for the second page (captured from its DataSource), not a copy.
describe('keyset pages on PostgreSQL start at the key inside an index', () => {
  let harness: typeof Harness;
  let app: Harness.RunningApp;
  let token: string;
  let db: DataSource;

  beforeAll(async () => {
    harness = await import('./harness');
    app = await harness.startApp();
    token = (await harness.login(app.url)).accessToken;
    db = app.app.get((await import('typeorm')).DataSource);
    const q = (sql: string) => db.query(sql);
    await q(`INSERT INTO inboxes (id, name, channel, config, created_at, updated_at) VALUES (${uuid(0, '1')}, 'Планы запросов', 'webchat', '{}', now(), now())`);
    await q(`INSERT INTO customers (id, name, attributes, tags, created_at, updated_at)
      SELECT ${uuid(1, 'g')}, 'Клиент №' || g, '{}', '[]', now(), now() - g * interval '1 second' FROM generate_series(1, 2000) g`);
    await q(`INSERT INTO conversations (id, customer_id, inbox_id, channel, status, priority, last_message_at, unread_count, created_at, updated_at)
      SELECT ${uuid(2, 'g')}, ${uuid(1, '1 + g % 2000')}, ${uuid(0, '1')}, 'webchat', CASE WHEN g % 4 = 0 THEN 'resolved' ELSE 'open' END, 'normal',
        now() - (g / 3) * interval '1 second', 0, now(), now() FROM generate_series(1, ${ROWS}) g`);
    await q(`INSERT INTO teams (id, name, strategy, sticky, created_at) VALUES ('${TEAM}', 'Возвраты', 'round_robin', true, now())`);
    // One conversation in ten is the team's: its queue is a slice of the list, not all of it.
    await q(`UPDATE conversations SET team_id = '${TEAM}' WHERE substr(id::text, 33)::int % 10 = 0`);
    await q(`INSERT INTO messages (id, conversation_id, customer_id, inbox_id, channel, direction, author_type, content, is_private, attachments, metadata,
        delivery_status, delivery_attempts, created_at, updated_at)
      SELECT ${uuid(3, 'g')}, ${uuid(2, '1 + g % 50')}, ${uuid(1, '1')}, ${uuid(0, '1')}, 'webchat', 'inbound', 'customer', 'Здравствуйте, где мой заказ?', false,
        '[]', '{}', 'delivered', 0, now() - (g / 3) * interval '1 second', now() FROM generate_series(1, ${ROWS}) g`);
    await q(`INSERT INTO timeline_events (id, customer_id, type, occurred_at, title)
      SELECT ${uuid(4, 'g')}, ${uuid(1, '1 + g % 20')}, 'crm_event', now() - (g / 3) * interval '1 second', 'Заказ оплачен' FROM generate_series(1, ${ROWS}) g`);
    await q('ANALYZE');
  });

  afterAll(async () => {
    await app?.close();
  });

  /** Reads page 1 of `path`, then page 2 with `cursorParam` while recording the SQL run against `table`. */
  async function secondPageQuery(path: string, cursorParam: string, table: string): Promise<{ sql: string; parameters: unknown[] }> {
    const first = await harness.api<Page<unknown>>(app.url, 'GET', path, undefined, token);
    expect(first.body.nextCursor).toBeTruthy();
    const seen: { sql: string; parameters: unknown[] }[] = [];
    const original = db.logger;
    const recorder: Logger = {
      logQuery: (sql, parameters) => void seen.push({ sql, parameters: parameters ?? [] }),
      logQueryError: () => undefined, logQuerySlow: () => undefined, logSchemaBuild: () => undefined, logMigration: () => undefined, log: () => undefined,
    };
    Object.defineProperty(db, 'logger', { value: recorder, configurable: true, writable: true });
    try {
      const second = await harness.api(app.url, 'GET', `${path}&${cursorParam}=${first.body.nextCursor}`, undefined, token);
      expect(second.status).toBe(200);
    } finally {
      Object.defineProperty(db, 'logger', { value: original, configurable: true, writable: true });
    }
    const pages = seen.filter((s) => s.sql.includes(`FROM "${table}"`) && s.sql.includes('ORDER BY'));
    expect(pages).toHaveLength(1);
    return pages[0];
  }

  async function planOf(query: { sql: string; parameters: unknown[] }): Promise<PlanNode[]> {
    const [row] = await db.query(`EXPLAIN (FORMAT JSON) ${query.sql}`, query.parameters);
    return nodes(row['QUERY PLAN'][0].Plan);
  }

  async function expectIndexedKeyset(path: string, cursorParam: string, table: string, at: string) {
    const query = await secondPageQuery(path, cursorParam, table);
    expect(query.sql).toMatch(new RegExp(`\\("\\w+"\\."${at}", "\\w+"\\."id"\\) [<>] \\(\\$\\d+, \\$\\d+\\)`));
    const plan = await planOf(query);
    const scan = plan.find((n) => n['Relation Name'] === table)!;
    expect(scan['Node Type']).toMatch(/^Index (Only )?Scan$/);
    expect(scan['Index Cond']).toMatch(new RegExp(`ROW\\(${at}, id\\) [<>] ROW\\(`));
    expect(scan.Filter ?? '').not.toContain(at);
    expect(plan.map((n) => n['Node Type'])).not.toContain('Sort');
  }

  it('serves a deep timeline page from ix_timeline_customer_occurred with the row comparison as its index condition', async () => {
    await expectIndexedKeyset(`/api/customers/${CUSTOMER}/timeline?limit=50`, 'before', 'timeline_events', 'occurred_at');
  });

  it('serves the open conversations list from an activity index with the row comparison as its index condition', async () => {
    await expectIndexedKeyset('/api/conversations?status=open&limit=50', 'cursor', 'conversations', 'last_message_at');
  });

  it('serves a team\'s open queue from ix_conversations_team_status_activity with the row comparison as its index condition', async () => {
    await expectIndexedKeyset(`/api/conversations?status=open&teamId=${TEAM}&limit=50`, 'cursor', 'conversations', 'last_message_at');
  });

  it('serves the list of all conversations from ix_conversations_activity with the row comparison as its index condition', async () => {
    await expectIndexedKeyset('/api/conversations?limit=50', 'cursor', 'conversations', 'last_message_at');
  });

  it('serves a page of a conversation\'s messages from ix_messages_conversation_created with the row comparison as its index condition', async () => {
    await expectIndexedKeyset(`/api/conversations/${CONVERSATION}/messages?limit=50`, 'before', 'messages', 'created_at');
  });

  it('serves the customer list from ix_customers_updated with the row comparison as its index condition', async () => {
    await expectIndexedKeyset('/api/customers?limit=50', 'cursor', 'customers', 'updated_at');
  });
});
