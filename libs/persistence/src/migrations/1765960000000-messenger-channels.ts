import { MigrationInterface, QueryRunner } from 'typeorm';
import { ENUM_CHECKS } from '../schema-rules';

const OLD_CHANNELS = ['webchat', 'sms', 'whatsapp', 'telegram', 'email'];
const CHANNEL_COLUMNS = ENUM_CHECKS.filter((c) => c.column === 'channel');

const quoted = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
const checkName = (table: string) => `ck_${table}_channel`.slice(0, 63);

/**
 * Viber, VK, Messenger and Instagram (issue 18) are channels: on PostgreSQL the CHECK that migration
 * 1765700000000 put on every `channel` column is re-created with them. SQLite keeps no such CHECK.
 */
export class MessengerChannels1765960000000 implements MigrationInterface {
  name = 'MessengerChannels1765960000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return;
    for (const c of CHANNEL_COLUMNS) await this.recreate(q, c.table, c.values);
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type !== 'postgres') return;
    for (const c of CHANNEL_COLUMNS) await this.recreate(q, c.table, OLD_CHANNELS);
  }

  private async recreate(q: QueryRunner, table: string, values: readonly string[]): Promise<void> {
    await q.query(`ALTER TABLE "${table}" DROP CONSTRAINT IF EXISTS "${checkName(table)}"`);
    // Added NOT VALID, then validated: the scan runs under a lock that lets writes go on.
    await q.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${checkName(table)}" CHECK (channel IN (${quoted(values)})) NOT VALID`);
    await q.query(`ALTER TABLE "${table}" VALIDATE CONSTRAINT "${checkName(table)}"`);
  }
}
