import { MigrationInterface, QueryRunner, Table } from 'typeorm';

const TIMELINE_TYPES = [
  'message', 'note', 'conversation_opened', 'status_changed', 'assigned', 'crm_event', 'customer_merged', 'customer_unmerged',
  'transferred', 'sla_breached', 'xla_breached', 'survey_sent', 'survey_answered',
];

const typeCheck = (types: string[]) => `CHECK ("type" IN (${types.map((t) => `'${t}'`).join(', ')}))`;

/**
 * Saved views and bulk operations (issue 16, items 4 and 5). Ids are uuid and filters jsonb on
 * PostgreSQL, as after 1765700000000; a changed priority gets a timeline event type of its own.
 */
export class ViewsBulk1765820000000 implements MigrationInterface {
  name = 'ViewsBulk1765820000000';

  async up(q: QueryRunner): Promise<void> {
    const postgres = q.connection.driver.options.type === 'postgres';
    const id = postgres ? { type: 'uuid' } : { type: 'varchar', length: '36' };
    const json = postgres ? 'jsonb' : 'text';
    const ts = postgres ? 'timestamptz' : 'datetime';
    await q.createTable(new Table({
      name: 'saved_views',
      columns: [
        { name: 'id', ...id, isPrimary: true },
        { name: 'kind', type: 'varchar', length: '20' },
        { name: 'name', type: 'varchar', length: '100' },
        { name: 'filters', type: json },
        { name: 'owner_id', ...id },
        { name: 'team_id', ...id, isNullable: true },
        { name: 'position', type: 'integer', default: 0 },
        { name: 'created_at', type: ts },
        { name: 'updated_at', type: ts },
      ],
      indices: [
        { name: 'ix_saved_views_owner', columnNames: ['owner_id', 'position'] },
        { name: 'ix_saved_views_team', columnNames: ['team_id', 'position'] },
      ],
      checks: [{ name: 'ck_saved_views_kind', expression: `"kind" IN ('conversations', 'customers')` }],
      // A view goes with its owner's account and with the team it is shared with.
      foreignKeys: postgres ? [
        { name: 'fk_saved_views_owner_id', columnNames: ['owner_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        { name: 'fk_saved_views_team_id', columnNames: ['team_id'], referencedTableName: 'teams', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
      ] : [],
    }));
    await q.createTable(new Table({
      name: 'bulk_operations',
      columns: [
        { name: 'id', ...id, isPrimary: true },
        { name: 'state', type: 'varchar', length: '10' },
        { name: 'action', type: json },
        { name: 'selection', type: json },
        { name: 'total', type: 'integer' },
        { name: 'done', type: 'integer', default: 0 },
        { name: 'failed', type: 'integer', default: 0 },
        { name: 'errors', type: json },
        { name: 'cursor', type: 'varchar', length: '200', isNullable: true },
        { name: 'requested_by', ...id },
        { name: 'created_at', type: ts },
        { name: 'finished_at', type: ts, isNullable: true },
      ],
      indices: [{ name: 'ix_bulk_operations_requested_by', columnNames: ['requested_by', 'created_at'] }],
      checks: [{ name: 'ck_bulk_operations_state', expression: `"state" IN ('queued', 'running', 'done', 'failed')` }],
      foreignKeys: postgres ? [
        { name: 'fk_bulk_operations_requested_by', columnNames: ['requested_by'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
      ] : [],
    }));
    if (postgres) await this.timelineTypes(q, [...TIMELINE_TYPES, 'priority_changed']);
  }

  async down(q: QueryRunner): Promise<void> {
    const postgres = q.connection.driver.options.type === 'postgres';
    if (postgres) {
      await q.query(`DELETE FROM timeline_events WHERE type = 'priority_changed'`);
      await this.timelineTypes(q, TIMELINE_TYPES);
    }
    await q.dropTable('bulk_operations');
    await q.dropTable('saved_views');
  }

  /** The CHECK of 1765700000000 (schema-rules.ts), re-created with this list. */
  private async timelineTypes(q: QueryRunner, types: string[]): Promise<void> {
    await q.query(`ALTER TABLE timeline_events DROP CONSTRAINT IF EXISTS ck_timeline_events_type`);
    await q.query(`ALTER TABLE timeline_events ADD CONSTRAINT ck_timeline_events_type ${typeCheck(types)}`);
  }
}
