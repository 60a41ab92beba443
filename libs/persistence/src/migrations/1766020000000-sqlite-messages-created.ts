import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SQLite gets the (created_at, id) index on messages that PostgreSQL has had since the search
 * migration (1765860000000): search reads the newest matches of a common word by walking messages
 * newest first and checking each against the word's matches, instead of sorting all of them
 * (libs/search/src/sqlite-search-index.ts).
 */
export class SqliteMessagesCreated1766020000000 implements MigrationInterface {
  name = 'SqliteMessagesCreated1766020000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'postgres') return;
    await q.query('CREATE INDEX IF NOT EXISTS ix_messages_created ON messages (created_at, id)');
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.driver.options.type === 'postgres') return;
    await q.query('DROP INDEX IF EXISTS ix_messages_created');
  }
}
