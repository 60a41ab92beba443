import { MigrationInterface, QueryRunner } from 'typeorm';
import { MACRO_CHECKS, MACRO_REFERENCES } from '../schema-rules';

const quoted = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
const fkName = (table: string, column: string) => `fk_${table}_${column}`.slice(0, 63);

/**
 * Macros (issue 17, item 2): `macros` (scoped as canned responses), `macro_runs` (one per run, the
 * macro copied in) and `macro_run_items` (what a run did to each conversation, for its undo).
 * What a macro changes is recorded on existing timeline event types (`data.macro`): no new type.
 */
export class Macros1765970000000 implements MigrationInterface {
  name = 'Macros1765970000000';

  async up(q: QueryRunner): Promise<void> {
    const postgres = q.connection.driver.options.type === 'postgres';
    const id = postgres ? 'uuid' : 'varchar(36)';
    const ts = postgres ? 'timestamptz' : 'datetime';
    const json = postgres ? 'jsonb' : 'text';
    await q.query(`CREATE TABLE macros (
      id ${id} PRIMARY KEY NOT NULL, name varchar(100) NOT NULL, scope varchar(16) NOT NULL, scope_key varchar(48) NOT NULL,
      owner_id ${id} NOT NULL, team_id ${id}, actions ${json} NOT NULL, refs ${json} NOT NULL, created_at ${ts} NOT NULL, updated_at ${ts} NOT NULL)`);
    await q.query(`CREATE INDEX ix_macros_scope_key ON macros (scope_key, name)`);
    await q.query(`CREATE TABLE macro_runs (
      id ${id} PRIMARY KEY NOT NULL, macro_id ${id} NOT NULL, macro_name varchar(100) NOT NULL, actions ${json} NOT NULL, user_id ${id} NOT NULL,
      state varchar(10) NOT NULL, total integer NOT NULL, bulk_operation_id ${id}, created_at ${ts} NOT NULL, undone_at ${ts})`);
    // "The user's last run" is the newest of this index.
    await q.query(`CREATE INDEX ix_macro_runs_user ON macro_runs (user_id, created_at)`);
    await q.query(`CREATE TABLE macro_run_items (
      run_id ${id} NOT NULL, conversation_id ${id} NOT NULL, outcome varchar(10) NOT NULL, undo ${json} NOT NULL, error varchar(1000),
      updated_at ${ts} NOT NULL, PRIMARY KEY (run_id, conversation_id))`);
    if (!postgres) return;
    for (const c of MACRO_CHECKS) {
      await q.query(`ALTER TABLE "${c.table}" ADD CONSTRAINT "ck_${c.table}_${c.column}" CHECK ("${c.column}" IN (${quoted(c.values)}))`);
    }
    for (const r of MACRO_REFERENCES) {
      await q.query(`ALTER TABLE "${r.table}" ADD CONSTRAINT "${fkName(r.table, r.column)}" FOREIGN KEY ("${r.column}") REFERENCES "${r.references}" (id)
        ON DELETE ${r.onDelete} DEFERRABLE INITIALLY DEFERRED`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE macro_run_items`);
    await q.query(`DROP TABLE macro_runs`);
    await q.query(`DROP TABLE macros`);
  }
}
