import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every keyset page is `ORDER BY at, id` with the row comparison `(at, id) < (:at, :id)` (see
 * `keysetCondition`); it starts at the key only when an index leads with the page's equality filters
 * and ends in (at, id). The timeline, messages and status-filtered conversation lists had theirs;
 * these are the pages that did not (issue 16, item 6).
 */
const INDEXES = [
  // The conversation list with no status chosen ("all"), and one customer's conversations.
  `CREATE INDEX ix_conversations_activity ON conversations (last_message_at, id)`,
  `CREATE INDEX ix_conversations_customer_activity ON conversations (customer_id, last_message_at, id)`,
  // A team's queue (the supervisor's and the team filter of the list), by status.
  `CREATE INDEX ix_conversations_team_status_activity ON conversations (team_id, status, last_message_at, id)`,
  // The customer list, newest update first.
  `CREATE INDEX ix_customers_updated ON customers (updated_at, id)`,
];

export class KeysetIndexes1765810000000 implements MigrationInterface {
  name = 'KeysetIndexes1765810000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of INDEXES) await q.query(sql);
    // The SLA sweep pages due timers by (next_fire_at, id): the id joins the index so ties on the moment are in it too.
    await q.query(`DROP INDEX ix_sla_timers_next_fire`);
    await q.query(`CREATE INDEX ix_sla_timers_next_fire ON sla_timers (next_fire_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_sla_timers_next_fire`);
    await q.query(`CREATE INDEX ix_sla_timers_next_fire ON sla_timers (next_fire_at)`);
    for (const sql of INDEXES) await q.query(`DROP INDEX ${/CREATE INDEX (\w+)/.exec(sql)![1]}`);
  }
}
