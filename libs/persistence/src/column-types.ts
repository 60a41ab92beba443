// One set of entities for SQLite and PostgreSQL. The driver is chosen once per process from
// DATABASE_URL, before any entity module loads, so the decorators can read it here.
export function isPostgresUrl(url: string | undefined): boolean {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

export const usesPostgres = (): boolean => isPostgresUrl(process.env.DATABASE_URL);

/** Timestamp column type: timestamptz on PostgreSQL, datetime (UTC text) on SQLite. */
export const timestampType = () => (usesPostgres() ? 'timestamptz' : 'datetime');

/** Auto-set timestamps need a driver-specific default expression. */
export const nowDefault = () => (usesPostgres() ? () => 'now()' : () => "(strftime('%Y-%m-%d %H:%M:%f','now'))");

/** Binary column type: bytea on PostgreSQL, blob on SQLite. */
export const binaryType = () => (usesPostgres() ? 'bytea' : 'blob');

type IdColumn = { type: 'uuid' | 'varchar'; length?: number; name?: string };

/**
 * Id column (a UUID, own or referenced): `uuid` on PostgreSQL, varchar(36) on SQLite. Ids that are
 * not UUIDs (job ids, socket ids, settings keys) stay text columns of their own.
 */
export function idColumn(options?: { name?: string }): IdColumn;
export function idColumn(options: { name?: string; nullable: true }): IdColumn & { nullable: true };
export function idColumn(options: { name?: string; nullable?: true } = {}): IdColumn {
  return usesPostgres() ? { type: 'uuid', ...options } : { type: 'varchar', length: 36, ...options };
}

/** Structured column (objects, lists): `jsonb` on PostgreSQL (indexable, merged with `||`), JSON text on SQLite. */
export const jsonType = () => (usesPostgres() ? 'jsonb' : 'simple-json');
