import type { DataSource, EntityManager } from 'typeorm';

const sqliteLocks = new WeakMap<DataSource, Promise<unknown>>();

/**
 * One transaction per use case. TypeORM gives SQLite a single shared connection on which a second
 * concurrent transaction would silently nest as a savepoint, so on SQLite they queue here.
 */
export async function withTransaction<T>(db: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (db.options.type === 'postgres') return db.transaction(work);
  const previous = sqliteLocks.get(db) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  sqliteLocks.set(db, previous.then(() => mine));
  await previous;
  try {
    return await db.transaction(work);
  } finally {
    release();
  }
}

/** A unique index refused the row (PostgreSQL 23505, SQLite's UNIQUE constraint), on either driver. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
