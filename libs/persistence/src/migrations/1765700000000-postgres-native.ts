import { MigrationInterface, QueryRunner } from 'typeorm';
import { ENUM_CHECKS, REFERENCES } from '../schema-rules';

/** Columns holding UUIDs (own ids and references), per table. `messages.author_id` may name a system actor: it stays text. */
const UUID_COLUMNS: Record<string, string[]> = {
  agent_profiles: ['user_id'],
  agent_sockets: ['user_id'],
  attachments: ['id'],
  auth_sessions: ['id', 'user_id'],
  business_calendars: ['id'],
  channel_identities: ['id', 'customer_id'],
  conversation_routing: ['conversation_id'],
  conversations: ['id', 'customer_id', 'inbox_id', 'assignee_id', 'team_id'],
  customer_merges: ['id', 'target_customer_id', 'source_customer_id'],
  customers: ['id', 'merged_into_id'],
  dead_letters: ['id'],
  inboxes: ['id'],
  merge_suggestions: ['id', 'customer_a_id', 'customer_b_id'],
  message_sentiments: ['message_id', 'conversation_id'],
  messages: ['id', 'conversation_id', 'customer_id', 'inbox_id'],
  routing_rules: ['id', 'team_id', 'inbox_id'],
  sla_policies: ['id', 'calendar_id'],
  sla_timers: ['id', 'conversation_id', 'policy_id'],
  survey_opt_outs: ['customer_id'],
  survey_recoveries: ['survey_id', 'conversation_id', 'customer_id', 'team_id', 'assignee_id'],
  survey_responses: ['survey_id', 'conversation_id', 'customer_id', 'team_id', 'agent_id'],
  survey_settings: ['id', 'scope_id'],
  surveys: ['id', 'conversation_id', 'customer_id', 'inbox_id', 'team_id', 'agent_id'],
  team_members: ['team_id', 'agent_id'],
  teams: ['id', 'overflow_team_id', 'sla_policy_id', 'lead_id'],
  timeline_events: ['id', 'customer_id', 'conversation_id', 'message_id'],
  users: ['id'],
  xla_events: ['id', 'conversation_id', 'team_id'],
  xla_policies: ['id', 'team_id'],
};

/** The former simple-json text columns. */
const JSON_COLUMNS: Record<string, string[]> = {
  agent_profiles: ['skills'],
  business_calendars: ['hours', 'holidays'],
  channel_identities: ['metadata'],
  conversations: ['metadata'],
  customer_merges: ['moved', 'target_before'],
  customers: ['attributes', 'tags'],
  dead_letters: ['data'],
  inboxes: ['config'],
  jobs: ['data'],
  merge_suggestions: ['evidence'],
  messages: ['attachments', 'metadata'],
  routing_rules: ['keywords'],
  sla_policies: ['targets', 'escalation'],
  survey_settings: ['texts'],
  timeline_events: ['data'],
};

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** Indexes the hot queries need beyond those of earlier migrations, on both databases. */
const INDEXES = [
  // The delivery watchdog (pending) and status reconciliation (queued, sent) read only outbound messages still on their way.
  `CREATE INDEX ix_messages_delivery_pending ON messages (updated_at) WHERE direction = 'outbound' AND delivery_status IN ('pending', 'queued', 'sent')`,
  // The routing queue of a team and the "still open in this team" check before a team goes.
  `CREATE INDEX ix_conversations_team_status ON conversations (team_id, status)`,
  // Foreign keys are checked from the child side on every parent delete or key change (merges move customer_id).
  `CREATE INDEX ix_messages_customer ON messages (customer_id)`,
  `CREATE INDEX ix_timeline_conversation ON timeline_events (conversation_id)`,
  `CREATE INDEX ix_sla_timers_policy ON sla_timers (policy_id)`,
  `CREATE INDEX ix_survey_responses_survey_conv ON survey_responses (conversation_id)`,
];

const constraintName = (prefix: string, table: string, column: string) => `${prefix}_${table}_${column}`.slice(0, 63);

/**
 * A PostgreSQL-native schema (issue 15, item 9): uuid ids and references, jsonb for structured
 * values (customer tags get a GIN index), foreign keys on every reference, CHECK constraints on
 * enumerations, and the indexes hot queries need. Existing databases convert in place. SQLite keeps
 * its shapes (the same entities map to text there) and gets the indexes only.
 */
export class PostgresNative1765700000000 implements MigrationInterface {
  name = 'PostgresNative1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_messages_delivery_pending`);
    if (q.connection.driver.options.type !== 'postgres') {
      for (const sql of INDEXES) await q.query(sql);
      return;
    }
    await this.refuseMalformedIds(q);
    // Optional references to rows that do not exist (written before there were keys) are cleared;
    // a required one keeps its row and its key is left NOT VALID (checked for new rows only).
    for (const r of REFERENCES.filter((r) => this.nullable(r.table, r.column))) {
      await q.query(`UPDATE "${r.table}" t SET "${r.column}" = NULL WHERE "${r.column}" IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM "${r.references}" p WHERE p.id::text = t."${r.column}"::text)`);
    }
    for (const [table, columns] of Object.entries(UUID_COLUMNS)) {
      await q.query(`ALTER TABLE "${table}" ${columns.map((c) => `ALTER COLUMN "${c}" TYPE uuid USING "${c}"::uuid`).join(', ')}`);
    }
    for (const [table, columns] of Object.entries(JSON_COLUMNS)) {
      await q.query(`ALTER TABLE "${table}" ${columns.map((c) => `ALTER COLUMN "${c}" TYPE jsonb USING "${c}"::jsonb`).join(', ')}`);
    }
    await q.query(`CREATE INDEX ix_customers_tags ON customers USING gin (tags)`);
    for (const sql of INDEXES) await q.query(sql);
    for (const c of ENUM_CHECKS) {
      const list = c.values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
      await q.query(`ALTER TABLE "${c.table}" ADD CONSTRAINT "${constraintName('ck', c.table, c.column)}" CHECK ("${c.column}" IN (${list})) NOT VALID`);
      await this.validate(q, c.table, constraintName('ck', c.table, c.column));
    }
    // DEFERRABLE INITIALLY DEFERRED: checked at commit, so a transaction may write a parent and its
    // children in any order (the batched ingest writes them in one statement).
    for (const r of REFERENCES) {
      const name = constraintName('fk', r.table, r.column);
      await q.query(`ALTER TABLE "${r.table}" ADD CONSTRAINT "${name}" FOREIGN KEY ("${r.column}") REFERENCES "${r.references}" (id)
        ON DELETE ${r.onDelete} DEFERRABLE INITIALLY DEFERRED NOT VALID`);
      await this.validate(q, r.table, name);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of INDEXES) await q.query(`DROP INDEX ${/CREATE INDEX (\w+)/.exec(sql)![1]}`);
    await q.query(`CREATE INDEX ix_messages_delivery_pending ON messages (delivery_status, updated_at)`);
    if (q.connection.driver.options.type !== 'postgres') return;
    for (const r of REFERENCES) await q.query(`ALTER TABLE "${r.table}" DROP CONSTRAINT "${constraintName('fk', r.table, r.column)}"`);
    for (const c of ENUM_CHECKS) await q.query(`ALTER TABLE "${c.table}" DROP CONSTRAINT "${constraintName('ck', c.table, c.column)}"`);
    await q.query(`DROP INDEX ix_customers_tags`);
    for (const [table, columns] of Object.entries(JSON_COLUMNS)) {
      await q.query(`ALTER TABLE "${table}" ${columns.map((c) => `ALTER COLUMN "${c}" TYPE text USING "${c}"::text`).join(', ')}`);
    }
    for (const [table, columns] of Object.entries(UUID_COLUMNS)) {
      await q.query(`ALTER TABLE "${table}" ${columns.map((c) => `ALTER COLUMN "${c}" TYPE varchar(36) USING "${c}"::text`).join(', ')}`);
    }
  }

  private nullable(table: string, column: string): boolean {
    return this.nullableColumns.has(`${table}.${column}`);
  }

  private nullableColumns = new Set<string>();

  /** A value that is not a UUID cannot convert: a nullable reference loses it, anything else stops the migration with where it is. */
  private async refuseMalformedIds(q: QueryRunner): Promise<void> {
    const rows: { table_name: string; column_name: string }[] = await q.query(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_nullable = 'YES'`,
    );
    this.nullableColumns = new Set(rows.map((r) => `${r.table_name}.${r.column_name}`));
    for (const [table, columns] of Object.entries(UUID_COLUMNS)) {
      for (const column of columns) {
        if (this.nullable(table, column)) {
          await q.query(`UPDATE "${table}" SET "${column}" = NULL WHERE "${column}" !~ '${UUID_PATTERN}'`);
          continue;
        }
        const [bad] = await q.query(`SELECT "${column}" AS value FROM "${table}" WHERE "${column}" !~ '${UUID_PATTERN}' LIMIT 1`);
        if (bad) throw new Error(`${table}.${column} holds "${bad.value}", which is not a UUID: fix or delete that row, then migrate again`);
      }
    }
  }

  /** Validates a constraint added NOT VALID; when existing rows break it, it stays NOT VALID (enforced for new rows) and says so. */
  private async validate(q: QueryRunner, table: string, name: string): Promise<void> {
    await q.query(`SAVEPOINT validate_constraint`);
    try {
      await q.query(`ALTER TABLE "${table}" VALIDATE CONSTRAINT "${name}"`);
      await q.query(`RELEASE SAVEPOINT validate_constraint`);
    } catch (err) {
      await q.query(`ROLLBACK TO SAVEPOINT validate_constraint`);
      process.emitWarning(`${name}: existing rows of ${table} break it (${(err as Error).message}); it is enforced for new rows only`);
    }
  }
}
