import { MigrationInterface, QueryRunner } from 'typeorm';
import { NOTIFICATION_CHECKS, NOTIFICATION_REFERENCES } from '../schema-rules';

const quoted = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
const fkName = (table: string, column: string) => `fk_${table}_${column}`.slice(0, 63);

/**
 * Mentions, collaborators and notifications (issue 17, items 3 and 4). The centre reads one agent's
 * newest rows, hence (user_id, created_at, id); "following me" asks by user, hence the second index
 * on collaborators. PostgreSQL also gets the CHECKs and keys (cascading with the user or conversation).
 */
export class Notifications1765950000000 implements MigrationInterface {
  name = 'Notifications1765950000000';

  async up(q: QueryRunner): Promise<void> {
    const postgres = q.connection.driver.options.type === 'postgres';
    const id = postgres ? 'uuid' : 'varchar(36)';
    const ts = postgres ? 'timestamptz' : 'datetime';
    const json = postgres ? 'jsonb' : 'text';
    await q.query(`CREATE TABLE notifications (
      id ${id} PRIMARY KEY NOT NULL, user_id ${id} NOT NULL, type varchar(20) NOT NULL, conversation_id ${id}, customer_id ${id},
      actor_id ${id}, data ${json} NOT NULL, read_at ${ts}, created_at ${ts} NOT NULL)`);
    await q.query(`CREATE INDEX ix_notifications_user_created ON notifications (user_id, created_at, id)`);
    await q.query(`CREATE TABLE conversation_collaborators (
      conversation_id ${id} NOT NULL, user_id ${id} NOT NULL, added_by ${id}, reason varchar(10) NOT NULL, created_at ${ts} NOT NULL,
      PRIMARY KEY (conversation_id, user_id))`);
    await q.query(`CREATE INDEX ix_conversation_collaborators_user ON conversation_collaborators (user_id, conversation_id)`);
    await q.query(`CREATE TABLE notification_settings (
      user_id ${id} PRIMARY KEY NOT NULL, events ${json} NOT NULL, sound varchar(20) NOT NULL, browser boolean NOT NULL, updated_at ${ts} NOT NULL)`);
    if (!postgres) return;
    for (const c of NOTIFICATION_CHECKS) {
      await q.query(`ALTER TABLE "${c.table}" ADD CONSTRAINT "ck_${c.table}_${c.column}" CHECK ("${c.column}" IN (${quoted(c.values)}))`);
    }
    for (const r of NOTIFICATION_REFERENCES) {
      await q.query(`ALTER TABLE "${r.table}" ADD CONSTRAINT "${fkName(r.table, r.column)}" FOREIGN KEY ("${r.column}") REFERENCES "${r.references}" (id)
        ON DELETE ${r.onDelete} DEFERRABLE INITIALLY DEFERRED`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_settings`);
    await q.query(`DROP TABLE conversation_collaborators`);
    await q.query(`DROP TABLE notifications`);
  }
}
