import { MigrationInterface, QueryRunner } from 'typeorm';
import { CANNED_RESPONSE_CHECKS, CANNED_RESPONSE_REFERENCES } from '../schema-rules';

const quoted = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
const fkName = (table: string, column: string) => `fk_${table}_${column}`.slice(0, 63);

/**
 * Canned responses (issue 17, item 1). The shortcode is unique per scope key (the owner, the team
 * or everyone); PostgreSQL also gets the scope's CHECK and keys to the owner and the team.
 */
export class CannedResponses1765900000000 implements MigrationInterface {
  name = 'CannedResponses1765900000000';

  async up(q: QueryRunner): Promise<void> {
    const postgres = q.connection.driver.options.type === 'postgres';
    const id = postgres ? 'uuid' : 'varchar(36)';
    const ts = postgres ? 'timestamptz' : 'datetime';
    const json = postgres ? 'jsonb' : 'text';
    await q.query(`CREATE TABLE canned_responses (
      id ${id} PRIMARY KEY NOT NULL, shortcode varchar(64) NOT NULL, title varchar(200) NOT NULL, scope varchar(16) NOT NULL,
      scope_key varchar(48) NOT NULL, owner_id ${id}, team_id ${id}, variants ${json} NOT NULL, attachments ${json} NOT NULL,
      whatsapp_template varchar(200), created_at ${ts} NOT NULL, updated_at ${ts} NOT NULL)`);
    // Also serves the list: scope_key IN ('shared', 'personal:<me>', 'team:<mine>…').
    await q.query(`CREATE UNIQUE INDEX ux_canned_responses_scope_shortcode ON canned_responses (scope_key, shortcode)`);
    if (!postgres) return;
    for (const c of CANNED_RESPONSE_CHECKS) {
      await q.query(`ALTER TABLE "${c.table}" ADD CONSTRAINT "ck_${c.table}_${c.column}" CHECK ("${c.column}" IN (${quoted(c.values)}))`);
    }
    for (const r of CANNED_RESPONSE_REFERENCES) {
      await q.query(`ALTER TABLE "${r.table}" ADD CONSTRAINT "${fkName(r.table, r.column)}" FOREIGN KEY ("${r.column}") REFERENCES "${r.references}" (id)
        ON DELETE ${r.onDelete} DEFERRABLE INITIALLY DEFERRED`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE canned_responses`);
  }
}
