import type { ValueTransformer } from 'typeorm';

/**
 * Seals and opens secret values at rest. The envelope and its keys live with the runtime (which
 * loads them from the environment or the key file); it registers the cipher here before the
 * database opens, so every reader of an inbox gets its config in clear and every writer stores it
 * sealed, without each of them knowing about encryption.
 */
export interface SecretCipher {
  seal(clear: string): string;
  /** Clear values written before encryption come back as they are. */
  open(stored: string): string;
  /** Whether a stored value is in clear or sealed with an older key: what a rotation rewrites. */
  isStale(stored: string): boolean;
}

let active: SecretCipher | null = null;

export function useSecretCipher(cipher: SecretCipher | null): void {
  active = cipher;
}

export function secretCipher(): SecretCipher {
  if (!active) throw new Error('No encryption key is loaded: secrets at rest cannot be read or written');
  return active;
}

/** Config keys that hold credentials, at any depth (`smtp.pass`, `imap.pass`). */
export const SECRET_CONFIG_KEYS: ReadonlySet<string> = new Set(['authToken', 'botToken', 'secretToken', 'pass', 'password', 'apiKey', 'identitySecret', 'pageAccessToken', 'appSecret', 'accessToken', 'secretKey']);

/** The config with `change` applied to each of its secret values (a copy; the input is left alone). */
export function mapConfigSecrets(config: Record<string, unknown>, change: (value: string) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (typeof value === 'string') out[key] = SECRET_CONFIG_KEYS.has(key) && value ? change(value) : value;
    else if (Array.isArray(value)) out[key] = value.map((v) => (isObject(v) ? mapConfigSecrets(v, change) : v));
    else if (isObject(value)) out[key] = mapConfigSecrets(value, change);
    else out[key] = value;
  }
  return out;
}

/** Whether any secret value of the config passes `test`. */
export function someConfigSecret(config: Record<string, unknown>, test: (value: string) => boolean): boolean {
  let found = false;
  mapConfigSecrets(config, (v) => {
    found ||= test(v);
    return v;
  });
  return found;
}

/** `inboxes.config`: secrets sealed on the way in, opened on the way out. */
export const inboxConfigTransformer: ValueTransformer = {
  to: (config: Record<string, unknown> | null | undefined) => (isObject(config) ? mapConfigSecrets(config, (v) => secretCipher().seal(v)) : config),
  from: (config: Record<string, unknown> | null | undefined) => (isObject(config) ? mapConfigSecrets(config, (v) => secretCipher().open(v)) : config),
};

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value) && !Buffer.isBuffer(value);
}

/** Settings rows that hold signing keys: read and written through the runtime's SecretsService. */
export const SECRET_SETTING_KEYS: readonly string[] = ['jwt_secret', 'visitor_secret', 'survey_link_secret'];

/** A JSON column as read by a raw query: text (SQLite, and PostgreSQL before jsonb) or already parsed (jsonb). */
const storedJson = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value ?? null);

/** A DataSource, an EntityManager (a transaction) or a migration's QueryRunner. */
type Queryable = { query(sql: string, params?: unknown[]): Promise<any> } & ({ connection: { options: { type: string } } } | { options: { type: string } });

const placeholders = (db: Queryable) => {
  const postgres = ('connection' in db ? db.connection.options : db.options).type === 'postgres';
  return (n: number) => (postgres ? `$${n}` : '?');
};

/**
 * Seals every stored secret that is in clear or sealed with an older key, with the current key:
 * the encryption migration and the key rotation command. Each row is rewritten only if it still
 * holds what was read, so an inbox edited meanwhile on a running node is not overwritten.
 */
export async function resealStoredSecrets(db: Queryable, cipher: () => SecretCipher): Promise<{ inboxes: number; settings: number }> {
  const p = placeholders(db);
  let inboxes = 0;
  for (const row of (await db.query('SELECT id, config FROM inboxes')) as { id: string; config: unknown }[]) {
    const config = storedJson(row.config);
    if (!isObject(config) || !someConfigSecret(config, (v) => cipher().isStale(v))) continue;
    const resealed = mapConfigSecrets(config, (v) => (cipher().isStale(v) ? cipher().seal(cipher().open(v)) : v));
    const read = typeof row.config === 'string' ? row.config : JSON.stringify(row.config);
    await db.query(`UPDATE inboxes SET config = ${p(1)} WHERE id = ${p(2)} AND config = ${p(3)}`, [JSON.stringify(resealed), row.id, read]);
    inboxes++;
  }
  let settings = 0;
  const keys = SECRET_SETTING_KEYS.map((_, i) => p(i + 1)).join(', ');
  for (const row of (await db.query(`SELECT key, value FROM settings WHERE key IN (${keys})`, [...SECRET_SETTING_KEYS])) as { key: string; value: string }[]) {
    if (!cipher().isStale(row.value)) continue;
    await db.query(`UPDATE settings SET value = ${p(1)} WHERE key = ${p(2)} AND value = ${p(3)}`, [cipher().seal(cipher().open(row.value)), row.key, row.value]);
    settings++;
  }
  return { inboxes, settings };
}

/** Every secret value as stored (sealed or still in clear), with where it is: for start-up checks. */
export async function storedSecrets(db: Queryable): Promise<{ where: string; value: string }[]> {
  const out: { where: string; value: string }[] = [];
  for (const row of (await db.query('SELECT id, config FROM inboxes')) as { id: string; config: unknown }[]) {
    const config = storedJson(row.config);
    if (isObject(config)) someConfigSecret(config, (value) => (out.push({ where: `inbox ${row.id}`, value }), false));
  }
  const p = placeholders(db);
  const keys = SECRET_SETTING_KEYS.map((_, i) => p(i + 1)).join(', ');
  for (const row of (await db.query(`SELECT key, value FROM settings WHERE key IN (${keys})`, [...SECRET_SETTING_KEYS])) as { key: string; value: string }[]) {
    out.push({ where: `setting ${row.key}`, value: row.value });
  }
  return out;
}
