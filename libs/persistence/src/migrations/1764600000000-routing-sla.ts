import { MigrationInterface, QueryRunner, Table, TableColumn, TableColumnOptions } from 'typeorm';

// Teams, presence, routing rules, SLA/XLA policies and the durable SLA timers (issue 6).
export class RoutingSla1764600000000 implements MigrationInterface {
  name = 'RoutingSla1764600000000';

  async up(q: QueryRunner): Promise<void> {
    const ts = q.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const id: TableColumnOptions = { name: 'id', type: 'varchar', length: '36', isPrimary: true };
    const ref = (name: string, nullable = false, primary = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable, isPrimary: primary });
    const str = (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
    const time = (name: string, nullable = false): TableColumnOptions => ({ name, type: ts, isNullable: nullable });
    const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
    const bool = (name: string, dflt = false): TableColumnOptions => ({ name, type: 'boolean', default: dflt });
    const int = (name: string, dflt: number | null = 0): TableColumnOptions =>
      dflt === null ? { name, type: 'integer', isNullable: true } : { name, type: 'integer', default: dflt };

    await q.addColumns('teams', [
      new TableColumn({ name: 'strategy', type: 'varchar', length: '20', default: "'round_robin'" }),
      new TableColumn(bool('sticky', true)),
      new TableColumn(ref('overflow_team_id', true)),
      new TableColumn(int('overflow_after_minutes', null)),
      new TableColumn(ref('sla_policy_id', true)),
    ]);
    await q.createTable(new Table({
      name: 'team_members',
      columns: [ref('team_id', false, true), ref('agent_id', false, true), time('created_at')],
      indices: [{ name: 'ix_team_members_agent', columnNames: ['agent_id'] }],
    }));
    await q.createTable(new Table({
      name: 'agent_profiles',
      columns: [ref('user_id', false, true), str('status', 10), bool('auto_away'), int('capacity', 10), int('load'), text('skills'),
        time('last_assigned_at', true), time('updated_at')],
    }));
    await q.createTable(new Table({
      name: 'agent_sockets',
      columns: [{ name: 'socket_id', type: 'varchar', length: '64', isPrimary: true }, ref('user_id'), time('last_seen_at')],
      indices: [
        { name: 'ix_agent_sockets_user', columnNames: ['user_id'] },
        { name: 'ix_agent_sockets_seen', columnNames: ['last_seen_at'] },
      ],
    }));
    await q.createTable(new Table({
      name: 'routing_rules',
      columns: [id, int('position'), ref('team_id'), ref('inbox_id', true), str('language', 10, true), text('keywords'), time('created_at')],
    }));
    await q.createTable(new Table({
      name: 'conversation_routing',
      columns: [ref('conversation_id', false, true), str('language', 10, true), str('sentiment', 10, true), int('sentiment_score'), int('boost'),
        int('transfers'), time('queued_at', true), time('updated_at')],
      indices: [{ name: 'ix_conversation_routing_queue', columnNames: ['queued_at'] }],
    }));
    await q.createTable(new Table({
      name: 'message_sentiments',
      columns: [ref('message_id', false, true), ref('conversation_id'), str('language', 10), int('score'), str('label', 10), time('created_at')],
      indices: [{ name: 'ix_message_sentiments_conversation', columnNames: ['conversation_id'] }],
    }));
    await q.createTable(new Table({
      name: 'business_calendars',
      columns: [id, str('name', 200), str('time_zone', 64), text('hours'), text('holidays'), time('created_at'), time('updated_at')],
    }));
    await q.createTable(new Table({
      name: 'sla_policies',
      columns: [id, str('name', 200), ref('calendar_id', true), text('targets'), int('warn_at_percent', 80), text('escalation'), bool('is_default'),
        time('created_at'), time('updated_at')],
    }));
    await q.createTable(new Table({
      name: 'sla_timers',
      columns: [id, ref('conversation_id'), str('metric', 20), str('state', 12), ref('policy_id', true), int('target_seconds'), int('consumed_seconds'),
        time('segment_started_at', true), time('started_at'), time('due_at', true), time('warn_at', true), time('next_fire_at', true), bool('warned'),
        time('breached_at', true), time('met_at', true), int('version'), time('updated_at')],
      indices: [
        { name: 'uq_sla_timers_conversation_metric', columnNames: ['conversation_id', 'metric'], isUnique: true },
        { name: 'ix_sla_timers_next_fire', columnNames: ['next_fire_at'] },
      ],
    }));
    await q.createTable(new Table({
      name: 'xla_policies',
      columns: [id, ref('team_id', true), int('negative_reply_minutes', null), int('max_transfers', null), int('repeat_contact_days', null),
        int('csat_target_percent', null), time('updated_at')],
    }));
    await q.createTable(new Table({
      name: 'xla_events',
      columns: [id, ref('conversation_id'), ref('team_id', true), str('kind', 20), int('value', null), { name: 'breached', type: 'boolean' }, time('occurred_at')],
      indices: [
        { name: 'ix_xla_events_team_kind', columnNames: ['team_id', 'kind', 'occurred_at'] },
        { name: 'ix_xla_events_conversation', columnNames: ['conversation_id'] },
      ],
    }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['xla_events', 'xla_policies', 'sla_timers', 'sla_policies', 'business_calendars', 'message_sentiments', 'conversation_routing',
      'routing_rules', 'agent_sockets', 'agent_profiles', 'team_members']) {
      await q.dropTable(t);
    }
    for (const c of ['sla_policy_id', 'overflow_after_minutes', 'overflow_team_id', 'sticky', 'strategy']) await q.dropColumn('teams', c);
  }
}
