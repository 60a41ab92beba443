import { MigrationInterface, QueryRunner } from 'typeorm';
import { mapConfigSecrets, resealStoredSecrets, SECRET_SETTING_KEYS, secretCipher } from '../secret-columns';

// Secrets at rest (issue 13): provider tokens and mail passwords in inboxes.config, signing keys in
// settings, sealed with the key the runtime loaded. Readers take clear values too, so a node still
// running the previous version keeps working until it is replaced.
export class EncryptSecrets1765400000000 implements MigrationInterface {
  name = 'EncryptSecrets1765400000000';

  async up(q: QueryRunner): Promise<void> {
    // The cipher is asked for only when there is something to seal: a new database needs no key yet.
    await resealStoredSecrets(q, secretCipher);
  }

  async down(q: QueryRunner): Promise<void> {
    // Back to clear values for the version before, which cannot read envelopes.
    const cipher = secretCipher();
    const postgres = q.connection.driver.options.type === 'postgres';
    const p = (n: number) => (postgres ? `$${n}` : '?');
    for (const row of (await q.query('SELECT id, config FROM inboxes')) as { id: string; config: string | null }[]) {
      if (!row.config) continue;
      const config = mapConfigSecrets(JSON.parse(row.config), (v) => cipher.open(v));
      await q.query(`UPDATE inboxes SET config = ${p(1)} WHERE id = ${p(2)}`, [JSON.stringify(config), row.id]);
    }
    for (const key of SECRET_SETTING_KEYS) {
      const [row] = (await q.query(`SELECT value FROM settings WHERE key = ${p(1)}`, [key])) as { value: string }[];
      if (row) await q.query(`UPDATE settings SET value = ${p(1)} WHERE key = ${p(2)}`, [cipher.open(row.value), key]);
    }
  }
}
