import 'reflect-metadata';
import { dataSourceOptions, openDatabase, resealStoredSecrets, useSecretCipher } from '@parley/persistence';
import { EnvelopeCipher, keyFilePath, loadConfig, loadKeyRing, prependKeyFileKey, trimKeyFile } from '@parley/runtime';

/**
 * Re-encrypts every secret at rest (inbox provider tokens and passwords, signing keys in settings)
 * with the newest key; values still in clear are sealed too.
 *
 * With keys from the environment (production):
 *   1. generate a key: `openssl rand -base64 32`
 *   2. put it first on every node: PARLEY_ENCRYPTION_KEYS=<new>,<old> (ids optional: `id:key`), restart
 *   3. `npm run rotate-encryption-key` (or `node dist/tools/scripts/rotate-encryption-key.js`) with that environment
 *   4. drop the old key from PARLEY_ENCRYPTION_KEYS and restart
 * Embedded default (key in data/parley.key): stop Parley, run it with `--new-key`: a new key is
 * written first in the file, everything is re-encrypted, then the old key is removed from the file.
 */
export async function rotateEncryptionKey(env: NodeJS.ProcessEnv, options: { newKey?: boolean } = {}) {
  const config = loadConfig(env);
  const file = config.encryption.keys ? null : keyFilePath(config.databaseUrl);
  if (options.newKey) {
    if (!file) throw new Error('--new-key rotates the key file; with PARLEY_ENCRYPTION_KEYS, put the new key first there instead');
    prependKeyFileKey(file);
  }
  const cipher = new EnvelopeCipher(loadKeyRing(config.encryption, config.databaseUrl).ring);
  useSecretCipher(cipher);
  const db = await openDatabase(dataSourceOptions(config.databaseUrl));
  try {
    const counts = await db.transaction((em) => resealStoredSecrets(em, () => cipher));
    if (file && options.newKey) trimKeyFile(file);
    return { keyId: cipher.ring.current.id, ...counts };
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  rotateEncryptionKey(process.env, { newKey: process.argv.includes('--new-key') }).then(
    ({ keyId, inboxes, settings }) => process.stdout.write(`re-encrypted with key ${keyId}: ${inboxes} inbox config(s), ${settings} signing key(s)\n`),
    (err) => {
      console.error(err.message ?? err);
      process.exit(1);
    },
  );
}
