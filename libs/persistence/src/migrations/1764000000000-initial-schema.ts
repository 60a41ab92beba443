import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Written with TypeORM's schema builder rather than raw SQL so the one migration runs on both
// SQLite and PostgreSQL; only the timestamp type differs.
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    const ts = q.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const id: TableColumnOptions = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
    const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
    const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    const time = (name: string, nullable = false): TableColumnOptions => ({ name, type: ts, isNullable: nullable });
    const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
    const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean', default: false });
    const int = (name: string, dflt = 0): TableColumnOptions => ({ name, type: 'integer', default: dflt });

    await q.createTable(new Table({
      name: 'users',
      columns: [id, str('name', 200), str('email', 320), str('password_hash', 200), str('role', 20), time('created_at')],
      indices: [{ name: 'uq_users_email', columnNames: ['email'], isUnique: true }],
    }));
    await q.createTable(new Table({ name: 'teams', columns: [id, str('name', 200), time('created_at')] }));
    await q.createTable(new Table({
      name: 'inboxes',
      columns: [id, str('name', 200), str('channel', 20), text('config'), str('website_token', 64, true), time('created_at'), time('updated_at')],
      indices: [{ name: 'uq_inboxes_website_token', columnNames: ['website_token'], isUnique: true }],
    }));
    await q.createTable(new Table({
      name: 'customers',
      columns: [id, str('name', 200, true), str('email', 320, true), str('phone', 32, true), text('attributes'), text('tags'),
        ref('merged_into_id', true), time('created_at'), time('updated_at')],
    }));
    await q.createTable(new Table({
      name: 'channel_identities',
      columns: [id, ref('customer_id'), str('channel', 20), str('external_id', 320), str('display_name', 200, true), bool('opted_out'), time('created_at')],
      indices: [
        { name: 'uq_identities_channel_external', columnNames: ['channel', 'external_id'], isUnique: true },
        { name: 'ix_identities_customer', columnNames: ['customer_id'] },
      ],
    }));
    await q.createTable(new Table({
      name: 'conversations',
      columns: [id, ref('customer_id'), ref('inbox_id'), str('channel', 20), str('status', 20), ref('assignee_id', true), ref('team_id', true),
        { name: 'priority', type: 'varchar', length: '10', default: "'normal'" },
        time('snoozed_until', true), time('first_response_at', true), time('resolved_at', true), time('last_message_at'), time('last_inbound_at', true),
        str('last_message_preview', 200, true), int('unread_count'), time('created_at'), time('updated_at')],
      indices: [
        { name: 'ix_conversations_status_activity', columnNames: ['status', 'last_message_at', 'id'] },
        { name: 'ix_conversations_inbox_status_activity', columnNames: ['inbox_id', 'status', 'last_message_at', 'id'] },
        { name: 'ix_conversations_assignee_status_activity', columnNames: ['assignee_id', 'status', 'last_message_at', 'id'] },
        { name: 'ix_conversations_customer_inbox', columnNames: ['customer_id', 'inbox_id', 'created_at'] },
      ],
    }));
    await q.createTable(new Table({
      name: 'messages',
      columns: [id, ref('conversation_id'), ref('customer_id'), ref('inbox_id'), str('channel', 20), str('direction', 10), str('author_type', 10),
        ref('author_id', true), str('author_name', 200, true), text('content'), bool('is_private'), text('attachments'),
        str('provider_message_id', 255, true), str('client_message_id', 64, true), str('delivery_status', 20), str('delivery_error', 500, true),
        int('delivery_attempts'), time('created_at'), time('updated_at')],
      indices: [
        { name: 'uq_messages_inbox_provider_id', columnNames: ['inbox_id', 'provider_message_id'], isUnique: true },
        { name: 'ix_messages_conversation_created', columnNames: ['conversation_id', 'created_at', 'id'] },
        { name: 'ix_messages_delivery_pending', columnNames: ['delivery_status', 'updated_at'] },
      ],
    }));
    await q.createTable(new Table({
      name: 'timeline_events',
      columns: [id, ref('customer_id'), str('type', 30), time('occurred_at'), str('channel', 20, true), ref('conversation_id', true), ref('message_id', true),
        str('direction', 10, true), text('content', true), str('title', 300, true), str('author_name', 200, true), text('data', true)],
      indices: [
        { name: 'ix_timeline_customer_occurred', columnNames: ['customer_id', 'occurred_at', 'id'] },
        { name: 'ix_timeline_message', columnNames: ['message_id'] },
      ],
    }));
    await q.createTable(new Table({
      name: 'jobs',
      columns: [{ name: 'id', type: 'varchar', length: '120', isPrimary: true }, str('queue', 60), str('name', 60), text('data'), str('status', 12),
        time('run_at'), int('attempts'), int('max_attempts'), int('backoff_ms'), str('last_error', 500, true), time('created_at')],
      indices: [{ name: 'ix_jobs_due', columnNames: ['status', 'run_at'] }],
    }));
    await q.createTable(new Table({
      name: 'settings',
      columns: [{ name: 'key', type: 'varchar', length: '100', isPrimary: true }, text('value')],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['settings', 'jobs', 'timeline_events', 'messages', 'conversations', 'channel_identities', 'customers', 'inboxes', 'teams', 'users']) {
      await q.dropTable(t);
    }
  }
}
