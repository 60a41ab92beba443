import { DataSource, DataSourceOptions } from 'typeorm';

// Any constant works; it only has to be the same on every node.
const MIGRATION_LOCK = 7_264_353;

/**
 * Opens the database and brings its schema up to date. Several api nodes may start at once on
 * one PostgreSQL: an advisory lock lets exactly one of them migrate while the others wait.
 */
export async function openDatabase(options: DataSourceOptions): Promise<DataSource> {
  const db = new DataSource({ ...options, migrationsRun: false });
  await db.initialize();
  if (db.options.type !== 'postgres') {
    await db.runMigrations({ transaction: 'all' });
    return db;
  }
  const lock = db.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await db.runMigrations({ transaction: 'all' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
  }
  return db;
}
