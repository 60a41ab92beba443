import { ConversationEntity, CustomerEntity, dataSourceOptions, InboxEntity, MessageEntity, MIGRATIONS, openDatabase, TimelineEventEntity } from '@parley/persistence';
import { freshDatabaseUrl } from './harness';

const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('PostgreSQL-native schema migration (1765700000000)', () => {
  it('converts a database written before it in place: ids become uuid, JSON text becomes jsonb, keys and checks hold', async () => {
    const options = dataSourceOptions(await freshDatabaseUrl({ migrated: false }));
    const postgres = options.type === 'postgres';
    const before = await openDatabase({ ...options, migrations: MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === 'PostgresNative1765700000000')) } as typeof options);
    const p = (n: number) => (postgres ? `$${n}` : '?');
    const insert = (table: string, row: Record<string, unknown>) =>
      before.query(`INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map((_, i) => p(i + 1)).join(', ')})`, Object.values(row));
    const now = postgres ? new Date() : new Date().toISOString().replace('T', ' ').replace('Z', '');
    await insert('inboxes', { id: id(1), name: 'Chat', channel: 'webchat', config: '{"greeting":"Hi"}', created_at: now, updated_at: now });
    await insert('customers', { id: id(2), name: 'Anna', attributes: '{"plan":"gold","seats":3}', tags: '["vip","b2b"]', created_at: now, updated_at: now });
    await insert('conversations', {
      id: id(3), customer_id: id(2), inbox_id: id(1), channel: 'webchat', status: 'open', priority: 'normal', last_message_at: now, unread_count: 1,
      // A team that was never there (written before foreign keys): cleared, the conversation kept.
      team_id: id(99), created_at: now, updated_at: now,
    });
    await insert('messages', {
      id: id(4), conversation_id: id(3), customer_id: id(2), inbox_id: id(1), channel: 'webchat', direction: 'inbound', author_type: 'customer', content: 'Привет',
      is_private: postgres ? false : 0, attachments: '[]', metadata: '{"edits":[]}', delivery_status: 'delivered', delivery_attempts: 0, created_at: now, updated_at: now,
    });
    // A timeline event of a message that is gone: its message_id is cleared.
    await insert('timeline_events', { id: id(5), customer_id: id(2), type: 'message', occurred_at: now, conversation_id: id(3), message_id: id(98), data: '{"n":1}' });
    await before.destroy();

    const after = await openDatabase(options);
    try {
      const customer = await after.getRepository(CustomerEntity).findOneByOrFail({ id: id(2) });
      expect(customer.attributes).toEqual({ plan: 'gold', seats: 3 });
      expect(customer.tags).toEqual(['vip', 'b2b']);
      expect((await after.getRepository(InboxEntity).findOneByOrFail({ id: id(1) })).config).toMatchObject({ greeting: 'Hi' });
      expect((await after.getRepository(MessageEntity).findOneByOrFail({ id: id(4) })).metadata).toEqual({ edits: [] });
      // SQLite has no keys to satisfy: its rows stay as they were.
      expect((await after.getRepository(ConversationEntity).findOneByOrFail({ id: id(3) })).teamId).toBe(postgres ? null : id(99));
      const event = await after.getRepository(TimelineEventEntity).findOneByOrFail({ id: id(5) });
      expect([event.messageId, event.conversationId, event.data]).toEqual([postgres ? null : id(98), id(3), { n: 1 }]);
      const indexes = postgres
        ? (await after.query(`SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()`)).map((r: { name: string }) => r.name)
        : (await after.query(`SELECT name FROM sqlite_master WHERE type = 'index'`)).map((r: { name: string }) => r.name);
      expect(indexes).toEqual(expect.arrayContaining(['ix_messages_delivery_pending', 'ix_conversations_team_status', 'ix_customers_email', 'ix_customers_phone']));
      if (!postgres) return;
      expect(indexes).toContain('ix_customers_tags');

      const types = await after.query(`SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()
        AND (table_name, column_name) IN (('customers', 'id'), ('messages', 'conversation_id'), ('customers', 'attributes'), ('customers', 'tags'), ('messages', 'author_id'), ('jobs', 'id'))
        ORDER BY table_name, column_name`);
      expect(types.map((r: { table_name: string; column_name: string; data_type: string }) => `${r.table_name}.${r.column_name} ${r.data_type}`)).toEqual([
        'customers.attributes jsonb', 'customers.id uuid', 'customers.tags jsonb', 'jobs.id character varying', 'messages.author_id character varying', 'messages.conversation_id uuid',
      ]);
      // Every key and check is validated on the converted data.
      const unchecked = await after.query(`SELECT conname FROM pg_constraint WHERE connamespace = current_schema()::regnamespace AND contype IN ('f', 'c') AND NOT convalidated`);
      expect(unchecked).toEqual([]);
      // The constraints refuse what the application never writes.
      const refused = (sql: string, params: unknown[]) => after.query(sql, params).then(() => null, (err: { driverError?: { code?: string } }) => err.driverError?.code);
      expect(await refused(`UPDATE conversations SET status = 'archived' WHERE id = $1`, [id(3)])).toBe('23514');
      expect(await refused(`UPDATE conversations SET customer_id = $2 WHERE id = $1`, [id(3), id(97)])).toBe('23503');
      expect(await refused(`SELECT * FROM customers WHERE id = $1`, ['not-a-uuid'])).toBe('22P02');
      // Tags are queryable by containment through the GIN index; attributes merge atomically.
      expect(await after.query(`SELECT id FROM customers WHERE tags @> '["vip"]'`)).toEqual([{ id: id(2) }]);
      await after.query(`UPDATE customers SET attributes = attributes || $2::jsonb WHERE id = $1`, [id(2), JSON.stringify({ seats: 5 })]);
      expect((await after.getRepository(CustomerEntity).findOneByOrFail({ id: id(2) })).attributes).toEqual({ plan: 'gold', seats: 5 });
    } finally {
      await after.destroy();
    }
  });
});
