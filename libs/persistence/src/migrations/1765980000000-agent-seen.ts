import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When an agent last opened the conversation after the customer wrote (issue 17, item 5): the web chat
 * visitor sees "Seen" under their messages up to then, also after a reload. A plain ADD COLUMN on both
 * databases (TypeORM's SQLite addColumn would copy the whole table to add a nullable column).
 */
export class AgentSeen1765980000000 implements MigrationInterface {
  name = 'AgentSeen1765980000000';

  async up(q: QueryRunner): Promise<void> {
    const type = q.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await q.query(`ALTER TABLE "conversations" ADD COLUMN "agent_last_seen_at" ${type} NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "conversations" DROP COLUMN "agent_last_seen_at"');
  }
}
