import * as fs from 'node:fs';
import * as path from 'node:path';
import { isPostgresUrl } from '@parley/persistence';
import { generateEncryptionKey, KeyRing, parseKeyRing } from './secret-envelope';

export interface EncryptionSettings {
  /** PARLEY_ENCRYPTION_KEYS (or a single PARLEY_ENCRYPTION_KEY): newest first. */
  keys: string | undefined;
  /** NODE_ENV=production: a key from the environment is required. */
  required: boolean;
}

/**
 * The key ring that seals secrets at rest. From the environment when set; otherwise (the embedded
 * default) a key generated once and kept in `parley.key` next to the SQLite file: outside the
 * database, so a copy of the database alone does not give the secrets away.
 */
export function loadKeyRing(settings: EncryptionSettings, databaseUrl: string | undefined): { ring: KeyRing; source: string } {
  if (settings.keys) return { ring: parseKeyRing(settings.keys), source: 'environment' };
  if (settings.required) {
    throw new Error('NODE_ENV=production needs PARLEY_ENCRYPTION_KEY (base64 of 32 random bytes: `openssl rand -base64 32`) to encrypt secrets at rest');
  }
  const file = keyFilePath(databaseUrl);
  return { ring: parseKeyRing(readOrCreateKeyFile(file)), source: file };
}

export function keyFilePath(databaseUrl: string | undefined): string {
  const sqlite = databaseUrl?.startsWith('sqlite:') ? databaseUrl.slice('sqlite:'.length) : null;
  const dir = !isPostgresUrl(databaseUrl) && sqlite && sqlite !== ':memory:' ? path.dirname(path.resolve(sqlite)) : path.resolve('data');
  return path.join(dir, 'parley.key');
}

/** Several processes may start at once on a fresh install: one creates the file, all read it. */
function readOrCreateKeyFile(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, `${generateEncryptionKey()}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if (err.code !== 'EEXIST') throw err;
  }
  return fs.readFileSync(file, 'utf8');
}

/** Puts a new key first in the key file (the embedded default's rotation); the old ones stay readable. */
export function prependKeyFileKey(file: string, encodedKey = generateEncryptionKey()): void {
  const rest = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  fs.writeFileSync(`${file}.new`, `${encodedKey}\n${rest}`, { mode: 0o600 });
  fs.renameSync(`${file}.new`, file);
}

/** Keeps only the newest key in the key file, once nothing is sealed with the others. */
export function trimKeyFile(file: string): void {
  const [first] = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
  fs.writeFileSync(`${file}.new`, `${first}\n`, { mode: 0o600 });
  fs.renameSync(`${file}.new`, file);
}
