import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Hot-path SQL for PostgreSQL whose text does not depend on how many rows it carries: one array
 * parameter per column (`unnest`) instead of one placeholder per value. Built once per entity from
 * TypeORM's metadata and driver conversions (simple-json, dates, booleans), so the rows read and
 * written are exactly what the ORM would read and write, without building a query per batch.
 */
interface EntitySql {
  table: string;
  columns: ColumnMetadata[];
  primary: ColumnMetadata;
  /** `"c1", "c2", …` */
  names: string;
  /** `$1::type[], $2::type[], …` */
  arrays: string;
}

const cache = new WeakMap<DataSource, Map<EntityTarget<ObjectLiteral>, EntitySql>>();

function entitySql(db: DataSource, target: EntityTarget<ObjectLiteral>): EntitySql {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  let sql = perDb.get(target);
  if (!sql) {
    const meta = db.getMetadata(target);
    const columns = meta.columns.filter((c) => !c.isVirtual);
    sql = {
      table: meta.tablePath,
      columns,
      primary: meta.primaryColumns[0],
      names: columns.map((c) => `"${c.databaseName}"`).join(', '),
      arrays: columns.map((c, i) => `$${i + 1}::${db.driver.normalizeType(c)}[]`).join(', '),
    };
    perDb.set(target, sql);
  }
  return sql;
}

/** `INSERT` of many entities as one statement; `onConflict`: e.g. `ON CONFLICT DO NOTHING`. */
export function bulkInsert<T extends ObjectLiteral>(db: DataSource, target: EntityTarget<T>, rows: T[], onConflict = ''): [string, unknown[]] {
  const sql = entitySql(db, target);
  const params = sql.columns.map((c) => rows.map((row) => db.driver.preparePersistentValue(c.getEntityValue(row), c) ?? null));
  return [`INSERT INTO "${sql.table}" (${sql.names}) SELECT * FROM unnest(${sql.arrays})${onConflict ? ` ${onConflict}` : ''}`, params];
}

/** The select list of an entity under `alias`, each column named `prefix` + its database name. */
export function selectColumns(db: DataSource, target: EntityTarget<ObjectLiteral>, alias: string, prefix: string): string {
  return entitySql(db, target).columns.map((c) => `${alias}."${c.databaseName}" AS "${prefix}${c.databaseName}"`).join(', ');
}

/** The entity of a raw row read with `selectColumns` (null when its columns are null: no row joined). */
export function hydrate<T extends ObjectLiteral>(db: DataSource, target: EntityTarget<T>, row: Record<string, unknown>, prefix: string): T | null {
  const sql = entitySql(db, target);
  if (row[`${prefix}${sql.primary.databaseName}`] == null) return null;
  const entity = db.manager.create(target) as T;
  for (const c of sql.columns) c.setEntityValue(entity, db.driver.prepareHydratedValue(row[`${prefix}${c.databaseName}`], c));
  return entity;
}

/**
 * A hot statement as a named prepared statement: PostgreSQL parses and plans it once per pooled
 * connection instead of on every call (for the wide group-commit statements that was most of the
 * database's CPU at low batch sizes). `name` must stand for one statement text.
 */
export async function runPrepared<T = Record<string, unknown>>(db: DataSource, name: string, [text, values]: [string, unknown[]]): Promise<T[]> {
  const pool = (db.driver as unknown as { master: { query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }> } }).master;
  return (await pool.query({ name, text, values })).rows;
}
