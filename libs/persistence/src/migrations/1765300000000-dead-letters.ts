import { randomUUID } from 'node:crypto';
import { MigrationInterface, QueryRunner, Table } from 'typeorm';

// Jobs that failed for good go to a dead-letter list an admin can see and replay (issue 13), on
// either queue: the embedded one's failed rows used to stay in `jobs`, BullMQ's only in Redis.
export class DeadLetters1765300000000 implements MigrationInterface {
  name = 'DeadLetters1765300000000';

  async up(q: QueryRunner): Promise<void> {
    const ts = q.connection.driver.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    await q.createTable(new Table({
      name: 'dead_letters',
      columns: [
        { name: 'id', type: 'varchar', length: '36', isPrimary: true },
        { name: 'queue', type: 'varchar', length: '60' },
        { name: 'name', type: 'varchar', length: '60' },
        { name: 'job_id', type: 'varchar', length: '120' },
        { name: 'data', type: 'text' },
        { name: 'attempts', type: 'integer' },
        { name: 'max_attempts', type: 'integer' },
        { name: 'backoff_ms', type: 'integer' },
        { name: 'error', type: 'varchar', length: '500' },
        { name: 'failed_at', type: ts },
        { name: 'replayed_at', type: ts, isNullable: true },
      ],
      indices: [{ name: 'ix_dead_letters_failed', columnNames: ['failed_at', 'id'] }],
    }));
    // What the embedded queue had given up on before this list existed.
    const failed: { id: string; queue: string; name: string; data: string; attempts: number; max_attempts: number; backoff_ms: number; last_error: string | null; created_at: unknown }[] =
      await q.query(`SELECT id, queue, name, data, attempts, max_attempts, backoff_ms, last_error, created_at FROM jobs WHERE status = 'failed'`);
    const params = q.connection.driver.options.type === 'postgres' ? '$1, $2, $3, $4, $5, $6, $7, $8, $9, $10' : '?, ?, ?, ?, ?, ?, ?, ?, ?, ?';
    for (const job of failed) {
      await q.query(
        `INSERT INTO dead_letters (id, queue, name, job_id, data, attempts, max_attempts, backoff_ms, error, failed_at) VALUES (${params})`,
        [randomUUID(), job.queue, job.name, job.id, job.data, job.attempts, job.max_attempts, job.backoff_ms, job.last_error ?? 'failed', job.created_at],
      );
    }
    await q.query(`DELETE FROM jobs WHERE status = 'failed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('dead_letters');
  }
}
