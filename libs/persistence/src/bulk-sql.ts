import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { createHash } from 'node:crypto';

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

/** One row's changes: `set` by property name; `increment` properties go up by one in SQL. */
export interface BulkRowUpdate {
  id: string;
  set: object;
  increment?: readonly string[];
  /** JSON(B) columns of `set` merged under the stored value (`new || stored`: stored keys win). */
  fillIn?: readonly string[];
}

/**
 * `UPDATE` of many rows as one statement. Every row must set the same properties (group them by
 * their column list first); the column types come from the entity's metadata, like bulkInsert's.
 */
export function bulkUpdate(db: DataSource, target: EntityTarget<ObjectLiteral>, rows: BulkRowUpdate[]): [string, unknown[]] {
  const sql = entitySql(db, target);
  const meta = db.getMetadata(target);
  const column = (property: string) => {
    const c = meta.findColumnWithPropertyName(property);
    if (!c) throw new Error(`bulkUpdate: ${meta.name} has no column ${property}`);
    return c;
  };
  const setColumns = Object.keys(rows[0].set).sort().map(column);
  const increments = (rows[0].increment ?? []).map(column);
  const key = sql.primary;
  const arrays = [key, ...setColumns].map((c, i) => `$${i + 1}::${db.driver.normalizeType(c)}[]`).join(', ');
  const names = [key, ...setColumns].map((_, i) => `c${i}`).join(', ');
  const fillIn = new Set(rows[0].fillIn ?? []);
  const assignments = [
    ...setColumns.map((c, i) => (fillIn.has(c.propertyName) ? `"${c.databaseName}" = v.c${i + 1} || t."${c.databaseName}"` : `"${c.databaseName}" = v.c${i + 1}`)),
    ...increments.map((c) => `"${c.databaseName}" = t."${c.databaseName}" + 1`),
  ].join(', ');
  const params = [
    rows.map((r) => r.id),
    ...setColumns.map((c) => rows.map((r) => db.driver.preparePersistentValue((r.set as Record<string, unknown>)[c.propertyName], c) ?? null)),
  ];
  return [`UPDATE "${sql.table}" AS t SET ${assignments} FROM unnest(${arrays}) AS v(${names}) WHERE t."${key.databaseName}" = v.c0`, params];
}

/** A client that runs named prepared statements (node-postgres' Pool and PoolClient). */
export interface PreparingClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/** The name of a prepared statement: one per statement text. */
export function statementName(text: string): string {
  return `parley_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
}

/**
 * A hot statement as a named prepared statement: PostgreSQL parses and plans it once per pooled
 * connection instead of on every call (for the wide group-commit statements that was most of the
 * database's CPU at low batch sizes). The name is derived from the text.
 */
export async function queryPrepared<T = Record<string, unknown>>(client: PreparingClient, [text, values]: [string, unknown[]]): Promise<T[]> {
  return (await client.query({ name: statementName(text), text, values })).rows as T[];
}

/**
 * `queryPrepared` on one of the DataSource's pooled connections, taken through TypeORM's public
 * query runner (`connect()` hands out the driver's connection). `name` is kept for callers; the
 * statement's name is derived from its text.
 */
export async function runPrepared<T = Record<string, unknown>>(db: DataSource, _name: string, statement: [string, unknown[]]): Promise<T[]> {
  const runner = db.createQueryRunner();
  try {
    const client = (await runner.connect()) as PreparingClient;
    return await queryPrepared<T>(client, statement);
  } finally {
    await runner.release();
  }
}

/** The database type of an entity's property (`varchar`, `uuid`, …), for casting array parameters. */
export function columnType(db: DataSource, target: EntityTarget<ObjectLiteral>, property: string): string {
  const c = db.getMetadata(target).findColumnWithPropertyName(property);
  if (!c) throw new Error(`columnType: no column ${property}`);
  return db.driver.normalizeType(c);
}
