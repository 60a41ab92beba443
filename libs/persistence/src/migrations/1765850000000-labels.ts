import { MigrationInterface, QueryRunner } from 'typeorm';
import { searchFold } from '../data-source';
import { ENUM_CHECKS, LATER_REFERENCES } from '../schema-rules';

const TIMELINE_TYPES = ENUM_CHECKS.find((c) => c.table === 'timeline_events' && c.column === 'type')!.values;
const LABEL_EVENT_TYPES = ['label_added', 'label_removed'];

const quoted = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
const fkName = (table: string, column: string) => `fk_${table}_${column}`.slice(0, 63);

/**
 * Labels on conversations (issue 16, item 3): `labels` (a name per language, a colour) and
 * `conversation_labels` (which conversation carries which label). PostgreSQL also gets the rules:
 * names unique once folded as search folds them, the colour's form, keys cascading from either side,
 * and timeline events of the two new types.
 */
export class Labels1765850000000 implements MigrationInterface {
  name = 'Labels1765850000000';

  async up(q: QueryRunner): Promise<void> {
    const postgres = q.connection.driver.options.type === 'postgres';
    const id = postgres ? 'uuid' : 'varchar(36)';
    const ts = postgres ? 'timestamptz' : 'datetime';
    await q.query(`CREATE TABLE labels (
      id ${id} PRIMARY KEY NOT NULL, name_en varchar(100) NOT NULL, name_ru varchar(100) NOT NULL, colour varchar(7) NOT NULL,
      created_at ${ts} NOT NULL, updated_at ${ts} NOT NULL)`);
    await q.query(`CREATE TABLE conversation_labels (
      conversation_id ${id} NOT NULL, label_id ${id} NOT NULL, added_by ${id}, added_at ${ts} NOT NULL,
      PRIMARY KEY (conversation_id, label_id))`);
    // The list filter and a label's deletion look rows up by label; the primary key serves "labels of these conversations".
    await q.query(`CREATE INDEX ix_conversation_labels_label ON conversation_labels (label_id, conversation_id)`);
    if (!postgres) return;
    // «Возврат», «ВОЗВРАТ» and «возврат» are one label (the expression is searchFold's, as LabelsService compares).
    await q.query(`CREATE UNIQUE INDEX ux_labels_name_en ON labels ((${searchFold('postgres', 'name_en')}))`);
    await q.query(`CREATE UNIQUE INDEX ux_labels_name_ru ON labels ((${searchFold('postgres', 'name_ru')}))`);
    await q.query(`ALTER TABLE labels ADD CONSTRAINT ck_labels_colour CHECK (colour ~ '^#[0-9a-f]{6}$')`);
    for (const r of LATER_REFERENCES) {
      await q.query(`ALTER TABLE "${r.table}" ADD CONSTRAINT "${fkName(r.table, r.column)}" FOREIGN KEY ("${r.column}") REFERENCES "${r.references}" (id)
        ON DELETE ${r.onDelete} DEFERRABLE INITIALLY DEFERRED`);
    }
    await this.timelineTypes(q, TIMELINE_TYPES);
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'postgres') {
      await q.query(`DELETE FROM timeline_events WHERE type IN (${quoted(LABEL_EVENT_TYPES)})`);
      await this.timelineTypes(q, TIMELINE_TYPES.filter((t) => !LABEL_EVENT_TYPES.includes(t)));
    }
    await q.query(`DROP TABLE conversation_labels`);
    await q.query(`DROP TABLE labels`);
  }

  /** Re-creates the CHECK migration 1765700000000 put on timeline_events.type, with these values. */
  private async timelineTypes(q: QueryRunner, values: readonly string[]): Promise<void> {
    await q.query(`ALTER TABLE timeline_events DROP CONSTRAINT IF EXISTS ck_timeline_events_type`);
    await q.query(`ALTER TABLE timeline_events ADD CONSTRAINT ck_timeline_events_type CHECK (type IN (${quoted(values)}))`);
  }
}
